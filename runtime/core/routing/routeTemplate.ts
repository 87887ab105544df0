import { foldCase } from './ordinalIgnoreCase';
import { resolveRouteConstraint, type RouteConstraint } from './routeConstraints';
import { parseParameterText, type ParameterText } from './routeParameter';
import { MESSAGES } from './routeTemplateMessages';

export interface RouteLiteral {
  readonly kind: 'literal';
  readonly text: string;
}

/** A "." right before an optional parameter that ends its segment: it may be left out together with it. */
export interface RouteSeparator {
  readonly kind: 'separator';
  readonly text: string;
}

export interface RouteParameter {
  readonly kind: 'parameter';
  readonly name: string;
  readonly isCatchAll: boolean;
  readonly isOptional: boolean;
  readonly defaultValue: string | undefined;
  readonly constraints: readonly RouteConstraint[];
}

export type RoutePart = RouteLiteral | RouteSeparator | RouteParameter;

/** The text between two '/'. Several parts make a "complex" segment, such as `{file}.{ext}`. */
export interface RouteSegment {
  readonly parts: readonly RoutePart[];
}

export interface RouteTemplate {
  /** The template as given, before the leading `/` or `~/` is dropped. */
  readonly text: string;
  readonly segments: readonly RouteSegment[];
  readonly parameters: readonly RouteParameter[];
}

export type RouteTemplateResult = { ok: true; template: RouteTemplate } | { ok: false; error: string };

/**
 * Parses a route template with the rules of ASP.NET Core's RoutePatternParser, then resolves inline
 * constraints as the legacy Route does when it is constructed. Errors carry ASP.NET's wording, prefixed
 * with the template. ASP.NET has no rule against white space: `{ id }` is a parameter named " id ".
 */
export function parseRouteTemplate(template: string): RouteTemplateResult {
  const fail = (message: string): RouteTemplateResult => ({
    ok: false,
    error: `Invalid route template '${template}': ${message}`,
  });
  let body: string;
  if (template.startsWith('~/')) body = template.slice(2);
  else if (template.startsWith('/')) body = template.slice(1);
  else if (template.startsWith('~')) return fail(MESSAGES.tilde);
  else body = template;

  const parsed = new SegmentScanner(body).scanAll();
  if (typeof parsed === 'string') return fail(parsed);

  const segments: RouteSegment[] = [];
  const parameters: RouteParameter[] = [];
  for (const rawParts of parsed) {
    const parts: RoutePart[] = [];
    for (const raw of rawParts) {
      if (raw.kind !== 'parameter') {
        parts.push(raw);
        continue;
      }
      const constraints: RouteConstraint[] = [];
      for (const text of raw.constraints) {
        const resolved = resolveRouteConstraint(text);
        if (!resolved.ok) return fail(`The constraint entry '${raw.name}' - '${text}': ${resolved.error}`);
        constraints.push(resolved.constraint);
      }
      const parameter: RouteParameter = { ...raw, constraints };
      parts.push(parameter);
      parameters.push(parameter);
    }
    segments.push({ parts });
  }
  return { ok: true, template: { text: template, segments, parameters } };
}

/**
 * TemplateParser.Parse: the pattern rules only (constraints are resolved later, when the route is
 * built). Gives RoutePatternException's message, or undefined when the pattern parses.
 */
export function routePatternError(template: string): string | undefined {
  let body = template;
  if (template.startsWith('~/')) body = template.slice(2);
  else if (template.startsWith('/')) body = template.slice(1);
  else if (template.startsWith('~')) return MESSAGES.tilde;
  const parsed = new SegmentScanner(body).scanAll();
  return typeof parsed === 'string' ? parsed : undefined;
}

type RawParameter = ParameterText & { readonly kind: 'parameter' };
type RawPart = RouteLiteral | RouteSeparator | RawParameter;

/** Walks the template once, splitting segments and parts; returns an error message on the first problem. */
class SegmentScanner {
  private i = 0;
  private readonly names = new Set<string>();

  constructor(private readonly text: string) {}

  scanAll(): RawPart[][] | string {
    const segments: RawPart[][] = [];
    while (this.i < this.text.length) {
      // A segment always stops on a '/' or the end, so a '/' here means two in a row.
      if (this.text.charAt(this.i) === '/') return MESSAGES.consecutiveSeparators;
      const segment = this.scanSegment();
      if (typeof segment === 'string') return segment;
      segments.push(segment);
      this.i++; // the separator; a trailing '/' just ends the loop
    }
    const lastIndex = segments.length - 1;
    const misplacedCatchAll = segments.some((parts, s) =>
      parts.some(
        (p, j) => p.kind === 'parameter' && p.isCatchAll && (s !== lastIndex || j !== parts.length - 1),
      ),
    );
    return misplacedCatchAll ? MESSAGES.catchAllLast : segments;
  }

  private scanSegment(): RawPart[] | string {
    const parts: RawPart[] = [];
    while (this.i < this.text.length && this.text.charAt(this.i) !== '/') {
      const isParameter = this.text.charAt(this.i) === '{' && this.text.charAt(this.i + 1) !== '{';
      if (isParameter && this.i + 1 >= this.text.length) return MESSAGES.mismatched;
      const part = isParameter ? this.scanParameter() : this.scanLiteral();
      if (typeof part === 'string') return part;
      parts.push(part);
    }
    return validateSegment(parts);
  }

  private scanLiteral(): RouteLiteral | string {
    const start = this.i;
    const t = this.text;
    while (this.i < t.length && t.charAt(this.i) !== '/') {
      const c = t.charAt(this.i);
      if (c === '{' || c === '}') {
        if (this.i + 1 >= t.length) return MESSAGES.mismatched;
        if (t.charAt(this.i + 1) === c) {
          this.i += 2; // an escaped brace
          continue;
        }
        if (c === '}') return MESSAGES.mismatched;
        break; // a parameter starts here
      }
      this.i++;
    }
    const literal = unescapeBraces(t.slice(start, this.i));
    return literal.includes('?') ? MESSAGES.invalidLiteral(literal) : { kind: 'literal', text: literal };
  }

  private scanParameter(): RawParameter | string {
    const start = this.i;
    const t = this.text;
    this.i++;
    for (;;) {
      if (this.i >= t.length) return MESSAGES.mismatched;
      const c = t.charAt(this.i);
      if (c === '{') {
        if (this.i + 1 >= t.length) return MESSAGES.mismatched;
        if (t.charAt(this.i + 1) !== '{') return MESSAGES.unescapedBrace;
        this.i += 2;
      } else if (c === '}') {
        if (t.charAt(this.i + 1) !== '}') {
          this.i++;
          break;
        }
        this.i += 2;
      } else {
        this.i++;
      }
    }
    const raw = t.slice(start, this.i);
    if (raw === '{}') return MESSAGES.invalidName('');
    const inner = unescapeBraces(raw.slice(1, -1));
    const parsed = parseParameterText(inner);
    if (inner.startsWith('*') && inner.endsWith('?')) return MESSAGES.catchAllOptional;
    if (parsed.isOptional && parsed.defaultValue !== undefined) return MESSAGES.optionalDefault;
    if (parsed.name.length === 0 || /[/{}?*]/.test(parsed.name)) return MESSAGES.invalidName(parsed.name);
    const key = foldCase(parsed.name);
    if (this.names.has(key)) return MESSAGES.repeatedName(parsed.name);
    this.names.add(key);
    return { kind: 'parameter', ...parsed };
  }
}

function unescapeBraces(text: string): string {
  return text.replaceAll('}}', '}').replaceAll('{{', '{');
}

function validateSegment(parts: RawPart[]): RawPart[] | string {
  if (parts.length > 1 && parts.some((p) => p.kind === 'parameter' && p.isCatchAll)) {
    return MESSAGES.catchAllMultiPart;
  }
  for (let j = 0; j < parts.length && parts.length > 1; j++) {
    const part = parts[j]!;
    if (part.kind !== 'parameter' || !part.isOptional) continue;
    if (j !== parts.length - 1) {
      return MESSAGES.optionalNotLast(describeParts(parts), part.name, describePart(parts[j + 1]!));
    }
    const previous = parts[j - 1]!;
    if (previous.kind === 'parameter' || previous.text !== '.') {
      return MESSAGES.optionalAfterNonPeriod(describeParts(parts), part.name, describePart(previous));
    }
    parts[j - 1] = { kind: 'separator', text: previous.text };
  }
  const consecutive = parts.some(
    (p, j) => j > 0 && p.kind === 'parameter' && parts[j - 1]!.kind === 'parameter',
  );
  return consecutive ? MESSAGES.consecutiveParameters : parts;
}

// How ASP.NET prints parts in its error messages.
function describeParts(parts: readonly RawPart[]): string {
  return parts.map(describePart).join('');
}

function describePart(part: RawPart): string {
  if (part.kind !== 'parameter') return part.text;
  const constraints = part.constraints.map((c) => `:${c}`).join('');
  const defaultValue = part.defaultValue === undefined ? '' : `=${part.defaultValue}`;
  return `{${part.isCatchAll ? '*' : ''}${part.name}${constraints}${defaultValue}${part.isOptional ? '?' : ''}}`;
}

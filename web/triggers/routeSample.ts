import { parseRouteTemplate } from '../../runtime/core/routing/routeTemplate';
import type { RouteParameter } from '../../runtime/core/routing/routeTemplate';

/**
 * Values to try for a route parameter, in order: what a person would type first. Each is checked
 * against the parameter's constraints with the host's own rules (runtime/core/routing), so the
 * path the composer fills reaches the function instead of a 404.
 */
const CANDIDATES = [
  '1',
  'abc',
  'true',
  '00000000-0000-0000-0000-000000000001',
  '2024-05-01',
  '1.5',
  'a',
  'file.txt',
];

/** Values a constraint's own arguments suggest: `min(18)` → 18, `length(3)` → `aaa`. */
function suggestedBy(constraintText: string): string[] {
  const match = /^([a-z]+)\(([^)]*)\)$/i.exec(constraintText);
  if (!match) return [];
  const name = match[1]!.toLowerCase();
  const args = match[2]!.split(',').map((a) => a.trim());
  const count = Number(args[0]);
  switch (name) {
    case 'min':
    case 'max':
    case 'range':
      return [args[0]!, ...(args[1] !== undefined ? [args[1]] : [])];
    case 'minlength':
    case 'length':
      return Number.isInteger(count) && count > 0 && count <= 64
        ? ['a'.repeat(count), '1'.repeat(count)]
        : [];
    default:
      return [];
  }
}

function accepts(parameter: RouteParameter, value: string): boolean {
  return parameter.constraints.every((c) => c.matches(value));
}

/** A value every constraint of the parameter accepts, or undefined when none of the candidates does. */
export function sampleValue(parameter: RouteParameter): string | undefined {
  const tries = [
    ...(parameter.defaultValue !== undefined ? [parameter.defaultValue] : []),
    ...parameter.constraints.flatMap((c) => suggestedBy(c.text)),
    ...CANDIDATES,
  ];
  return tries.find((value) => value !== '' && accepts(parameter, value));
}

/**
 * A request path for a route template path (`/api/products/{category:alpha}/{id:int?}` →
 * `/api/products/abc/1`): every parameter, optional ones too, filled with a value its constraints
 * accept. A parameter no candidate satisfies (a strict `regex(...)`) stays as `{name}` for the
 * person to fill in; a template the host would refuse is returned as it is.
 */
export function sampleRoutePath(templatePath: string): string {
  const parsed = parseRouteTemplate(templatePath.replace(/^\/+/, ''));
  if (!parsed.ok) return templatePath;
  const segments = parsed.template.segments.map((segment) =>
    segment.parts
      .map((part) => {
        if (part.kind !== 'parameter') return part.text;
        const value = sampleValue(part);
        return value === undefined ? `{${part.name}}` : encodeURIComponent(value).replace(/%2F/gi, '/');
      })
      .join(''),
  );
  return `/${segments.join('/')}`;
}

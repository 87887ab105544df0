/**
 * The inside of one `{...}` route parameter, braces already unescaped, as ASP.NET Core's
 * RouteParameterParser reads it: `*`/`**` catch-all prefix, `?` optional suffix, name, `:constraint`s
 * and `=default`. Constraints are left as text; resolving them is a separate, later step (as in RouteBase).
 */
export interface ParameterText {
  readonly name: string;
  readonly isCatchAll: boolean;
  readonly isOptional: boolean;
  readonly defaultValue: string | undefined;
  readonly constraints: readonly string[];
}

export function parseParameterText(inner: string): ParameterText {
  const isCatchAll = inner.startsWith('*');
  const start = inner.startsWith('**') ? 2 : isCatchAll ? 1 : 0;
  const isOptional = inner.endsWith('?');
  // Inclusive, like the .NET parser, so the quirks at the edges carry over.
  const end = isOptional ? inner.length - 2 : inner.length - 1;

  // A ':' or '=' in first place belongs to the name: "{=x}" is a parameter named "=x".
  let delimiter = -1;
  for (let i = start + 1; i <= end; i++) {
    const c = inner.charAt(i);
    if (c === ':' || c === '=') {
      delimiter = i;
      break;
    }
  }
  const name = inner.slice(start, delimiter === -1 ? end + 1 : delimiter);

  // .NET starts the constraint scan one character before the delimiter; the scan ignores that character
  // unless it is '(' (a name ending in '(' then swallows the first constraint).
  const scan =
    delimiter === -1 ? { constraints: [], next: end + 1 } : scanConstraints(inner, delimiter - 1, end);
  const defaultValue =
    scan.next <= end && inner.charAt(scan.next) === '=' ? inner.slice(scan.next + 1, end + 1) : undefined;
  return { name, isCatchAll, isOptional, defaultValue, constraints: scan.constraints };
}

type ScanState = 'start' | 'name' | 'parenthesis' | 'end';

/**
 * Splits `:a:b(x):c(y)` into constraint texts and stops at the '=' of a default. Inside parentheses a ':' or
 * '=' only ends the constraint when no ')' follows anywhere later, which lets `regex(a:b)` keep its colon.
 */
function scanConstraints(text: string, from: number, end: number): { constraints: string[]; next: number } {
  const constraints: string[] = [];
  const addIfAny = (t: string): void => {
    if (t.length > 0) constraints.push(t);
  };
  let state: ScanState = 'start';
  let tokenStart = from;
  let i = from;
  do {
    const c = i > end ? undefined : text.charAt(i);
    if (state === 'start') {
      if (c === undefined) state = 'end';
      else if (c === ':') [state, tokenStart] = ['name', i + 1];
      else if (c === '(') state = 'parenthesis';
      else if (c === '=') [state, i] = ['end', i - 1];
    } else if (state === 'name') {
      if (c === undefined) {
        state = 'end';
        addIfAny(text.slice(tokenStart, i));
      } else if (c === ':') {
        addIfAny(text.slice(tokenStart, i));
        tokenStart = i + 1;
      } else if (c === '(') {
        state = 'parenthesis';
      } else if (c === '=') {
        addIfAny(text.slice(tokenStart, i));
        [state, i] = ['end', i - 1];
      }
    } else if (state === 'parenthesis') {
      if (c === undefined) {
        state = 'end';
        constraints.push(text.slice(tokenStart, i));
      } else if (c === ')') {
        const after = i + 1 > end ? undefined : text.charAt(i + 1);
        if (after === undefined || after === ':' || after === '=') {
          constraints.push(text.slice(tokenStart, i + 1));
          if (after === ':') [state, tokenStart] = ['start', i + 1];
          else state = 'end';
        }
      } else if (c === ':' || c === '=') {
        const close = text.indexOf(')', i + 1);
        if (close >= 0) {
          i = close;
        } else {
          constraints.push(text.slice(tokenStart, i));
          if (c === ':') [state, tokenStart] = ['name', i + 1];
          else [state, i] = ['end', i - 1];
        }
      }
    }
    i++;
  } while (state !== 'end');
  return { constraints, next: i };
}

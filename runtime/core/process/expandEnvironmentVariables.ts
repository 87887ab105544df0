/** An environment block as the host sees it; `undefined` means "not set" (the shape of `process.env`). */
export type EnvironmentBlock = Readonly<Record<string, string | undefined>>;

/**
 * .NET `Environment.ExpandEnvironmentVariables` as implemented on Unix.
 *
 * Scanning moves from one `%` to the next. A run `%NAME%` whose NAME is set (exact case, as
 * `getenv` is) becomes the value and consumes both signs. When NAME is not set, only the text
 * before the closing `%` is copied, so that `%` can open the next run: with only B set,
 * `%A%B%` becomes `%A` + B. A lone `%` and `%%` are kept as they are.
 */
export function expandEnvironmentVariables(text: string, env: EnvironmentBlock): string {
  let result = '';
  let lastPos = 0;
  while (lastPos < text.length) {
    const pos = text.indexOf('%', lastPos + 1);
    if (pos < 0) break;
    if (text.charAt(lastPos) === '%') {
      const value = lookUp(env, text.slice(lastPos + 1, pos));
      if (value !== undefined) {
        result += value;
        lastPos = pos + 1;
        continue;
      }
    }
    result += text.slice(lastPos, pos);
    lastPos = pos;
  }
  return result + text.slice(lastPos);
}

function lookUp(env: EnvironmentBlock, name: string): string | undefined {
  // getenv("") never finds anything, and an own-property check keeps `constructor` and the
  // like from resolving through the prototype.
  if (name === '' || !Object.hasOwn(env, name)) return undefined;
  return env[name];
}

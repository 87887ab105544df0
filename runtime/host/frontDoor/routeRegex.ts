import type { FunctionDef } from '../../core/app/functionJson';
import type { RegexTester } from '../../core/routing/matchRoute';
import { ROUTE_REGEX_TIMEOUT_MS } from '../constants';
import type { AppContext } from '../hostContext';
import { RegexTimeoutError } from '../regex/regexPool';

/**
 * Route regex constraints run on a worker with ASP.NET's 10 s match timeout, so a backtracking
 * pattern cannot stop the host from answering other requests. Past the limit the request fails
 * (500) as RegexMatchTimeoutException fails it in ASP.NET, and the log names the function.
 */
export function routeRegexTester(
  app: AppContext,
  fn: FunctionDef,
  timeoutMs = ROUTE_REGEX_TIMEOUT_MS,
): RegexTester {
  return async (pattern, value) => {
    try {
      return await app.platform.testRegex(pattern, value, timeoutMs);
    } catch (e) {
      const why =
        e instanceof RegexTimeoutError
          ? `ran longer than ${timeoutMs / 1000} s and was stopped`
          : `failed: ${(e as Error).message}`;
      app.log(
        'error',
        'Microsoft.AspNetCore.Routing',
        `The route constraint regex(${pattern.source}) of function '${fn.name}' ${why} (value '${clip(value)}'). ` +
          `The request fails with 500. ${e instanceof RegexTimeoutError ? e.message : ''}`.trimEnd(),
        { functionName: fn.name },
      );
      throw e;
    }
  };
}

function clip(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}

import type { StreamError } from '../../host/platform';

/** An Error with Node's `code`, worded as Node words it (`connect ECONNREFUSED 127.0.0.1:7071`). */
export function streamError(code: string, message: string): StreamError {
  return Object.assign(new Error(message), { code });
}

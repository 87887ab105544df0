import { nodeError } from '../nodeErrors';

// Apart from serverResponse.ts so the head builder (responseHead.ts) shares the same checks.
export type HeaderValue = string | number | readonly (string | number)[];
export type HeadersArgument =
  Record<string, HeaderValue> | readonly (string | number)[] | readonly (readonly [string, HeaderValue])[];

// Node 20's checks (lib/_http_outgoing.js), so the same headers fail with the same errors.
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
export const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

export function validateHeaderName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
    throw nodeError(
      TypeError,
      'ERR_INVALID_HTTP_TOKEN',
      `Header name must be a valid HTTP token ["${String(name)}"]`,
    );
  }
}

export function validateHeaderValue(name: string, value: unknown): void {
  if (value === undefined) {
    throw nodeError(
      TypeError,
      'ERR_HTTP_INVALID_HEADER_VALUE',
      `Invalid value "${String(value)}" for header "${name}"`,
    );
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.some((one) => INVALID_HEADER_CHAR.test(String(one)))) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
}

export function headersSentError(action: string): Error {
  return nodeError(
    Error,
    'ERR_HTTP_HEADERS_SENT',
    `Cannot ${action} headers after they are sent to the client`,
  );
}

/**
 * addTrailers: each trailer is checked as a header and handed on as its line, one at a time,
 * so those before a bad one are kept, as in Node.
 */
export function eachTrailerLine(
  headers: Record<string, string> | readonly [string, string][],
  add: (line: string) => void,
): void {
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    add(`${name}: ${value}\r\n`);
  }
}

/**
 * A malformed HTTP/1.x message. `code` is llhttp's error name and `message` is what Node puts in
 * its parse errors, so a host built on this parser reports the same thing Node would.
 */
export class Http1ParseError extends Error {
  readonly code: string;

  constructor(code: string, reason: string) {
    // Node leaves the reason out for an EOF in mid-message: its message is just 'Parse Error'.
    super(reason === '' ? 'Parse Error' : `Parse Error: ${reason}`);
    this.name = 'Http1ParseError';
    this.code = code;
  }
}

/** Throws; typed `never` so the state machine's branches read as dead ends. */
export function fail(code: string, reason: string): never {
  throw new Http1ParseError(code, reason);
}

import { parseChunk } from './bodyStates';
import { Http1ParseError } from './parseError';
import { ParserState } from './parserState';
import { B_CLOSED, B_UNTIL_EOF, H_START } from './stateCodes';
import type { Http1ParserCallbacks, Http1ParserOptions } from './parserTypes';

// The parser's public face. The state machine behind it is split by what it reads: the head
// (headStates, headFraming), the body (bodyStates), and the state they share (parserState).
export { Http1ParseError };
export type { HttpHead, Http1ParserCallbacks, Http1ParserOptions } from './parserTypes';

/** An incremental HTTP/1.x parser that accepts and rejects what Node 20's llhttp does. */
export class Http1Parser {
  private readonly core: ParserState;
  private failure: Http1ParseError | undefined;

  constructor(kind: 'request' | 'response', callbacks: Http1ParserCallbacks, options?: Http1ParserOptions) {
    this.core = new ParserState(kind, callbacks, options);
  }

  /** True between messages (nothing partial buffered). */
  get idle(): boolean {
    const state = this.core.state;
    return this.failure === undefined && (state === H_START || state === B_CLOSED);
  }

  /** Response parser only: the method of the request the next response answers, in send order. */
  expectResponseTo(method: string): void {
    this.core.responseTo.push(method);
  }

  execute(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    try {
      parseChunk(this.core, chunk);
    } catch (error) {
      if (error instanceof Http1ParseError) this.failure = error;
      throw error;
    }
  }

  /** EOF from the peer: ends a close-delimited response, or fails if a message was cut off. */
  finish(): void {
    if (this.failure) throw this.failure;
    const core = this.core;
    if (core.state === B_UNTIL_EOF) {
      core.state = B_CLOSED;
      core.callbacks.onComplete();
      return;
    }
    if (core.state === H_START || core.state === B_CLOSED) return;
    this.failure = new Http1ParseError('HPE_INVALID_EOF_STATE', '');
    throw this.failure;
  }
}

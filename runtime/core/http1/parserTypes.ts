// The parser's public shapes. They live apart from the class so the modules that implement the
// state machine can use them without importing parser.ts, which imports those modules; parser.ts
// re-exports them, and that is where other code takes them from.

export interface HttpHead {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly reason: string;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly rawHeaders: readonly string[];
  readonly keepAlive: boolean;
  readonly contentLength: number | undefined;
  readonly chunked: boolean;
  readonly upgrade: boolean;
}

export interface Http1ParserCallbacks {
  onHead(head: HttpHead): void;
  /** De-chunked body bytes; may be a view into the input chunk, valid only during the call. */
  onBody(chunk: Uint8Array): void;
  onComplete(): void;
}

export interface Http1ParserOptions {
  readonly maxHeaderBytes?: number;
}

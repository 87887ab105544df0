import { EXT_NAME_START } from './chunkExtension';
import { fail } from './parseError';
import type { Http1ParserCallbacks, Http1ParserOptions } from './parserTypes';
import { B_CLOSED, H_FIELD, H_REASON, H_START, H_URL, H_VALUE } from './stateCodes';
import { URL_START } from './requestTarget';

// Node (llhttp's host) counts the bytes of the request-target or reason phrase, header names
// and header values — not the method, version, separators or leading whitespace of values — and
// fails once that count reaches its limit. The count starts again for trailers.
const DEFAULT_MAX_HEADER_BYTES = 16384;
// Uncounted bytes (whitespace, CRLFs) are not free to hold here as they are in streaming llhttp,
// so a head whose raw size passes this multiple of the limit is refused too.
const RAW_HEAD_FACTOR = 4;
const NO_BYTES = new Uint8Array(0);

/**
 * Everything the parser knows about one connection: the state machine's position, the bytes of a
 * head in progress, and what has been read of the current message. Its fields are public because
 * the head and body readers (separate modules, to keep each one small) work on it directly as the
 * parser's own methods did; only Http1Parser is exported to the rest of the code.
 */
export class ParserState {
  readonly isRequest: boolean;
  readonly callbacks: Http1ParserCallbacks;
  readonly maxHeaderBytes: number;
  readonly responseTo: string[] = [];
  state = H_START;

  // Where the head's bytes are. Offsets below are relative to the head's first byte; the chunk
  // index of offset 0 is `base`. A head split across chunks is copied into `saved`.
  base = 0;
  isSaved = false;
  // Allocated when a head first spans chunks: most heads arrive whole, and a parser per call is common.
  saved: Uint8Array = NO_BYTES;
  savedLength = 0;
  appendedTo = 0;
  source: Uint8Array = this.saved;
  sourceOffset = 0;

  // The message being read.
  methodNode = 0;
  method = -1;
  urlState = URL_START;
  urlStart = 0;
  urlEnd = 0;
  protocol = 0;
  protocolIndex = 0;
  versionMajor = 0;
  versionMinor = 0;
  status = 0;
  statusDigits = 0;
  reasonStart = 0;
  reasonEnd = 0;
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueTrimmedEnd = 0;
  /** [nameStart, nameEnd, valueStart, valueEnd, …] as head offsets. */
  fields: number[] = [];
  afterField = false;
  counted = 0;
  contentLength = -1;
  hasTransferEncoding = false;
  chunked = false;
  connection = 0;
  hasUpgradeField = false;
  keepAlive = false;
  inTrailers = false;
  remaining = 0;
  extensionState = EXT_NAME_START;
  extensionBytes = 0;

  constructor(kind: 'request' | 'response', callbacks: Http1ParserCallbacks, options?: Http1ParserOptions) {
    this.isRequest = kind === 'request';
    this.callbacks = callbacks;
    this.maxHeaderBytes = options?.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  }

  beginMessage(at: number): void {
    this.base = at;
    this.isSaved = false;
    this.methodNode = 0;
    this.method = -1;
    this.status = 0;
    this.statusDigits = 0;
    this.protocolIndex = 0;
    this.urlStart = this.urlEnd = this.reasonStart = this.reasonEnd = 0;
    this.versionMajor = this.versionMinor = 0;
    this.fields.length = 0;
    this.afterField = false;
    this.counted = 0;
    this.contentLength = -1;
    this.hasTransferEncoding = false;
    this.chunked = false;
    this.connection = 0;
    this.hasUpgradeField = false;
    this.inTrailers = false;
  }

  count(length: number): void {
    this.counted += length;
    if (this.counted >= this.maxHeaderBytes) fail('HPE_HEADER_OVERFLOW', 'Header overflow');
  }

  /** Makes head offsets [0, chunk index `upTo` - base) readable through source/sourceOffset. */
  sync(chunk: Uint8Array, upTo: number): void {
    if (!this.isSaved) {
      this.source = chunk;
      this.sourceOffset = this.base;
      return;
    }
    this.append(chunk, this.appendedTo, upTo);
    this.appendedTo = upTo;
    this.source = this.saved;
    this.sourceOffset = 0;
  }

  append(chunk: Uint8Array, from: number, to: number): void {
    const needed = this.savedLength + (to - from);
    if (needed > this.saved.length) {
      const grown = new Uint8Array(Math.max(needed, this.saved.length * 2, 1024));
      grown.set(this.saved.subarray(0, this.savedLength));
      this.saved = grown;
    }
    this.saved.set(chunk.subarray(from, to), this.savedLength);
    this.savedLength = needed;
  }

  /** At the end of a chunk inside a head: keep its bytes and check the limits on them. */
  keepPartialHead(chunk: Uint8Array, n: number): void {
    const state = this.state;
    if (state === H_START) return;
    if (this.isSaved) {
      this.append(chunk, this.appendedTo, n);
    } else {
      this.savedLength = 0;
      this.append(chunk, this.base, n);
      this.isSaved = true;
    }
    const end = n - this.base;
    let partial = 0;
    if (state === H_URL) partial = end - this.urlStart;
    else if (state === H_REASON) partial = end - this.reasonStart;
    else if (state === H_FIELD) partial = end - this.nameStart;
    else if (state === H_VALUE) partial = end - this.valueStart;
    const limit = this.maxHeaderBytes;
    if (this.counted + partial >= limit || this.savedLength > limit * RAW_HEAD_FACTOR) {
      fail('HPE_HEADER_OVERFLOW', 'Header overflow');
    }
  }

  complete(): void {
    // After a message that does not keep the connection, llhttp refuses anything but blank lines.
    this.state = this.keepAlive ? H_START : B_CLOSED;
    this.callbacks.onComplete();
  }
}

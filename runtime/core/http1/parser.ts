import { HEX, TOKEN, URL_CHAR } from './charClasses';
import { EXT_NAME_START, extensionMayEnd, extensionStep } from './chunkExtension';
import {
  CONNECTION_CLOSE,
  CONNECTION_KEEP_ALIVE,
  CONNECTION_UPGRADE,
  FIELD_CONNECTION,
  FIELD_CONTENT_LENGTH,
  FIELD_TRANSFER_ENCODING,
  FIELD_UPGRADE,
  connectionOptions,
  endsChunked,
  fieldKind,
  mayBeFramingField,
  parseContentLength,
} from './headerFields';
import { internedLatin1 } from './internedText';
import {
  CONNECT_METHOD,
  FIRST_RTSP_ONLY_METHOD,
  METHOD_NAMES,
  SOURCE_METHOD,
  methodAt,
  methodStep,
} from './methods';
import { Http1ParseError, fail } from './parseError';
import { URL_PATH, URL_SERVER, URL_START, targetMayEnd, targetStep } from './requestTarget';

export { Http1ParseError };

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

const CR = 13;
const LF = 10;
const SP = 0x20;
const HTAB = 0x09;

// Head states. Everything below FIRST_BODY_STATE is read through head(), which keeps the bytes.
const H_START = 0;
const H_METHOD = 1;
const H_URL_START = 2;
const H_URL = 3;
const H_AFTER_URL = 4;
const H_PROTOCOL = 5;
const H_MAJOR = 6;
const H_DOT = 7;
const H_MINOR = 8;
const H_REQUEST_CR = 9;
const H_REQUEST_LF = 10;
const H_HTTP09_LF = 11;
const H_STATUS_SP = 12;
const H_STATUS = 13;
const H_REASON = 14;
const H_RESPONSE_LF = 15;
const H_FIELD_START = 16;
const H_FIELD = 17;
const H_VALUE_OWS = 18;
const H_VALUE = 19;
const H_VALUE_LF = 20;
const H_HEAD_LF = 21;
const FIRST_BODY_STATE = 30;
const B_FIXED = 30;
const B_CHUNK_SIZE = 31;
const B_CHUNK_SIZE_MORE = 32;
const B_CHUNK_EXTENSION = 33;
const B_CHUNK_SIZE_LF = 34;
const B_CHUNK_DATA = 35;
const B_CHUNK_DATA_CR = 36;
const B_CHUNK_DATA_LF = 37;
const B_UNTIL_EOF = 38;
const B_CLOSED = 39;

const PROTOCOLS = ['HTTP/', 'RTSP/', 'ICE/'].map((name) => Array.from(name, (c) => c.charCodeAt(0)));
const HTTP_PROTOCOL = 0;
const ICE_PROTOCOL = 2;

// Node (llhttp's host) counts the bytes of the request-target or reason phrase, header names
// and header values — not the method, version, separators or leading whitespace of values — and
// fails once that count reaches its limit. The count starts again for trailers.
const DEFAULT_MAX_HEADER_BYTES = 16384;
// Uncounted bytes (whitespace, CRLFs) are not free to hold here as they are in streaming llhttp,
// so a head whose raw size passes this multiple of the limit is refused too.
const RAW_HEAD_FACTOR = 4;
// A chunk size past what a uint64 holds is an overflow in llhttp: one more hex digit overflows
// once the size reaches 2^60 (exact in a double, unlike 2^64 - 1).
const CHUNK_SIZE_OVERFLOWS_AT = 2 ** 60;

/** An incremental HTTP/1.x parser that accepts and rejects what Node 20's llhttp does. */
export class Http1Parser {
  private readonly isRequest: boolean;
  private readonly callbacks: Http1ParserCallbacks;
  private readonly maxHeaderBytes: number;
  private readonly responseTo: string[] = [];
  private failure: Http1ParseError | undefined;
  private state = H_START;

  // Where the head's bytes are. Offsets below are relative to the head's first byte; the chunk
  // index of offset 0 is `base`. A head split across chunks is copied into `saved`.
  private base = 0;
  private isSaved = false;
  private saved = new Uint8Array(1024);
  private savedLength = 0;
  private appendedTo = 0;
  private source: Uint8Array = this.saved;
  private sourceOffset = 0;

  // The message being read.
  private methodNode = 0;
  private method = -1;
  private urlState = URL_START;
  private urlStart = 0;
  private urlEnd = 0;
  private protocol = 0;
  private protocolIndex = 0;
  private versionMajor = 0;
  private versionMinor = 0;
  private status = 0;
  private statusDigits = 0;
  private reasonStart = 0;
  private reasonEnd = 0;
  private nameStart = 0;
  private nameEnd = 0;
  private valueStart = 0;
  private valueTrimmedEnd = 0;
  /** [nameStart, nameEnd, valueStart, valueEnd, …] as head offsets. */
  private fields: number[] = [];
  private afterField = false;
  private counted = 0;
  private contentLength = -1;
  private hasTransferEncoding = false;
  private chunked = false;
  private connection = 0;
  private hasUpgradeField = false;
  private keepAlive = false;
  private inTrailers = false;
  private remaining = 0;
  private extensionState = EXT_NAME_START;
  private extensionBytes = 0;

  constructor(kind: 'request' | 'response', callbacks: Http1ParserCallbacks, options?: Http1ParserOptions) {
    this.isRequest = kind === 'request';
    this.callbacks = callbacks;
    this.maxHeaderBytes = options?.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  }

  /** True between messages (nothing partial buffered). */
  get idle(): boolean {
    return this.failure === undefined && (this.state === H_START || this.state === B_CLOSED);
  }

  /** Response parser only: the method of the request the next response answers, in send order. */
  expectResponseTo(method: string): void {
    this.responseTo.push(method);
  }

  execute(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    try {
      this.run(chunk);
    } catch (error) {
      if (error instanceof Http1ParseError) this.failure = error;
      throw error;
    }
  }

  /** EOF from the peer: ends a close-delimited response, or fails if a message was cut off. */
  finish(): void {
    if (this.failure) throw this.failure;
    if (this.state === B_UNTIL_EOF) {
      this.state = B_CLOSED;
      this.callbacks.onComplete();
      return;
    }
    if (this.state === H_START || this.state === B_CLOSED) return;
    this.failure = new Http1ParseError('HPE_INVALID_EOF_STATE', '');
    throw this.failure;
  }

  private run(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const state = this.state;
      if (state < FIRST_BODY_STATE) {
        i = this.head(chunk, i);
        continue;
      }
      switch (state) {
        case B_FIXED:
        case B_CHUNK_DATA: {
          const take = Math.min(this.remaining, n - i);
          this.remaining -= take;
          if (this.remaining === 0 && state === B_CHUNK_DATA) this.state = B_CHUNK_DATA_CR;
          this.callbacks.onBody(take === n ? chunk : chunk.subarray(i, i + take));
          i += take;
          if (this.remaining === 0 && state === B_FIXED) this.complete();
          break;
        }
        case B_UNTIL_EOF:
          this.callbacks.onBody(i === 0 ? chunk : chunk.subarray(i));
          i = n;
          break;
        case B_CLOSED: {
          const c = chunk[i]!;
          if (c !== CR && c !== LF) fail('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`');
          i++;
          break;
        }
        default:
          i = this.chunkFraming(chunk, i);
      }
    }
  }

  /** The CRLFs and size lines around chunk data; returns where it stopped. */
  private chunkFraming(chunk: Uint8Array, start: number): number {
    const c = chunk[start]!;
    switch (this.state) {
      case B_CHUNK_SIZE: {
        const digit = HEX[c]!;
        if (digit < 0) fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
        this.remaining = digit;
        this.state = B_CHUNK_SIZE_MORE;
        break;
      }
      case B_CHUNK_SIZE_MORE: {
        const digit = HEX[c]!;
        if (digit >= 0) {
          if (this.remaining >= CHUNK_SIZE_OVERFLOWS_AT)
            fail('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow');
          this.remaining = this.remaining * 16 + digit;
        } else if (c === CR) {
          this.state = B_CHUNK_SIZE_LF;
        } else if (c === 0x3b) {
          this.state = B_CHUNK_EXTENSION;
          this.extensionState = EXT_NAME_START;
          this.extensionBytes = 0;
        } else if (c === LF) {
          fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk size');
        } else {
          fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
        }
        break;
      }
      case B_CHUNK_EXTENSION:
        if (c === CR && extensionMayEnd(this.extensionState)) {
          this.state = B_CHUNK_SIZE_LF;
        } else if (c === LF && extensionMayEnd(this.extensionState)) {
          fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk extension value');
        } else {
          this.extensionState = extensionStep(this.extensionState, c);
          // Node caps the extension bytes it will read for one chunk at 16 KiB.
          if (++this.extensionBytes > 16384)
            fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
        }
        break;
      case B_CHUNK_SIZE_LF:
        if (c !== LF) fail('HPE_STRICT', 'Expected LF after chunk size');
        if (this.remaining > 0) {
          this.state = B_CHUNK_DATA;
        } else {
          // The last chunk: trailer fields follow, read like a head and then dropped.
          this.inTrailers = true;
          this.fields.length = 0;
          this.counted = 0;
          this.afterField = false;
          this.isSaved = false;
          this.state = H_FIELD_START;
        }
        break;
      case B_CHUNK_DATA_CR:
        if (c === LF) fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk data');
        if (c !== CR) fail('HPE_STRICT', 'Expected LF after chunk data');
        this.state = B_CHUNK_DATA_LF;
        break;
      default: // B_CHUNK_DATA_LF
        if (c !== LF) fail('HPE_STRICT', 'Expected LF after chunk data');
        this.state = B_CHUNK_SIZE;
    }
    return start + 1;
  }

  private beginMessage(at: number): void {
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

  private count(length: number): void {
    this.counted += length;
    if (this.counted >= this.maxHeaderBytes) fail('HPE_HEADER_OVERFLOW', 'Header overflow');
  }

  /** Makes head offsets [0, chunk index `upTo` - base) readable through source/sourceOffset. */
  private sync(chunk: Uint8Array, upTo: number): void {
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

  private append(chunk: Uint8Array, from: number, to: number): void {
    const needed = this.savedLength + (to - from);
    if (needed > this.saved.length) {
      const grown = new Uint8Array(Math.max(needed, this.saved.length * 2));
      grown.set(this.saved.subarray(0, this.savedLength));
      this.saved = grown;
    }
    this.saved.set(chunk.subarray(from, to), this.savedLength);
    this.savedLength = needed;
  }

  /** Reads head bytes from `chunk[start..]`; returns the index after the head, or the chunk end. */
  private head(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    if (this.isSaved) {
      this.base = start - this.savedLength;
      this.appendedTo = start;
    } else if (this.state !== H_START) {
      this.base = start; // trailers starting at a chunk boundary
    }
    let state = this.state;
    let i = start;
    while (i < n) {
      const c = chunk[i]!;
      switch (state) {
        case H_START:
          if (c === CR || c === LF) {
            i++; // llhttp skips empty lines before a message
            continue;
          }
          this.beginMessage(i);
          state = this.isRequest ? H_METHOD : H_PROTOCOL;
          continue;
        case H_METHOD: {
          if (c === SP) {
            this.method = methodAt(this.methodNode);
            if (this.method < 0) fail('HPE_INVALID_METHOD', 'Invalid method encountered');
            state = H_URL_START;
            i++;
            continue;
          }
          const next = methodStep(this.methodNode, c);
          if (next === 0) {
            const complete = methodAt(this.methodNode) >= 0;
            fail(
              'HPE_INVALID_METHOD',
              complete ? 'Expected space after method' : 'Invalid method encountered',
            );
          }
          this.methodNode = next;
          i++;
          continue;
        }
        case H_URL_START:
          if (c === SP) {
            i++;
            continue;
          }
          if (c === CR || c === LF) fail('HPE_INVALID_URL', 'Invalid characters in url');
          this.urlStart = i - this.base;
          this.urlState = this.method === CONNECT_METHOD ? URL_SERVER : URL_START;
          state = H_URL;
          continue;
        case H_URL: {
          let urlState = this.urlState;
          let j = i;
          for (; j < n; j++) {
            const b = chunk[j]!;
            if (b === SP || b === CR || b === LF) break;
            // The common case, a path byte, without the call.
            if (urlState === URL_PATH && URL_CHAR[b] && b !== 0x3f && b !== 0x23) continue;
            urlState = targetStep(urlState, b);
          }
          this.urlState = urlState;
          if (j === n) {
            i = n;
            break;
          }
          if (!targetMayEnd(urlState)) fail('HPE_INVALID_URL', 'Invalid characters in url');
          this.urlEnd = j - this.base;
          this.count(this.urlEnd - this.urlStart);
          const b = chunk[j]!;
          i = j + 1;
          if (b === SP) {
            state = H_AFTER_URL;
          } else {
            // No version after the target: an HTTP/0.9 request line, which llhttp still takes.
            this.versionMajor = 0;
            this.versionMinor = 9;
            state = b === CR ? H_HTTP09_LF : H_FIELD_START;
          }
          continue;
        }
        case H_AFTER_URL:
          if (c === SP) {
            i++;
            continue;
          }
          this.protocolIndex = 0;
          state = H_PROTOCOL;
          continue;
        case H_PROTOCOL: {
          if (this.protocolIndex === 0) {
            this.protocol = c === 0x48 ? 0 : c === 0x52 ? 1 : c === 0x49 ? 2 : -1;
          }
          const expected = this.protocol < 0 ? undefined : PROTOCOLS[this.protocol]!;
          if (expected === undefined || expected[this.protocolIndex] !== c) {
            fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/');
          }
          i++;
          if (++this.protocolIndex < expected.length) continue;
          if (this.isRequest) this.checkMethodForProtocol();
          state = H_MAJOR;
          continue;
        }
        case H_MAJOR:
          if (c < 0x30 || c > 0x39) fail('HPE_INVALID_VERSION', 'Invalid major version');
          this.versionMajor = c - 0x30;
          state = H_DOT;
          i++;
          continue;
        case H_DOT:
          if (c !== 0x2e) fail('HPE_INVALID_VERSION', 'Expected dot');
          state = H_MINOR;
          i++;
          continue;
        case H_MINOR: {
          if (c < 0x30 || c > 0x39) fail('HPE_INVALID_VERSION', 'Invalid minor version');
          const major = this.versionMajor;
          const minor = c - 0x30;
          const known =
            (major === 1 && minor <= 1) || (major === 0 && minor === 9) || (major === 2 && minor === 0);
          if (!known) fail('HPE_INVALID_VERSION', 'Invalid HTTP version');
          this.versionMinor = minor;
          state = this.isRequest ? H_REQUEST_CR : H_STATUS_SP;
          i++;
          continue;
        }
        case H_REQUEST_CR:
          if (c !== CR) fail('HPE_INVALID_VERSION', 'Expected CRLF after version');
          state = H_REQUEST_LF;
          i++;
          continue;
        case H_REQUEST_LF:
          if (c !== LF) fail('HPE_STRICT', 'Expected CRLF after version');
          state = H_FIELD_START;
          i++;
          continue;
        case H_HTTP09_LF:
          if (c !== LF) fail('HPE_STRICT', 'Expected LF after request line');
          state = H_FIELD_START;
          i++;
          continue;
        case H_STATUS_SP:
          if (c !== SP) fail('HPE_INVALID_VERSION', 'Expected space after version');
          state = H_STATUS;
          i++;
          continue;
        case H_STATUS:
          if (this.statusDigits < 3) {
            if (c < 0x30 || c > 0x39) fail('HPE_INVALID_STATUS', 'Invalid status code');
            this.status = this.status * 10 + (c - 0x30);
            this.statusDigits++;
          } else if (c === SP) {
            this.reasonStart = i + 1 - this.base;
            state = H_REASON;
          } else if (c === CR) {
            this.reasonStart = this.reasonEnd = i - this.base;
            state = H_RESPONSE_LF;
          } else if (c === LF) {
            fail('HPE_CR_EXPECTED', 'Missing expected CR after response line');
          } else {
            fail('HPE_INVALID_STATUS', 'Invalid response status');
          }
          i++;
          continue;
        case H_REASON: {
          // Any byte but CR and LF, control characters included, as llhttp allows.
          let j = i;
          while (j < n && chunk[j] !== CR && chunk[j] !== LF) j++;
          if (j === n) {
            i = n;
            break;
          }
          if (chunk[j] === LF) fail('HPE_CR_EXPECTED', 'Missing expected CR after response line');
          this.reasonEnd = j - this.base;
          this.count(this.reasonEnd - this.reasonStart);
          state = H_RESPONSE_LF;
          i = j + 1;
          continue;
        }
        case H_RESPONSE_LF:
          if (c !== LF) fail('HPE_STRICT', 'Expected LF after response line');
          state = H_FIELD_START;
          i++;
          continue;
        case H_FIELD_START:
          if (c === CR) {
            state = H_HEAD_LF;
            i++;
            continue;
          }
          if (c === LF) fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header field char');
          if (c === SP || c === HTAB) {
            // A line starting with whitespace is obs-fold after a field, which llhttp refuses.
            if (this.afterField) fail('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value');
            fail('HPE_UNEXPECTED_SPACE', 'Unexpected space after start line');
          }
          if (!TOKEN[c]) fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
          this.nameStart = i - this.base;
          state = H_FIELD;
          continue;
        case H_FIELD: {
          let j = i;
          while (j < n && TOKEN[chunk[j]!]) j++;
          if (j === n) {
            i = n;
            break;
          }
          if (chunk[j] !== 0x3a) fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
          this.nameEnd = j - this.base;
          this.count(this.nameEnd - this.nameStart);
          state = H_VALUE_OWS;
          i = j + 1;
          continue;
        }
        case H_VALUE_OWS:
          if (c === SP || c === HTAB) {
            i++;
            continue;
          }
          this.valueStart = this.valueTrimmedEnd = i - this.base;
          state = H_VALUE;
          continue;
        case H_VALUE: {
          let j = i;
          let trimmedEnd = this.valueTrimmedEnd + this.base;
          for (; j < n; j++) {
            const b = chunk[j]!;
            if (b > SP && b !== 0x7f) trimmedEnd = j + 1;
            else if (b !== SP && b !== HTAB) break;
          }
          this.valueTrimmedEnd = trimmedEnd - this.base;
          if (j === n) {
            i = n;
            break;
          }
          const b = chunk[j]!;
          if (b === LF) fail('HPE_CR_EXPECTED', 'Missing expected CR after header value');
          if (b !== CR) fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char');
          this.count(j - this.base - this.valueStart);
          this.endField(chunk, j);
          state = H_VALUE_LF;
          i = j + 1;
          continue;
        }
        case H_VALUE_LF:
          if (c !== LF) fail('HPE_LF_EXPECTED', 'Missing expected LF after header value');
          this.afterField = true;
          state = H_FIELD_START;
          i++;
          continue;
        default: // H_HEAD_LF
          if (c !== LF) fail('HPE_STRICT', 'Expected LF after headers');
          i++;
          this.sync(chunk, i);
          this.isSaved = false;
          this.savedLength = 0;
          if (this.inTrailers) this.complete();
          else this.endHead();
          return i;
      }
    }
    this.state = state;
    this.keepPartialHead(chunk, n);
    return n;
  }

  /** At the end of a chunk inside a head: keep its bytes and check the limits on them. */
  private keepPartialHead(chunk: Uint8Array, n: number): void {
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

  private checkMethodForProtocol(): void {
    if (this.protocol === HTTP_PROTOCOL && this.method >= FIRST_RTSP_ONLY_METHOD) {
      fail('HPE_INVALID_CONSTANT', 'Invalid method for HTTP/x.x request');
    }
    if (this.protocol === ICE_PROTOCOL && this.method !== SOURCE_METHOD) {
      fail('HPE_INVALID_CONSTANT', 'Expected SOURCE method for ICE/x.x request');
    }
  }

  /** A field line ended at chunk index `crAt`: record it and act on the framing fields. */
  private endField(chunk: Uint8Array, crAt: number): void {
    const { nameStart, nameEnd, valueStart, valueTrimmedEnd } = this;
    this.fields.push(nameStart, nameEnd, valueStart, valueTrimmedEnd);
    if (!mayBeFramingField(nameEnd - nameStart)) return;
    this.sync(chunk, crAt);
    const bytes = this.source;
    const at = this.sourceOffset;
    const valueEnd = crAt - this.base;
    const empty = valueStart === valueEnd;
    switch (fieldKind(bytes, at + nameStart, at + nameEnd)) {
      case FIELD_CONTENT_LENGTH:
        if (empty) fail('HPE_INVALID_CONTENT_LENGTH', 'Empty Content-Length');
        if (this.contentLength >= 0) fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
        if (this.hasTransferEncoding) {
          fail('HPE_INVALID_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding");
        }
        this.contentLength = parseContentLength(bytes, at + valueStart, at + valueEnd);
        break;
      case FIELD_TRANSFER_ENCODING:
        // llhttp never looks at an empty value, so it neither sets nor clears anything.
        if (empty) break;
        if (this.contentLength >= 0) {
          fail('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length");
        }
        if (this.isRequest && this.chunked) {
          fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
        }
        this.hasTransferEncoding = true;
        this.chunked = endsChunked(bytes, at + valueStart, at + valueTrimmedEnd, this.isRequest);
        break;
      case FIELD_CONNECTION:
        this.connection |= connectionOptions(bytes, at + valueStart, at + valueTrimmedEnd);
        break;
      case FIELD_UPGRADE:
        if (!empty) this.hasUpgradeField = true;
        break;
    }
  }

  /** The head is complete (source holds it): report it and set up the body. */
  private endHead(): void {
    const isRequest = this.isRequest;
    const status = this.status;
    if (!isRequest && status >= 100 && status < 200 && status !== 101) {
      // An interim response: Node reports it apart and waits for the real one.
      this.state = H_START;
      return;
    }
    if (isRequest && this.hasTransferEncoding && !this.chunked) {
      fail('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`');
    }
    let noBody = false;
    if (!isRequest) {
      const requestMethod = this.responseTo.shift();
      noBody = requestMethod === 'HEAD' || status < 200 || status === 204 || status === 304;
    }
    const hasLength = this.contentLength >= 0;
    const untilEof = !isRequest && !noBody && !this.chunked && !hasLength;
    // llhttp_should_keep_alive: only 1.1 (major and minor both > 0) defaults to keep-alive.
    const persistent =
      this.versionMajor > 0 && this.versionMinor > 0
        ? (this.connection & CONNECTION_CLOSE) === 0
        : (this.connection & CONNECTION_KEEP_ALIVE) !== 0;
    this.keepAlive = persistent && !untilEof;
    const upgrade = isRequest
      ? this.method === CONNECT_METHOD ||
        (this.hasUpgradeField && (this.connection & CONNECTION_UPGRADE) !== 0)
      : status === 101;

    const bytes = this.source;
    const at = this.sourceOffset;
    const fields = this.fields;
    const rawHeaders: string[] = new Array<string>(fields.length / 2);
    for (let k = 0; k < fields.length; k += 2) {
      rawHeaders[k / 2] = internedLatin1(bytes, at + fields[k]!, at + fields[k + 1]!);
    }
    this.callbacks.onHead({
      method: isRequest ? METHOD_NAMES[this.method]! : '',
      url: isRequest ? internedLatin1(bytes, at + this.urlStart, at + this.urlEnd) : '',
      status: isRequest ? 0 : status,
      reason: isRequest ? '' : internedLatin1(bytes, at + this.reasonStart, at + this.reasonEnd),
      versionMajor: this.versionMajor,
      versionMinor: this.versionMinor,
      rawHeaders,
      keepAlive: this.keepAlive,
      contentLength: hasLength ? this.contentLength : undefined,
      chunked: this.chunked,
      upgrade,
    });

    if (noBody) {
      this.complete();
    } else if (this.chunked) {
      this.state = B_CHUNK_SIZE;
    } else if (hasLength) {
      this.remaining = this.contentLength;
      if (this.remaining === 0) this.complete();
      else this.state = B_FIXED;
    } else if (untilEof) {
      this.state = B_UNTIL_EOF;
    } else {
      this.complete();
    }
  }

  private complete(): void {
    // After a message that does not keep the connection, llhttp refuses anything but blank lines.
    this.state = this.keepAlive ? H_START : B_CLOSED;
    this.callbacks.onComplete();
  }
}

import { TOKEN, URL_CHAR } from './charClasses';
import { endField, endHead } from './headFraming';
import { CONNECT_METHOD, FIRST_RTSP_ONLY_METHOD, SOURCE_METHOD, methodAt, methodStep } from './methods';
import { fail } from './parseError';
import type { ParserState } from './parserState';
import * as codes from './stateCodes';
import { URL_PATH, URL_SERVER, URL_START, targetMayEnd, targetStep } from './requestTarget';

// The start line and the header fields (and, after the last chunk, the trailer fields) are one loop
// over one switch, so that moving from state to state costs no call; the long runs (target, reason,
// names, values) are scanned by inner loops within their cases. The state is kept in a local and
// stored only when the chunk runs out; at the end of the head, endHead or complete sets the next.

// Local copies of the states: V8 reads an imported binding from its module cell at every use, while
// a module-local const costs nothing, and the switch below compares against these at every byte
// (importing them directly made the benchmark about a quarter slower).
const {
  CR,
  LF,
  SP,
  HTAB,
  H_START,
  H_METHOD,
  H_URL_START,
  H_URL,
  H_AFTER_URL,
  H_PROTOCOL,
  H_MAJOR,
  H_DOT,
  H_MINOR,
  H_REQUEST_CR,
  H_REQUEST_LF,
  H_HTTP09_LF,
  H_STATUS_SP,
  H_STATUS,
  H_REASON,
  H_RESPONSE_LF,
  H_FIELD_START,
  H_FIELD,
  H_VALUE_OWS,
  H_VALUE,
  H_VALUE_LF,
  H_HEAD_LF,
} = codes;

const PROTOCOLS = ['HTTP/', 'RTSP/', 'ICE/'].map((name) => Array.from(name, (c) => c.charCodeAt(0)));
const HTTP_PROTOCOL = 0;
const ICE_PROTOCOL = 2;

/** Reads head bytes from `chunk[start..]`; returns the index after the head, or the chunk end. */
export function readHead(p: ParserState, chunk: Uint8Array, start: number): number {
  const n = chunk.length;
  if (p.isSaved) {
    p.base = start - p.savedLength;
    p.appendedTo = start;
  } else if (p.state !== H_START) {
    p.base = start; // trailers starting at a chunk boundary
  }
  let state = p.state;
  let i = start;
  while (i < n) {
    const c = chunk[i]!;
    switch (state) {
      case H_START:
        if (c === CR || c === LF) {
          i++; // llhttp skips empty lines before a message
          continue;
        }
        p.beginMessage(i);
        state = p.isRequest ? H_METHOD : H_PROTOCOL;
        continue;
      case H_METHOD: {
        if (c === SP) {
          p.method = methodAt(p.methodNode);
          if (p.method < 0) fail('HPE_INVALID_METHOD', 'Invalid method encountered');
          state = H_URL_START;
          i++;
          continue;
        }
        const next = methodStep(p.methodNode, c);
        if (next === 0) {
          const complete = methodAt(p.methodNode) >= 0;
          fail('HPE_INVALID_METHOD', complete ? 'Expected space after method' : 'Invalid method encountered');
        }
        p.methodNode = next;
        i++;
        continue;
      }
      case H_URL_START:
        if (c === SP) {
          i++;
          continue;
        }
        if (c === CR || c === LF) fail('HPE_INVALID_URL', 'Invalid characters in url');
        p.urlStart = i - p.base;
        p.urlState = p.method === CONNECT_METHOD ? URL_SERVER : URL_START;
        state = H_URL;
        continue;
      case H_URL: {
        let urlState = p.urlState;
        let j = i;
        for (; j < n; j++) {
          const b = chunk[j]!;
          if (b === SP || b === CR || b === LF) break;
          // The common case, a path byte, without the call.
          if (urlState === URL_PATH && URL_CHAR[b] && b !== 0x3f && b !== 0x23) continue;
          urlState = targetStep(urlState, b);
        }
        p.urlState = urlState;
        if (j === n) {
          i = n;
          break;
        }
        if (!targetMayEnd(urlState)) fail('HPE_INVALID_URL', 'Invalid characters in url');
        p.urlEnd = j - p.base;
        p.count(p.urlEnd - p.urlStart);
        const b = chunk[j]!;
        i = j + 1;
        if (b === SP) {
          state = H_AFTER_URL;
        } else {
          // No version after the target: an HTTP/0.9 request line, which llhttp still takes.
          p.versionMajor = 0;
          p.versionMinor = 9;
          state = b === CR ? H_HTTP09_LF : H_FIELD_START;
        }
        continue;
      }
      case H_AFTER_URL:
        if (c === SP) {
          i++;
          continue;
        }
        p.protocolIndex = 0;
        state = H_PROTOCOL;
        continue;
      case H_PROTOCOL: {
        if (p.protocolIndex === 0) {
          p.protocol = c === 0x48 ? 0 : c === 0x52 ? 1 : c === 0x49 ? 2 : -1;
        }
        const expected = p.protocol < 0 ? undefined : PROTOCOLS[p.protocol]!;
        if (expected === undefined || expected[p.protocolIndex] !== c) {
          fail('HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/');
        }
        i++;
        if (++p.protocolIndex < expected.length) continue;
        if (p.isRequest) checkMethodForProtocol(p);
        state = H_MAJOR;
        continue;
      }
      case H_MAJOR:
        if (c < 0x30 || c > 0x39) fail('HPE_INVALID_VERSION', 'Invalid major version');
        p.versionMajor = c - 0x30;
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
        const major = p.versionMajor;
        const minor = c - 0x30;
        const known =
          (major === 1 && minor <= 1) || (major === 0 && minor === 9) || (major === 2 && minor === 0);
        if (!known) fail('HPE_INVALID_VERSION', 'Invalid HTTP version');
        p.versionMinor = minor;
        state = p.isRequest ? H_REQUEST_CR : H_STATUS_SP;
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
        if (p.statusDigits < 3) {
          if (c < 0x30 || c > 0x39) fail('HPE_INVALID_STATUS', 'Invalid status code');
          p.status = p.status * 10 + (c - 0x30);
          p.statusDigits++;
        } else if (c === SP) {
          p.reasonStart = i + 1 - p.base;
          state = H_REASON;
        } else if (c === CR) {
          p.reasonStart = p.reasonEnd = i - p.base;
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
        p.reasonEnd = j - p.base;
        p.count(p.reasonEnd - p.reasonStart);
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
          if (p.afterField) fail('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value');
          fail('HPE_UNEXPECTED_SPACE', 'Unexpected space after start line');
        }
        if (!TOKEN[c]) fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token');
        p.nameStart = i - p.base;
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
        p.nameEnd = j - p.base;
        p.count(p.nameEnd - p.nameStart);
        state = H_VALUE_OWS;
        i = j + 1;
        continue;
      }
      case H_VALUE_OWS:
        if (c === SP || c === HTAB) {
          i++;
          continue;
        }
        p.valueStart = p.valueTrimmedEnd = i - p.base;
        state = H_VALUE;
        continue;
      case H_VALUE: {
        let j = i;
        let trimmedEnd = p.valueTrimmedEnd + p.base;
        for (; j < n; j++) {
          const b = chunk[j]!;
          if (b > SP && b !== 0x7f) trimmedEnd = j + 1;
          else if (b !== SP && b !== HTAB) break;
        }
        p.valueTrimmedEnd = trimmedEnd - p.base;
        if (j === n) {
          i = n;
          break;
        }
        const b = chunk[j]!;
        if (b === LF) fail('HPE_CR_EXPECTED', 'Missing expected CR after header value');
        if (b !== CR) fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char');
        p.count(j - p.base - p.valueStart);
        endField(p, chunk, j);
        state = H_VALUE_LF;
        i = j + 1;
        continue;
      }
      case H_VALUE_LF:
        if (c !== LF) fail('HPE_LF_EXPECTED', 'Missing expected LF after header value');
        p.afterField = true;
        state = H_FIELD_START;
        i++;
        continue;
      default: // H_HEAD_LF
        if (c !== LF) fail('HPE_STRICT', 'Expected LF after headers');
        i++;
        p.sync(chunk, i);
        p.isSaved = false;
        p.savedLength = 0;
        if (p.inTrailers) p.complete();
        else endHead(p);
        return i;
    }
  }
  p.state = state;
  p.keepPartialHead(chunk, n);
  return n;
}

function checkMethodForProtocol(p: ParserState): void {
  if (p.protocol === HTTP_PROTOCOL && p.method >= FIRST_RTSP_ONLY_METHOD) {
    fail('HPE_INVALID_CONSTANT', 'Invalid method for HTTP/x.x request');
  }
  if (p.protocol === ICE_PROTOCOL && p.method !== SOURCE_METHOD) {
    fail('HPE_INVALID_CONSTANT', 'Expected SOURCE method for ICE/x.x request');
  }
}

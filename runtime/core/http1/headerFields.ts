import { fail } from './parseError';
import { latin1Encode } from './latin1';

// The few header fields the parser itself must understand to frame a message. Everything else is
// passed through untouched.
export const FIELD_OTHER = 0;
export const FIELD_CONTENT_LENGTH = 1;
export const FIELD_TRANSFER_ENCODING = 2;
export const FIELD_CONNECTION = 3;
export const FIELD_UPGRADE = 4;

const CONTENT_LENGTH = latin1Encode('content-length');
const TRANSFER_ENCODING = latin1Encode('transfer-encoding');
const CONNECTION = latin1Encode('connection');
// llhttp gives Proxy-Connection the same meaning as Connection.
const PROXY_CONNECTION = latin1Encode('proxy-connection');
const UPGRADE = latin1Encode('upgrade');
const CHUNKED = latin1Encode('chunked');
const CLOSE = latin1Encode('close');
const KEEP_ALIVE = latin1Encode('keep-alive');

/** Whether a name of this length could be one the parser cares about: a cheap first filter. */
export function mayBeFramingField(length: number): boolean {
  return length === 7 || length === 10 || length === 14 || length === 16 || length === 17;
}

/** Case-insensitive equality of `bytes[from..to)` with a lower-case ASCII `word`. */
function sameWord(bytes: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  if (to - from !== word.length) return false;
  // OR-ing 0x20 lower-cases letters and leaves '-' alone; names are tokens, so nothing else folds.
  for (let i = 0; i < word.length; i++) if ((bytes[from + i]! | 0x20) !== word[i]) return false;
  return true;
}

export function fieldKind(bytes: Uint8Array, from: number, to: number): number {
  switch (to - from) {
    case 14:
      return sameWord(bytes, from, to, CONTENT_LENGTH) ? FIELD_CONTENT_LENGTH : FIELD_OTHER;
    case 17:
      return sameWord(bytes, from, to, TRANSFER_ENCODING) ? FIELD_TRANSFER_ENCODING : FIELD_OTHER;
    case 10:
      return sameWord(bytes, from, to, CONNECTION) ? FIELD_CONNECTION : FIELD_OTHER;
    case 16:
      return sameWord(bytes, from, to, PROXY_CONNECTION) ? FIELD_CONNECTION : FIELD_OTHER;
    case 7:
      return sameWord(bytes, from, to, UPGRADE) ? FIELD_UPGRADE : FIELD_OTHER;
    default:
      return FIELD_OTHER;
  }
}

// llhttp keeps Content-Length in a uint64 and reports an overflow beyond it. A double cannot
// hold 2^64 - 1 exactly, so the edge is approximate (within a few units of 2^64, never in use).
const MAX_LENGTH_BEFORE_DIGIT = 2 ** 64 / 10;

/** Content-Length from a non-empty value: digits, then only spaces (a tab or sign is an error). */
export function parseContentLength(bytes: Uint8Array, from: number, to: number): number {
  let value = 0;
  let at = from;
  for (; at < to; at++) {
    const digit = bytes[at]! - 0x30;
    if (digit < 0 || digit > 9) break;
    if (value > MAX_LENGTH_BEFORE_DIGIT) fail('HPE_INVALID_CONTENT_LENGTH', 'Content-Length overflow');
    value = value * 10 + digit;
  }
  if (at === from) fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
  for (; at < to; at++) {
    if (bytes[at] !== 0x20) fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length');
  }
  return value;
}

/** Calls `visit` with each comma-separated element of `bytes[from..to)`, trimmed of SP and HTAB. */
function forEachElement(
  bytes: Uint8Array,
  from: number,
  to: number,
  visit: (start: number, end: number, last: boolean) => void,
): void {
  let start = from;
  for (let at = from; at <= to; at++) {
    if (at < to && bytes[at] !== 0x2c) continue;
    let s = start;
    let e = at;
    while (s < e && (bytes[s] === 0x20 || bytes[s] === 0x09)) s++;
    while (e > s && (bytes[e - 1] === 0x20 || bytes[e - 1] === 0x09)) e--;
    visit(s, e, at === to);
    start = at + 1;
  }
}

/**
 * Whether a Transfer-Encoding value's last coding is chunked. In a request, chunked anywhere but
 * last is an error (the body could not be framed); a response just runs to EOF instead.
 */
export function endsChunked(bytes: Uint8Array, from: number, to: number, isRequest: boolean): boolean {
  let chunked = false;
  forEachElement(bytes, from, to, (start, end, last) => {
    chunked = sameWord(bytes, start, end, CHUNKED);
    if (chunked && !last && isRequest) {
      fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
    }
  });
  return chunked;
}

export const CONNECTION_CLOSE = 1;
export const CONNECTION_KEEP_ALIVE = 2;
export const CONNECTION_UPGRADE = 4;

/** The CONNECTION_* options a Connection value names. */
export function connectionOptions(bytes: Uint8Array, from: number, to: number): number {
  let options = 0;
  forEachElement(bytes, from, to, (start, end) => {
    if (sameWord(bytes, start, end, CLOSE)) options |= CONNECTION_CLOSE;
    else if (sameWord(bytes, start, end, KEEP_ALIVE)) options |= CONNECTION_KEEP_ALIVE;
    else if (sameWord(bytes, start, end, UPGRADE)) options |= CONNECTION_UPGRADE;
  });
  return options;
}

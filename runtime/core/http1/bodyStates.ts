import { HEX } from './charClasses';
import { EXT_NAME_START, extensionMayEnd, extensionStep } from './chunkExtension';
import { readHead } from './headStates';
import { fail } from './parseError';
import type { ParserState } from './parserState';
import * as codes from './stateCodes';

// Local copies of the states, for the reason given in headStates.ts: the switches below run per
// framing byte.
const {
  B_CHUNK_DATA,
  B_CHUNK_DATA_CR,
  B_CHUNK_DATA_LF,
  B_CHUNK_EXTENSION,
  B_CHUNK_SIZE,
  B_CHUNK_SIZE_LF,
  B_CHUNK_SIZE_MORE,
  B_CLOSED,
  B_FIXED,
  B_UNTIL_EOF,
  CR,
  FIRST_BODY_STATE,
  H_FIELD_START,
  LF,
} = codes;

// A chunk size past what a uint64 holds is an overflow in llhttp: one more hex digit overflows
// once the size reaches 2^60 (exact in a double, unlike 2^64 - 1).
const CHUNK_SIZE_OVERFLOWS_AT = 2 ** 60;

/**
 * Feeds one input chunk through the state machine: head states go to readHead, which reads on
 * until the head ends or the chunk does; body bytes are handed on as whole runs; the framing
 * around chunked data is read here a byte at a time.
 */
export function parseChunk(p: ParserState, chunk: Uint8Array): void {
  const n = chunk.length;
  let i = 0;
  while (i < n) {
    const state = p.state;
    if (state < FIRST_BODY_STATE) {
      i = readHead(p, chunk, i);
      continue;
    }
    switch (state) {
      case B_FIXED:
      case B_CHUNK_DATA: {
        const take = Math.min(p.remaining, n - i);
        p.remaining -= take;
        if (p.remaining === 0 && state === B_CHUNK_DATA) p.state = B_CHUNK_DATA_CR;
        p.callbacks.onBody(take === n ? chunk : chunk.subarray(i, i + take));
        i += take;
        if (p.remaining === 0 && state === B_FIXED) p.complete();
        break;
      }
      case B_UNTIL_EOF:
        p.callbacks.onBody(i === 0 ? chunk : chunk.subarray(i));
        i = n;
        break;
      case B_CLOSED: {
        const c = chunk[i]!;
        if (c !== CR && c !== LF) fail('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`');
        i++;
        break;
      }
      default:
        i = chunkFraming(p, chunk, i);
    }
  }
}

/** The CRLFs and size lines around chunk data; returns where it stopped. */
function chunkFraming(p: ParserState, chunk: Uint8Array, start: number): number {
  const c = chunk[start]!;
  switch (p.state) {
    case B_CHUNK_SIZE: {
      const digit = HEX[c]!;
      if (digit < 0) fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
      p.remaining = digit;
      p.state = B_CHUNK_SIZE_MORE;
      break;
    }
    case B_CHUNK_SIZE_MORE: {
      const digit = HEX[c]!;
      if (digit >= 0) {
        if (p.remaining >= CHUNK_SIZE_OVERFLOWS_AT) fail('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow');
        p.remaining = p.remaining * 16 + digit;
      } else if (c === CR) {
        p.state = B_CHUNK_SIZE_LF;
      } else if (c === 0x3b) {
        p.state = B_CHUNK_EXTENSION;
        p.extensionState = EXT_NAME_START;
        p.extensionBytes = 0;
      } else if (c === LF) {
        fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk size');
      } else {
        fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size');
      }
      break;
    }
    case B_CHUNK_EXTENSION:
      if (c === CR && extensionMayEnd(p.extensionState)) {
        p.state = B_CHUNK_SIZE_LF;
      } else if (c === LF && extensionMayEnd(p.extensionState)) {
        fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk extension value');
      } else {
        p.extensionState = extensionStep(p.extensionState, c);
        // Node caps the extension bytes it will read for one chunk at 16 KiB.
        if (++p.extensionBytes > 16384) fail('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
      }
      break;
    case B_CHUNK_SIZE_LF:
      if (c !== LF) fail('HPE_STRICT', 'Expected LF after chunk size');
      if (p.remaining > 0) {
        p.state = B_CHUNK_DATA;
      } else {
        // The last chunk: trailer fields follow, read like a head and then dropped.
        p.inTrailers = true;
        p.fields.length = 0;
        p.counted = 0;
        p.afterField = false;
        p.isSaved = false;
        p.state = H_FIELD_START;
      }
      break;
    case B_CHUNK_DATA_CR:
      if (c === LF) fail('HPE_CR_EXPECTED', 'Missing expected CR after chunk data');
      if (c !== CR) fail('HPE_STRICT', 'Expected LF after chunk data');
      p.state = B_CHUNK_DATA_LF;
      break;
    default: // B_CHUNK_DATA_LF
      if (c !== LF) fail('HPE_STRICT', 'Expected LF after chunk data');
      p.state = B_CHUNK_SIZE;
  }
  return start + 1;
}

import { allocBytes } from '../bytes/byteSlab';
import { latin1Encode, latin1Decode } from './latin1';

export { latin1Encode, latin1Decode };

const CR = 13;
const LF = 10;
const LAST_CHUNK_TEXT = '0\r\n\r\n';

/**
 * Start line + header lines + blank line, Latin-1 encoded, in one buffer. `headers` is a flat
 * [name, value, …] list written in order, exactly as given: validating it is the caller's job.
 */
export function encodeHead(startLine: string, headers: readonly string[]): Uint8Array {
  return encodeMessage(startLine, headers, undefined, false);
}

/**
 * A whole message in one buffer: the head as `encodeHead` writes it, then the body as is, or as
 * one chunk and the last chunk when `chunked` (an empty chunked body is the last chunk alone).
 * The same bytes as the head, `encodeChunk(body)` and `LAST_CHUNK` joined, with one allocation.
 */
export function encodeMessage(
  startLine: string,
  headers: readonly string[],
  body: Uint8Array | undefined,
  chunked: boolean,
): Uint8Array {
  let size = startLine.length + 4;
  for (let i = 0; i + 1 < headers.length; i += 2) size += headers[i]!.length + headers[i + 1]!.length + 4;
  const bodyLength = body === undefined ? 0 : body.length;
  const chunkSize = chunked && bodyLength > 0 ? bodyLength.toString(16) : '';
  if (chunked) size += (bodyLength > 0 ? chunkSize.length + 4 : 0) + LAST_CHUNK_TEXT.length;
  size += bodyLength;
  const out = allocBytes(size);
  let at = writeText(out, 0, startLine);
  out[at++] = CR;
  out[at++] = LF;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    at = writeText(out, at, headers[i]!);
    out[at++] = 0x3a; // ':'
    out[at++] = 0x20;
    at = writeText(out, at, headers[i + 1]!);
    out[at++] = CR;
    out[at++] = LF;
  }
  out[at++] = CR;
  out[at++] = LF;
  if (chunkSize) {
    at = writeText(out, at, chunkSize);
    out[at++] = CR;
    out[at++] = LF;
  }
  if (body !== undefined && bodyLength > 0) {
    out.set(body, at);
    at += bodyLength;
  }
  if (chunked) {
    if (chunkSize) {
      out[at++] = CR;
      out[at++] = LF;
    }
    writeText(out, at, LAST_CHUNK_TEXT);
  }
  return out;
}

function writeText(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/**
 * One chunk of a chunked body in one buffer. An empty input gives an empty array rather than a
 * zero-size chunk, because a zero-size chunk would end the body.
 */
export function encodeChunk(data: Uint8Array): Uint8Array {
  if (data.length === 0) return new Uint8Array(0);
  const size = data.length.toString(16); // lower-case hex, as Node writes it
  const out = allocBytes(size.length + data.length + 4);
  let at = writeText(out, 0, size);
  out[at++] = CR;
  out[at++] = LF;
  out.set(data, at);
  at += data.length;
  out[at++] = CR;
  out[at] = LF;
  return out;
}

export const LAST_CHUNK: Uint8Array = latin1Encode(LAST_CHUNK_TEXT);

/** The chunks joined into one buffer; a single chunk is returned as is, without a copy. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = allocBytes(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

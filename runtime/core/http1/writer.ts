import { latin1Encode, latin1Decode } from './latin1';

export { latin1Encode, latin1Decode };

const CR = 13;
const LF = 10;

/**
 * Start line + header lines + blank line, Latin-1 encoded, in one buffer. `headers` is a flat
 * [name, value, …] list written in order, exactly as given: validating it is the caller's job.
 */
export function encodeHead(startLine: string, headers: readonly string[]): Uint8Array {
  let size = startLine.length + 4;
  for (let i = 0; i + 1 < headers.length; i += 2) size += headers[i]!.length + headers[i + 1]!.length + 4;
  const out = new Uint8Array(size);
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
  out[at] = LF;
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
  const out = new Uint8Array(size.length + data.length + 4);
  let at = writeText(out, 0, size);
  out[at++] = CR;
  out[at++] = LF;
  out.set(data, at);
  at += data.length;
  out[at++] = CR;
  out[at] = LF;
  return out;
}

export const LAST_CHUNK: Uint8Array = latin1Encode('0\r\n\r\n');

/** The chunks joined into one buffer; a single chunk is returned as is, without a copy. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

import type { Hop } from '../../runtime/core/exchange/exchange';

/** One piece of a body as it arrived: when, how many bytes, and its text. */
export interface BodyPiece {
  readonly atMs: number;
  readonly size: number;
  readonly text: string;
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The body bytes a hop shows: the parsed body once it is whole, the text so far while it streams. */
function bodyBytes(hop: Hop): Uint8Array {
  const parsed = hop.message?.parsed;
  if (parsed?.bodyBase64 !== undefined) return base64Bytes(parsed.bodyBase64);
  return new TextEncoder().encode(parsed?.bodyText ?? hop.partial ?? '');
}

/**
 * The hop's body cut into the pieces it arrived in, each with its text. A character split across
 * two pieces shows whole in the second (a streaming decoder carries it over); pieces beyond what
 * the log kept of the body have no text.
 */
export function bodyPieces(hop: Hop): BodyPiece[] {
  const chunks = hop.chunks ?? [];
  const bytes = bodyBytes(hop);
  const decoder = new TextDecoder();
  let at = 0;
  return chunks.map((chunk, i) => {
    const slice = bytes.subarray(at, Math.min(at + chunk.size, bytes.length));
    at += chunk.size;
    const text = decoder.decode(slice, { stream: i < chunks.length - 1 });
    return { atMs: chunk.atMs, size: chunk.size, text };
  });
}

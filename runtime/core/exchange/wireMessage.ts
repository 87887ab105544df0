import type { ParsedMessage, WireMessage } from './exchange';

export interface ByteCodec {
  latin1(bytes: Uint8Array): string;
  /** Undefined when the bytes are not valid UTF-8. */
  utf8(bytes: Uint8Array): string | undefined;
  base64(bytes: Uint8Array): string;
}

/**
 * Splits raw HTTP message bytes into head and body, keeping at most `bodyLimit` body bytes,
 * and builds the parsed view (headers, de-chunked body).
 */
export function toWireMessage(raw: Uint8Array, bodyLimit: number, codec: ByteCodec): WireMessage {
  const split = indexOfHeadEnd(raw);
  const headBytes = split < 0 ? raw : raw.subarray(0, split + 4);
  const bodyBytes = split < 0 ? new Uint8Array(0) : raw.subarray(split + 4);
  const head = codec.latin1(headBytes);
  const kept = bodyBytes.subarray(0, bodyLimit);
  const text = codec.utf8(kept);
  const lines = head.split('\r\n').filter((l) => l !== '');
  const headers = lines.slice(1).map((line): [string, string] => {
    const i = line.indexOf(':');
    return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1).trim()];
  });
  const chunked = headers.some(([k, v]) => k.toLowerCase() === 'transfer-encoding' && /chunked/i.test(v));
  const payload = chunked ? dechunk(kept) : kept;
  const payloadText = codec.utf8(payload);
  const parsed: ParsedMessage = {
    startLine: lines[0] ?? '',
    headers,
    ...(payload.length > 0 &&
      (payloadText !== undefined ? { bodyText: payloadText } : { bodyBase64: codec.base64(payload) })),
  };
  return {
    head,
    body: {
      encoding: text === undefined ? 'base64' : 'utf8',
      data: text ?? codec.base64(kept),
      size: bodyBytes.length,
      truncated: bodyBytes.length > kept.length,
    },
    parsed,
  };
}

function indexOfHeadEnd(raw: Uint8Array): number {
  for (let i = 0; i + 3 < raw.length; i++) {
    if (raw[i] === 13 && raw[i + 1] === 10 && raw[i + 2] === 13 && raw[i + 3] === 10) return i;
  }
  return -1;
}

/** Removes chunk framing; stops quietly at a truncated chunk. */
export function dechunk(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    let lineEnd = i;
    while (lineEnd + 1 < bytes.length && !(bytes[lineEnd] === 13 && bytes[lineEnd + 1] === 10)) lineEnd++;
    let sizeText = '';
    for (let j = i; j < lineEnd; j++) sizeText += String.fromCharCode(bytes[j]!);
    const size = parseInt(sizeText.split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size === 0) break;
    const start = lineEnd + 2;
    parts.push(bytes.subarray(start, Math.min(start + size, bytes.length)));
    i = start + size + 2;
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

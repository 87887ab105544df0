/** Latin-1 bytes of `text`: one byte per UTF-16 unit, keeping its low 8 bits as Node's 'latin1' does. */
export function latin1Encode(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

// String.fromCharCode.apply takes its arguments on the stack, so long inputs go in slices.
const APPLY_SLICE = 8192;

/**
 * Text of `bytes[start..end)` read as Latin-1. Not TextDecoder('latin1'): the web maps that label
 * to windows-1252, which changes bytes 0x80-0x9F.
 */
export function latin1Decode(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const length = end - start;
  if (length <= 0) return '';
  if (length <= APPLY_SLICE) {
    return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  let text = '';
  for (let at = start; at < end; at += APPLY_SLICE) {
    const slice = bytes.subarray(at, Math.min(end, at + APPLY_SLICE));
    text += String.fromCharCode.apply(null, slice as unknown as number[]);
  }
  return text;
}

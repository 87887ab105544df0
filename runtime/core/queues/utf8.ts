// TextEncoder and TextDecoder exist in every runtime this code targets (Node, browsers, the
// WebContainer), but not in the ES2022 lib that runtime/core is compiled against, so they are
// reached through globalThis with just the members used here.
interface Encoder {
  encode(text: string): Uint8Array;
}
interface Decoder {
  decode(bytes: Uint8Array): string;
}
interface TextCodecs {
  TextEncoder: new () => Encoder;
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;
}

const codecs = globalThis as unknown as TextCodecs;
let encoder: Encoder | undefined;
let decoder: Decoder | undefined;

/** UTF-8 bytes of `text`; lone surrogates become U+FFFD, as .NET's `Encoding.UTF8` does. */
export function utf8Encode(text: string): Uint8Array {
  encoder ??= new codecs.TextEncoder();
  return encoder.encode(text);
}

/**
 * Text from UTF-8 bytes; invalid sequences become U+FFFD, as `Encoding.UTF8.GetString` does. A
 * leading BOM is kept as U+FEFF, because GetString does not strip it.
 */
export function utf8Decode(bytes: Uint8Array): string {
  decoder ??= new codecs.TextDecoder('utf-8', { ignoreBOM: true });
  return decoder.decode(bytes);
}

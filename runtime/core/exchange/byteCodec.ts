import type { ByteCodec } from './wireMessage';
import { encodeBase64 } from '../queues/base64';
import { latin1Decode } from '../http1/writer';

interface StrictDecoder {
  decode(bytes: Uint8Array): string;
}
const codecs = globalThis as unknown as {
  TextDecoder: new (label: string, options: { fatal: boolean }) => StrictDecoder;
};
let strict: StrictDecoder | undefined;

/** Turns captured bytes into text for the exchange view, on any platform. */
export const byteCodec: ByteCodec = {
  latin1: (bytes) => latin1Decode(bytes),
  utf8: (bytes) => {
    strict ??= new codecs.TextDecoder('utf-8', { fatal: true });
    try {
      return strict.decode(bytes);
    } catch {
      return undefined;
    }
  },
  base64: encodeBase64,
};

import type { ByteCodec } from '../../core/exchange/wireMessage';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const nodeByteCodec: ByteCodec = {
  latin1: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  utf8: (bytes) => {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return undefined;
    }
  },
  base64: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
};

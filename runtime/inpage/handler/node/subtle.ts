/**
 * crypto.subtle for handlers in the page, where the sandbox (not a secure context) has none:
 * digest with the SHA family, as Web Crypto's, from the same hashes as createHash. Every other
 * operation rejects with a NotSupportedError that says why and where the handler can run it,
 * instead of the bare TypeError of reading a method of undefined.
 */
import { digestBytes, viewBytes } from './crypto';

/** Web Crypto's digest names, by the hash createHash knows them as. */
const DIGESTS: Readonly<Record<string, string>> = {
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const NOT_PROVIDED = [
  'encrypt',
  'decrypt',
  'sign',
  'verify',
  'generateKey',
  'deriveKey',
  'deriveBits',
  'importKey',
  'exportKey',
  'wrapKey',
  'unwrapKey',
] as const;

function bufferSource(data: unknown): Uint8Array {
  const bytes = viewBytes(data);
  if (bytes) return bytes;
  throw new TypeError(
    "Failed to execute 'digest' on 'SubtleCrypto': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.",
  );
}

function algorithmName(algorithm: unknown): string | undefined {
  const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name?: unknown } | null)?.name;
  if (typeof name !== 'string') return undefined;
  return Object.keys(DIGESTS).find((known) => known.toLowerCase() === name.toLowerCase());
}

export function notProvidedMessage(method: string): string {
  return (
    `crypto.subtle.${method} is not available in the in-page engine: the sandbox it runs in is not ` +
    "a secure context, so only crypto.subtle.digest is provided. Use require('crypto') " +
    '(createHmac, createHash, randomBytes), or run this handler with the WebContainer engine, ' +
    '`npm start` (the local engine) or the CLI host.'
  );
}

export function createSubtle(): Record<string, (...args: unknown[]) => Promise<never | ArrayBuffer>> {
  const subtle: Record<string, (...args: unknown[]) => Promise<ArrayBuffer>> = {
    digest: async (algorithm: unknown, data: unknown) => {
      const name = algorithmName(algorithm);
      if (!name) throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
      const digest = digestBytes(DIGESTS[name]!, bufferSource(data));
      return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
    },
  };
  for (const method of NOT_PROVIDED) {
    subtle[method] = () => Promise.reject(new DOMException(notProvidedMessage(method), 'NotSupportedError'));
  }
  return subtle;
}

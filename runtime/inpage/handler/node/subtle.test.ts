import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubtle } from './subtle';

// The stand-in beside Node's own Web Crypto: the same digests, the same kinds of refusal.
const ours = createSubtle();
const node = webcrypto.subtle;
const hex = (buffer: ArrayBuffer) => Buffer.from(buffer).toString('hex');

/** How a promise ended: its value's hex, or the error's name. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    return `ok ${hex((await promise) as ArrayBuffer)}`;
  } catch (e) {
    return `rejected ${(e as Error).name}`;
  }
}

describe('crypto.subtle in the page', () => {
  const random = webcrypto.getRandomValues(new Uint8Array(1 << 16));
  const inputs: [string, BufferSource][] = [
    ['empty', new Uint8Array(0)],
    ['abc', new TextEncoder().encode('abc')],
    ['an ArrayBuffer', random.buffer.slice(0, 1000)],
    ['a view into a larger buffer', new DataView(random.buffer, 7, 4099)],
    ['64 KiB', random],
  ];

  for (const algorithm of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'sha-256', { name: 'Sha-512' }]) {
    it(`digest ${JSON.stringify(algorithm)} gives Node's bytes`, async () => {
      for (const [label, data] of inputs) {
        expect(await outcome(ours.digest!(algorithm, data)), label).toBe(
          await outcome(node.digest(algorithm, data)),
        );
      }
    });
  }

  it('refuses what Node refuses: an unknown algorithm, and data that is no buffer', async () => {
    for (const [algorithm, data] of [
      ['MD5', new Uint8Array(1)],
      [{ name: 42 }, new Uint8Array(1)],
      ['SHA-256', 'text'],
    ] as const) {
      expect(await outcome(ours.digest!(algorithm, data))).toBe(
        await outcome(node.digest(algorithm as never, data as never)),
      );
    }
  });

  it('rejects the operations it lacks with NotSupportedError, saying why and where they run', async () => {
    for (const method of ['sign', 'verify', 'importKey', 'generateKey', 'encrypt', 'deriveBits']) {
      const refused = ours[method]!('HMAC').catch((e: unknown) => e);
      const error = (await refused) as DOMException;
      expect(error).toBeInstanceOf(DOMException);
      expect(error.name).toBe('NotSupportedError');
      expect(error.message).toMatch(
        new RegExp(`^crypto\\.subtle\\.${method} is not available in the in-page engine`),
      );
      expect(error.message).toMatch(/WebContainer engine, `npm start` \(the local engine\) or the CLI host/);
    }
  });
});

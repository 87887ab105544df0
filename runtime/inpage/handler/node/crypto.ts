import { Buffer } from '../polyfills';
import { loadHashes } from '../polyfillLoad';
import { nodeError } from '../nodeErrors';

// The worker in the sandboxed iframe is not a secure context: crypto.getRandomValues works but
// crypto.randomUUID and crypto.subtle do not exist there. So: hashes from @noble/hashes, and
// random values (UUIDs included) from getRandomValues.

// Loaded on the first hash, not with the worker (see polyfillLoad.ts).
let loaded: ReturnType<typeof loadHashes> | undefined;
const hashes = () => (loaded ??= loadHashes());
type Hashes = ReturnType<typeof loadHashes>;
const HASH_NAMES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
type HashName = (typeof HASH_NAMES)[number];
type Hasher = ReturnType<Hashes[HashName]['create']>;

function hashFor(algorithm: string): Hashes[HashName] {
  const name = algorithm.toLowerCase().replace(/-/g, '');
  const hash = (HASH_NAMES as readonly string[]).includes(name) ? hashes()[name as HashName] : undefined;
  if (!hash) throw nodeError(Error, 'ERR_OSSL_EVP_UNSUPPORTED', `Digest method not supported`);
  return hash;
}

function toBytes(data: unknown, encoding?: string): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw nodeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.',
  );
}

function encodeDigest(bytes: Uint8Array, encoding?: string): string | Buffer {
  const buffer = Buffer.from(bytes);
  return encoding && encoding !== 'buffer' ? buffer.toString(encoding as BufferEncoding) : buffer;
}

/** crypto.createHash's Hash: update (chainable), digest once, copy. */
class Hash {
  private finished = false;

  constructor(private readonly hasher: Hasher) {}

  update(data: unknown, encoding?: string): this {
    if (this.finished) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.hasher.update(toBytes(data, encoding));
    return this;
  }

  digest(encoding?: string): string | Buffer {
    if (this.finished) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.finished = true;
    return encodeDigest(this.hasher.digest(), encoding);
  }

  copy(): Hash {
    return new Hash(this.hasher.clone() as Hasher);
  }
}

class Hmac {
  private readonly state;
  private finished = false;

  constructor(algorithm: string, key: unknown) {
    this.state = hashes().hmac.create(hashFor(algorithm), toBytes(key));
  }

  update(data: unknown, encoding?: string): this {
    this.state.update(toBytes(data, encoding));
    return this;
  }

  digest(encoding?: string): string | Buffer {
    if (this.finished) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.finished = true;
    return encodeDigest(this.state.digest(), encoding);
  }
}

/** One digest of `bytes` with a hash createHash knows (for crypto.subtle.digest in the page). */
export function digestBytes(algorithm: string, bytes: Uint8Array): Uint8Array {
  return hashFor(algorithm).create().update(bytes).digest();
}

/** getRandomValues takes at most 65536 bytes per call. */
function fillRandom(bytes: Uint8Array): Uint8Array {
  for (let offset = 0; offset < bytes.length; offset += 65536) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, Math.min(bytes.length, offset + 65536)));
  }
  return bytes;
}

/** An RFC 4122 version 4 UUID, as Node's crypto.randomUUID. */
export function randomUUID(): string {
  const bytes = fillRandom(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function createCryptoModule(nextTick: (callback: () => void) => void) {
  const randomBytes = (size: number, callback?: (error: Error | null, bytes: Buffer) => void) => {
    const bytes = Buffer.from(fillRandom(new Uint8Array(size)));
    if (callback) nextTick(() => callback(null, bytes));
    return bytes;
  };
  const randomInt = (min: number, max?: number, callback?: (e: Error | null, n: number) => void) => {
    if (max === undefined || typeof max === 'function') {
      callback = max as typeof callback;
      max = min;
      min = 0;
    }
    const range = max - min;
    const [word] = new Uint32Array(fillRandom(new Uint8Array(4)).buffer);
    const value = min + ((word as number) % range);
    if (callback) nextTick(() => callback?.(null, value));
    return value;
  };
  return {
    createHash: (algorithm: string) => new Hash(hashFor(algorithm).create() as Hasher),
    createHmac: (algorithm: string, key: unknown) => new Hmac(algorithm, key),
    getHashes: () => [...HASH_NAMES],
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: (target: Uint8Array) => fillRandom(target),
    randomInt,
    randomUUID,
    getRandomValues: <T extends ArrayBufferView>(array: T): T =>
      globalThis.crypto.getRandomValues(array as never),
    timingSafeEqual: (a: Uint8Array, b: Uint8Array) => {
      if (a.byteLength !== b.byteLength) {
        throw nodeError(
          RangeError,
          'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
          'Input buffers must have the same byte length',
        );
      }
      let difference = 0;
      for (let i = 0; i < a.byteLength; i++) difference |= (a[i] as number) ^ (b[i] as number);
      return difference === 0;
    },
    webcrypto: globalThis.crypto,
    subtle: globalThis.crypto.subtle,
  };
}

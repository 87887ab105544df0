import { Buffer } from '../polyfills';
import { loadHashes } from '../polyfillLoad';
import { describeReceived, invalidArgType, nodeError } from '../nodeErrors';

// The worker in the sandboxed iframe is not a secure context: crypto.getRandomValues works but
// crypto.randomUUID and crypto.subtle do not exist there. So: hashes from @noble/hashes, and
// random values (UUIDs included) from getRandomValues.

// Loaded on the first hash, not with the worker (see polyfillLoad.ts).
let loaded: ReturnType<typeof loadHashes> | undefined;
const hashes = () => (loaded ??= loadHashes());
type Hashes = ReturnType<typeof loadHashes>;
type HashFunction = Parameters<Hashes['hmac']['create']>[0];
type Hasher = ReturnType<HashFunction['create']>;

/** The hashes, by the names crypto.getHashes() gives them. */
const HASHES: Readonly<Record<string, (h: Hashes) => HashFunction>> = {
  md5: (h) => h.md5,
  ripemd160: (h) => h.ripemd160,
  sha1: (h) => h.sha1,
  sha224: (h) => h.sha224,
  sha256: (h) => h.sha256,
  sha384: (h) => h.sha384,
  sha512: (h) => h.sha512,
  'sha512-224': (h) => h.sha512_224,
  'sha512-256': (h) => h.sha512_256,
  'sha3-224': (h) => h.sha3_224,
  'sha3-256': (h) => h.sha3_256,
  'sha3-384': (h) => h.sha3_384,
  'sha3-512': (h) => h.sha3_512,
  blake2b512: (h) => h.blake2b,
  blake2s256: (h) => h.blake2s,
};

/** The other names OpenSSL, and so Node, takes for them (case aside). */
const ALIASES: Readonly<Record<string, string>> = {
  'rsa-md5': 'md5',
  md5withrsaencryption: 'md5',
  'ssl3-md5': 'md5',
  ripemd: 'ripemd160',
  'ripemd-160': 'ripemd160',
  rmd160: 'ripemd160',
  'rsa-ripemd160': 'ripemd160',
  ripemd160withrsa: 'ripemd160',
  'sha-1': 'sha1',
  'rsa-sha1': 'sha1',
  'rsa-sha1-2': 'sha1',
  sha1withrsaencryption: 'sha1',
  'ssl3-sha1': 'sha1',
  'blake2b-512': 'blake2b512',
  ...Object.fromEntries(
    ['224', '256', '384', '512'].flatMap((bits) => [
      [`sha-${bits}`, `sha${bits}`],
      [`sha2-${bits}`, `sha${bits}`],
      [`rsa-sha${bits}`, `sha${bits}`],
      [`sha${bits}withrsaencryption`, `sha${bits}`],
      [`rsa-sha3-${bits}`, `sha3-${bits}`],
      [`id-rsassa-pkcs1-v1_5-with-sha3-${bits}`, `sha3-${bits}`],
    ]),
  ),
  ...Object.fromEntries(
    ['224', '256'].flatMap((bits) => [
      [`sha-512/${bits}`, `sha512-${bits}`],
      [`sha2-512/${bits}`, `sha512-${bits}`],
      [`rsa-sha512/${bits}`, `sha512-${bits}`],
      [`sha512-${bits}withrsaencryption`, `sha512-${bits}`],
    ]),
  ),
};

/** The hash `algorithm` names, or undefined for one this engine (or Node) does not have. */
function findHash(algorithm: unknown): HashFunction | undefined {
  if (typeof algorithm !== 'string') return undefined;
  const name = algorithm.toLowerCase();
  const load = HASHES[ALIASES[name] ?? name];
  return load?.(hashes());
}

function hashFor(algorithm: unknown): HashFunction {
  const hash = findHash(algorithm);
  // Node's own error here has no code: it comes from OpenSSL.
  if (!hash) throw new Error('Digest method not supported');
  return hash;
}

/** The bytes of a buffer or of any view of one (a typed array of any element size, a DataView). */
export function viewBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

function toBytes(data: unknown, encoding?: string): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding);
  const bytes = viewBytes(data);
  if (bytes) return bytes;
  throw nodeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. ${describeReceived(data)}`,
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
    const hash = findHash(algorithm);
    if (!hash) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
    this.state = hashes().hmac.create(hash, toBytes(key));
  }

  update(data: unknown, encoding?: string): this {
    if (this.finished) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.state.update(toBytes(data, encoding));
    return this;
  }

  /** A second digest gives nothing, as Node's Hmac does (its Hash throws instead). */
  digest(encoding?: string): string | Buffer {
    if (this.finished) return encodeDigest(new Uint8Array(0), encoding);
    this.finished = true;
    return encodeDigest(this.state.digest(), encoding);
  }
}

/** One digest of `bytes` with a hash createHash knows (for crypto.subtle.digest in the page). */
export function digestBytes(algorithm: string, bytes: Uint8Array): Uint8Array {
  return hashFor(algorithm).create().update(bytes).digest();
}

/** timingSafeEqual's argument as bytes: a buffer or a view of one, whatever its element size. */
function bytesOf(name: string, value: unknown): Uint8Array {
  const bytes = viewBytes(value);
  if (bytes) return bytes;
  throw nodeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`,
  );
}

/** The largest range randomInt draws from: its random values are 6 bytes, as Node's. */
const RAND_MAX = 0xffff_ffff_ffff;

/** Node's wording of a received value in ERR_OUT_OF_RANGE: large integers with separators. */
function describeOutOfRange(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) <= 2 ** 32) return String(value);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, '_');
  return value < 0 ? `-${digits}` : digits;
}

function outOfRange(name: string, range: string, value: number): Error {
  return nodeError(
    RangeError,
    'ERR_OUT_OF_RANGE',
    `The value of "${name}" is out of range. It must be ${range}. Received ${describeOutOfRange(value)}`,
  );
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
  const randomBytes = (size: unknown, callback?: (error: Error | null, bytes: Buffer) => void) => {
    if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
    if (!(size >= 0 && size <= 2 ** 31 - 1)) throw outOfRange('size', '>= 0 && <= 2147483647', size);
    if (callback !== undefined && typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    const bytes = Buffer.from(fillRandom(new Uint8Array(size)));
    if (callback) nextTick(() => callback(null, bytes));
    return bytes;
  };
  /** Node's randomInt: a 6-byte value drawn until it falls below the last whole range, so no bias. */
  const randomInt = (min: unknown, max?: unknown, callback?: unknown) => {
    const minGiven = !(max === undefined || typeof max === 'function');
    if (!minGiven) {
      callback = max;
      max = min;
      min = 0;
    }
    if (callback !== undefined && typeof callback !== 'function') {
      throw invalidArgType('callback', 'of type function', callback);
    }
    if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
    if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
    const [low, high] = [min as number, max as number];
    if (high <= low) throw outOfRange('max', `greater than the value of "min" (${low})`, high);
    const range = high - low;
    if (!(range <= RAND_MAX)) throw outOfRange(minGiven ? 'max - min' : 'max', `<= ${RAND_MAX}`, range);
    const limit = RAND_MAX - (RAND_MAX % range);
    let value: number;
    do {
      const bytes = fillRandom(new Uint8Array(6));
      value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
    } while (value >= limit);
    const drawn = low + (value % range);
    if (typeof callback !== 'function') return drawn;
    const done = callback as (error: undefined, n: number) => void;
    nextTick(() => done(undefined, drawn));
    return undefined;
  };
  return {
    createHash: (algorithm: string) => new Hash(hashFor(algorithm).create() as Hasher),
    createHmac: (algorithm: string, key: unknown) => new Hmac(algorithm, key),
    getHashes: () => Object.keys(HASHES).sort(),
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync: (target: Uint8Array) => fillRandom(target),
    randomInt,
    randomUUID,
    getRandomValues: <T extends ArrayBufferView>(array: T): T =>
      globalThis.crypto.getRandomValues(array as never),
    timingSafeEqual: (buf1: unknown, buf2: unknown) => {
      const [a, b] = [bytesOf('buf1', buf1), bytesOf('buf2', buf2)];
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

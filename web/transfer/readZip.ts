import { Inflate } from 'fflate';

/**
 * A zip reader that never inflates more than it was told to expect. It reads the central
 * directory itself (fflate's unzipSync allocates each entry's declared size up front, so a lying
 * header could ask for gigabytes) and inflates one entry at a time in small steps, stopping as
 * soon as the output passes the size the entry declares.
 */

export interface ZipEntry {
  /** The name as stored, '/'-separated; directories end with '/'. */
  readonly name: string;
  /** Declared (uncompressed) size in bytes. */
  readonly size: number;
  readonly compressedSize: number;
  /** 0 = stored, 8 = deflate; nothing else is supported. */
  readonly method: number;
  readonly encrypted: boolean;
  /** Offset of the entry's local header. */
  readonly localOffset: number;
  /** The CRC-32 the central directory declares for the uncompressed bytes. */
  readonly crc32: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes inflated per step: deflate expands at most ~1032×, so a step yields ≤ ~4 MB. */
const STEP = 4096;

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

/** Lists the entries from the central directory, or says why the bytes are not a usable zip. */
export function listZip(bytes: Uint8Array): ZipEntry[] | string {
  const notZip = 'This is not a zip file (or it is damaged).';
  let end = bytes.length - 22;
  const stop = Math.max(0, end - 0xffff); // the comment after the end record is at most 64 kB
  while (end >= stop && u32(bytes, end) !== EOCD) end--;
  if (end < stop) return notZip;
  const count = u16(bytes, end + 10);
  const offset = u32(bytes, end + 16);
  // Zip64 only appears past 65,535 entries or 4 GB, far beyond what an app may hold.
  if (count === 0xffff || offset === 0xffffffff) return 'Zip64 archives are far too large to import.';
  const entries: ZipEntry[] = [];
  const names = new TextDecoder();
  let o = offset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > bytes.length || u32(bytes, o) !== CENTRAL) return notZip;
    const nameLength = u16(bytes, o + 28);
    const next = o + 46 + nameLength + u16(bytes, o + 30) + u16(bytes, o + 32);
    if (next > bytes.length) return notZip;
    entries.push({
      name: names.decode(bytes.subarray(o + 46, o + 46 + nameLength)),
      encrypted: (u16(bytes, o + 8) & 1) === 1,
      method: u16(bytes, o + 10),
      crc32: u32(bytes, o + 16),
      compressedSize: u32(bytes, o + 20),
      size: u32(bytes, o + 24),
      localOffset: u32(bytes, o + 42),
    });
    o = next;
  }
  return entries;
}

/** The entry's bytes, or why they cannot be read; never more than `entry.size` bytes are kept. */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array | string {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) return `'${entry.name}' is damaged.`;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return `'${entry.name}' is damaged.`;
  if (entry.encrypted) return `'${entry.name}' is encrypted.`;
  const out = entry.method === 0 ? data.slice() : entry.method === 8 ? inflate(data, entry.size) : undefined;
  if (out === undefined) return `'${entry.name}' uses a compression method other than deflate.`;
  if (out === 'damaged') return `'${entry.name}' is damaged.`;
  if (out.length !== entry.size)
    return `'${entry.name}' holds ${out.length > entry.size ? 'more' : 'fewer'} bytes than the ${entry.size} its zip entry declares.`;
  // A flipped bit inside stored (or even deflated) data goes unnoticed otherwise.
  if (crc32(out) !== entry.crc32)
    return `'${entry.name}' is damaged: its CRC-32 does not match its contents.`;
  return out;
}

/** Inflates at most `limit` + 1 bytes: one byte past the limit is enough to show the entry lied. */
function inflate(data: Uint8Array, limit: number): Uint8Array | 'damaged' {
  const out = new Uint8Array(limit + 1);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    out.set(chunk.subarray(0, out.length - length), length);
    length = Math.min(out.length, length + chunk.length);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let i = 0; i < data.length && length <= limit; i += STEP)
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  } catch {
    return 'damaged';
  }
  return out.subarray(0, length);
}

let crcTable: Uint32Array | undefined;

/** The zip format's CRC-32 (IEEE 802.3, reflected). */
export function crc32(bytes: Uint8Array): number {
  const table = (crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

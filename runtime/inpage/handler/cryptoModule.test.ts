import { describe, expect, it } from 'vitest';
import { runUnderBoth } from './testing/realNode';

// `crypto` in the page (node/crypto.ts), checked against real Node: the same script prints the
// same lines, errors included. What is random is printed by its shape only.

const SCRIPT = String.raw`
const crypto = require('node:crypto');
const out = (...values) => console.log(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' '));
const fails = (label, call) => {
  try {
    out(label, 'no error', String(call()));
  } catch (e) {
    out(label, e.name, e.code ?? '-', e.message);
  }
};
// Every name Node 20's getHashes() lists, and other spellings OpenSSL takes, but for sm3, shake128,
// shake256 and md5-sha1, which the page does not have.
const names = ['md5', 'RSA-MD5', 'md5WithRSAEncryption', 'ssl3-md5', 'ripemd160', 'RSA-RIPEMD160', 'ripemd160WithRSA',
  'RIPEMD-160', 'rmd160', 'ripemd', 'sha1', 'SHA-1', 'RSA-SHA1', 'RSA-SHA1-2', 'sha1WithRSAEncryption', 'ssl3-sha1',
  'sha224', 'RSA-SHA224', 'sha224WithRSAEncryption', 'sha256', 'SHA256', 'sha-256', 'SHA2-256', 'RSA-SHA256',
  'sha256WithRSAEncryption', 'sha384', 'sha-384', 'RSA-SHA384', 'sha384WithRSAEncryption', 'sha512', 'RSA-SHA512',
  'sha512WithRSAEncryption', 'sha512-224', 'SHA-512/224', 'RSA-SHA512/224', 'sha512-224WithRSAEncryption', 'sha512-256',
  'RSA-SHA512/256', 'sha512-256WithRSAEncryption', 'sha3-224', 'RSA-SHA3-224', 'id-rsassa-pkcs1-v1_5-with-sha3-224',
  'SHA3-256', 'RSA-SHA3-256', 'id-rsassa-pkcs1-v1_5-with-sha3-256', 'sha3-384', 'RSA-SHA3-384',
  'id-rsassa-pkcs1-v1_5-with-sha3-384', 'sha3-512', 'RSA-SHA3-512', 'id-rsassa-pkcs1-v1_5-with-sha3-512', 'blake2b512',
  'BLAKE2B-512', 'blake2s256', 'nope', 'sha512/256', 'sha3_256', 'sha1-2', ''];
for (const algorithm of names) {
  fails('hash ' + algorithm, () => crypto.createHash(algorithm).update('abc').digest('hex'));
  fails('hmac ' + algorithm, () => crypto.createHmac(algorithm, 'key').update('abc').digest('base64'));
}
for (const encoding of ['hex', 'base64', 'base64url', 'latin1', 'binary', undefined]) {
  const digest = crypto.createHash('sha256').update('é').digest(encoding);
  out('digest', String(encoding), Buffer.isBuffer(digest) ? 'buffer ' + digest.toString('hex') : digest);
}
out('update encodings', crypto.createHash('sha1').update('6869', 'hex').update('aGk=', 'base64').update('hi', 'latin1').digest('hex'));
out('update bytes', crypto.createHash('sha1').update(new Uint8Array([1, 2, 3])).update(Buffer.from('x')).update(new DataView(new ArrayBuffer(4))).digest('hex'));
const base = crypto.createHash('sha256').update('one');
const copy = base.copy();
out('copy', base.update('two').digest('hex'), copy.digest('hex'));
const once = crypto.createHash('sha256');
once.digest();
fails('digest twice', () => once.digest());
fails('update after digest', () => once.update('x'));
fails('update a number', () => crypto.createHash('sha256').update(42));
out('hmac', crypto.createHmac('sha256', 'key').update('data').digest('hex'), crypto.createHmac('sha1', Buffer.from('k')).update('d').digest('base64'));
out('hmac long key', crypto.createHmac('sha512', 'k'.repeat(300)).update('d').digest('hex'));
const hmac = crypto.createHmac('md5', '');
hmac.digest();
fails('hmac digest twice', () => hmac.digest());
fails('hmac nope', () => crypto.createHmac('nope', 'k'));
out('randomBytes', crypto.randomBytes(0).length, crypto.randomBytes(33).length, Buffer.isBuffer(crypto.randomBytes(1)));
fails('randomBytes negative', () => crypto.randomBytes(-1));
fails('randomBytes text', () => crypto.randomBytes('4'));
for (const size of ['x'.repeat(28), 'x'.repeat(29), 10n ** 30n, Symbol('s'), true]) fails('randomBytes ' + typeof size, () => crypto.randomBytes(size));
fails('randomBytes callback text', () => crypto.randomBytes(4, 'cb'));
out('randomUUID', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
const ints = Array.from({ length: 2000 }, () => crypto.randomInt(3, 7));
out('randomInt', Math.min(...ints), Math.max(...ints), ints.every(Number.isInteger), new Set(Array.from({ length: 200 }, () => crypto.randomInt(2))).size);
fails('randomInt empty range', () => crypto.randomInt(5, 5));
fails('randomInt max 0', () => crypto.randomInt(0));
fails('randomInt not an integer', () => crypto.randomInt(1.5));
fails('randomInt reversed', () => crypto.randomInt(10, 2));
fails('randomInt too wide', () => crypto.randomInt(2 ** 48 + 5));
fails('randomInt too wide a range', () => crypto.randomInt(1, 2 ** 49));
fails('randomInt negative range', () => crypto.randomInt(-(2 ** 40), -5) < -4);
fails('randomInt text', () => crypto.randomInt('3'));
fails('randomInt min not an integer', () => crypto.randomInt(1.5, 3));
fails('randomInt callback text', () => crypto.randomInt(1, 3, 'cb'));
out('timingSafeEqual', crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')));
fails('timingSafeEqual lengths', () => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')));
fails('timingSafeEqual text', () => crypto.timingSafeEqual('a', 'a'));
fails('timingSafeEqual views', () => crypto.timingSafeEqual(new Uint16Array([1, 2]), new DataView(new Uint8Array([1, 0, 2, 0]).buffer)));
fails('timingSafeEqual buffers', () => crypto.timingSafeEqual(new ArrayBuffer(3), new Uint8Array(3)));
const filled = crypto.getRandomValues(new Uint8Array(8));
out('getRandomValues', filled.length, filled instanceof Uint8Array);
out('randomFillSync', crypto.randomFillSync(Buffer.alloc(5)).length);
const token = Buffer.from([251, 255, 191, 0, 62, 63]);
out('base64url', token.toString('base64url'), Buffer.from('-_-_', 'base64url').toString('hex'), Buffer.from('+/+/', 'base64url').toString('hex'));
out('base64url sizes', Buffer.byteLength('-__-aa', 'base64url'), Buffer.isEncoding('base64url'), Buffer.isEncoding('BASE64URL'), Buffer.from('aGk', 'base64url').toString());
const written = Buffer.alloc(6);
out('base64url write', written.write('-_-_', 1, 'base64url'), written.toString('hex'), token.toString('base64url', 1, 4));
out('base64url fill', Buffer.alloc(4, '-_8', 'base64url').toString('hex'), token.indexOf('_7', 0, 'base64url'), token.includes('-_', 'base64url'));
out('webcrypto', typeof crypto.webcrypto.getRandomValues, typeof crypto.subtle.digest);
crypto.randomBytes(4, (error, bytes) => {
  out('randomBytes callback', error, bytes.length);
  crypto.randomInt(10, (error2, n) => {
    out('randomInt callback', error2, n >= 0 && n < 10);
  });
});
`;

describe('crypto in the page', () => {
  it("hashes, HMACs and random values as Node's crypto does, errors included", async () => {
    const { node, page } = await runUnderBoth({ 'handler.js': SCRIPT });
    expect(node.stderr).toBe('');
    expect(page.code).toBe(0);
    expect(page.stderr).toBe('');
    expect(page.stdout).toBe(node.stdout);
    expect(page.stdout).toContain('randomBytes callback null 4\nrandomInt callback  true\n');
  });
});

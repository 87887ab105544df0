// How polyfills.ts (and node/crypto.ts, for its hashes) get what they build on first use. Here, for Node (the unit tests,
// tsx), by static import: Node has no synchronous require in an ES module, and when it is
// evaluated matters only in the worker. The worker bundle uses polyfillLoad.bundle.ts instead
// (buildOptions.mjs), whose require() the bundler turns into a module built on its first call.
import util from 'util/util.js';
import url from 'url/url.js';
import querystring from 'querystring-es3/index.js';
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { hmac } from '@noble/hashes/hmac.js';
import { md5, ripemd160, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512, sha512_224, sha512_256 } from '@noble/hashes/sha2.js';
import { sha3_224, sha3_256, sha3_384, sha3_512 } from '@noble/hashes/sha3.js';

export const loadUtil = (): typeof util => util;
export const loadUrl = (): typeof url => url;
export const loadQuerystring = (): typeof querystring => querystring;

/** crypto's hashes (their tables are computed as the modules load). */
export const loadHashes = () => ({
  hmac,
  md5,
  ripemd160,
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
  sha512_224,
  sha512_256,
  sha3_224,
  sha3_256,
  sha3_384,
  sha3_512,
  blake2b,
  blake2s,
});

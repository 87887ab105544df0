// polyfillLoad.ts for the worker bundle (buildOptions.mjs puts it in its place): each require()
// becomes a module the bundler builds on its first call, not when the worker's script runs.
/* eslint-disable @typescript-eslint/no-require-imports -- lazily built on purpose, see above */
import type util from 'util/util.js';
import type url from 'url/url.js';
import type querystring from 'querystring-es3/index.js';
import type * as Blake2 from '@noble/hashes/blake2.js';
import type * as Hmac from '@noble/hashes/hmac.js';
import type * as Legacy from '@noble/hashes/legacy.js';
import type * as Sha2 from '@noble/hashes/sha2.js';
import type * as Sha3 from '@noble/hashes/sha3.js';
import type { loadHashes as load } from './polyfillLoad';

export const loadUtil = (): typeof util => require('util/util.js') as typeof util;
export const loadUrl = (): typeof url => require('url/url.js') as typeof url;
export const loadQuerystring = (): typeof querystring =>
  require('querystring-es3/index.js') as typeof querystring;
export const loadHashes: typeof load = () => ({
  ...(require('@noble/hashes/hmac.js') as typeof Hmac),
  ...(require('@noble/hashes/legacy.js') as typeof Legacy),
  ...(require('@noble/hashes/sha2.js') as typeof Sha2),
  ...(require('@noble/hashes/sha3.js') as typeof Sha3),
  ...(require('@noble/hashes/blake2.js') as typeof Blake2),
});

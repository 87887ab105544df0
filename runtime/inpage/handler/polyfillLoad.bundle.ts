// polyfillLoad.ts for the worker bundle (buildOptions.mjs puts it in its place): each require()
// becomes a module the bundler builds on its first call, not when the worker's script runs.
/* eslint-disable @typescript-eslint/no-require-imports -- lazily built on purpose, see above */
import type util from 'util/util.js';
import type url from 'url/url.js';
import type querystring from 'querystring-es3/index.js';
import type { loadHashes as load, loadInspect as loadNodeInspect } from './polyfillLoad';

export const loadUtil = (): typeof util => require('util/util.js') as typeof util;
export const loadUrl = (): typeof url => require('url/url.js') as typeof url;
export const loadQuerystring = (): typeof querystring =>
  require('querystring-es3/index.js') as typeof querystring;
/** The hashes travel as text (buildOptions.mjs, deferredText): compiled on the first hash. */
export const loadHashes: typeof load = () => require('./hashes.deferred') as ReturnType<typeof load>;
/** Node's inspect travels as text too: compiled on the first value a handler prints or formats. */
export const loadInspect: typeof loadNodeInspect = () =>
  require('./inspect.deferred') as ReturnType<typeof loadNodeInspect>;

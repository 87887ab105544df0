// How polyfills.ts (and node/crypto.ts, for its hashes) get what they build on first use. Here, for Node (the unit tests,
// tsx), by static import: Node has no synchronous require in an ES module, and when it is
// evaluated matters only in the worker. The worker bundle uses polyfillLoad.bundle.ts instead
// (buildOptions.mjs), whose require() the bundler turns into a module built on its first call.
import util from 'util/util.js';
import url from 'url/url.js';
import querystring from 'querystring-es3/index.js';
import * as hashes from './hashes';
import inspectModule from 'node-inspect-extracted';

export const loadUtil = (): typeof util => util;
export const loadUrl = (): typeof url => url;
export const loadQuerystring = (): typeof querystring => querystring;

/** crypto's hashes (their tables are computed as the modules load). */
export const loadHashes = () => hashes;

/** Node's own util.inspect and util.format, extracted for the web (node-inspect-extracted). */
export const loadInspect = (): typeof inspectModule => inspectModule;

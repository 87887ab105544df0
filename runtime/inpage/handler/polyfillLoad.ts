// How polyfills.ts gets the polyfills it builds on first use. Here, for Node (the unit tests,
// tsx), by static import: Node has no synchronous require in an ES module, and when it is
// evaluated matters only in the worker. The worker bundle uses polyfillLoad.bundle.ts instead
// (buildOptions.mjs), whose require() the bundler turns into a module built on its first call.
import util from 'util/util.js';
import url from 'url/url.js';
import querystring from 'querystring-es3/index.js';

export const loadUtil = (): typeof util => util;
export const loadUrl = (): typeof url => url;
export const loadQuerystring = (): typeof querystring => querystring;

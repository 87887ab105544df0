// The well-kept browser copies of Node's modules, imported by file path on purpose: a bare
// 'buffer' or 'events' would resolve to Node's own built-ins when the tests run in Node, and we
// want the tests to exercise exactly what ships in the page.
import bufferModule from 'buffer/index.js';
import EventEmitter from 'events/events.js';
import path from 'path-browserify/index.js';
import stringDecoderModule from 'string_decoder/lib/string_decoder.js';
import stream from 'readable-stream';

import { addBase64Url } from './bufferBase64Url';

export const { Buffer } = bufferModule;
addBase64Url(Buffer as never);
export type Buffer = InstanceType<typeof Buffer>;
export const { StringDecoder } = stringDecoderModule;
export { EventEmitter, path, stream };
export { bufferModule, stringDecoderModule };

// util, url and querystring are built on first use, not when the worker's script runs (in the
// bundle: polyfillLoad.ts). util's type checks (get-intrinsic) throw and catch two errors as they
// load, and an error thrown while the worker's whole script is still running makes Chromium
// re-read that script to place every frame of the stack: about as long as compiling it again
// (~100 ms). Loaded later, from a handler's call, the stack is a few small functions and the
// same errors cost nothing. url and querystring are small, but only a handler's require needs
// them.
export {
  loadUtil as util,
  loadUrl as url,
  loadQuerystring as querystring,
  loadInspect as nodeInspect,
} from './polyfillLoad';

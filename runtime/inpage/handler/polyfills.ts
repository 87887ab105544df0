// The well-kept browser copies of Node's modules, imported by file path on purpose: a bare
// 'buffer' or 'events' would resolve to Node's own built-ins when the tests run in Node, and we
// want the tests to exercise exactly what ships in the page.
import bufferModule from 'buffer/index.js';
import EventEmitter from 'events/events.js';
import util from 'util/util.js';
import url from 'url/url.js';
import path from 'path-browserify/index.js';
import querystring from 'querystring-es3/index.js';
import stringDecoderModule from 'string_decoder/lib/string_decoder.js';
import stream from 'readable-stream';

export const { Buffer } = bufferModule;
export type Buffer = InstanceType<typeof Buffer>;
export const { StringDecoder } = stringDecoderModule;
export { EventEmitter, util, url, path, querystring, stream };
export { bufferModule, stringDecoderModule };

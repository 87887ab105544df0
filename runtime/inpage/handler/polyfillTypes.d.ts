// Types for the browser polyfill packages, imported by file path (see polyfills.ts): they
// mirror Node's modules, so Node's own type declarations describe them.
declare module 'buffer/index.js' {
  import * as buffer from 'node:buffer';
  export default buffer;
}
declare module 'events/events.js' {
  import { EventEmitter } from 'node:events';
  export default EventEmitter;
}
declare module 'util/util.js' {
  import * as util from 'node:util';
  export default util;
}
declare module 'url/url.js' {
  import * as url from 'node:url';
  export default url;
}
declare module 'path-browserify/index.js' {
  import * as path from 'node:path';
  export default path.posix;
}
declare module 'querystring-es3/index.js' {
  import * as querystring from 'node:querystring';
  export default querystring;
}
declare module 'string_decoder/lib/string_decoder.js' {
  import * as sd from 'node:string_decoder';
  export default sd;
}
declare module 'readable-stream' {
  import * as stream from 'node:stream';
  export default stream;
}
declare module 'http-parser-js' {
  export interface HeadersInfo {
    versionMajor: number;
    versionMinor: number;
    headers: string[];
    method: number;
    url: string;
    upgrade: boolean;
    shouldKeepAlive: boolean;
  }
  export class HTTPParser {
    static readonly REQUEST: 'REQUEST';
    static readonly RESPONSE: 'RESPONSE';
    static readonly kOnHeaders: 1;
    static readonly kOnHeadersComplete: 2;
    static readonly kOnBody: 3;
    static readonly kOnMessageComplete: 4;
    static readonly methods: string[];
    constructor(kind: 'REQUEST' | 'RESPONSE');
    execute(chunk: Uint8Array, start?: number, length?: number): number | Error;
    finish(): void | Error;
    reinitialize(kind: 'REQUEST' | 'RESPONSE'): void;
    [HTTPParser.kOnHeaders]: (headers: string[], url: string) => void;
    [HTTPParser.kOnHeadersComplete]: (info: HeadersInfo) => number | boolean | void;
    [HTTPParser.kOnBody]: (chunk: Uint8Array, start: number, length: number) => void;
    [HTTPParser.kOnMessageComplete]: () => void;
  }
}

import { createHttpModule, createHttpsModule, type HttpContext } from '../http';
import { createAssertModule } from '../node/assert';
import { createCryptoModule } from '../node/crypto';
import { fileURLToPath } from '../node/fileUrl';
import { createFsModule } from '../node/fs';
import { createOsModule } from '../node/os';
import type { HandlerProcessObject } from '../node/process';
import { createTimersModule, type Timers } from '../node/timers';
import {
  bufferModule,
  EventEmitter,
  nodeInspect,
  path,
  querystring,
  stream,
  stringDecoderModule,
  url,
  util,
} from '../polyfills';
import type { BuiltinTable } from './loader';

export interface BuiltinContext {
  readonly process: HandlerProcessObject;
  readonly timers: Timers;
  readonly http: HttpContext;
  readonly console: object;
  /** For module.createRequire: a require() as seen from `filename`. */
  readonly createRequire: (filename: string) => unknown;
  /** The app's files by absolute path, for `fs`. */
  readonly files: ReadonlyMap<string, string>;
}

/** The same properties on an object with no prototype, as Node's querystring.parse returns. */
function withoutPrototype<T extends object>(value: T): T {
  return Object.assign(Object.create(null) as T, value);
}

/** The built-in modules of one handler process, by name without `node:`. */
export function createBuiltins(context: BuiltinContext): BuiltinTable {
  const { process, timers } = context;
  // path.resolve falls back to process.cwd(): the handler's, not the page's or the test's.
  const pathModule = {
    ...path,
    resolve: (...segments: string[]) => path.resolve(process.cwd(), ...segments),
  };
  Object.assign(pathModule, {
    posix: pathModule,
    win32: pathModule,
    toNamespacedPath: (target: string) => target,
  });
  const timersModule = createTimersModule(timers);
  // One file system per process, shared by fs and fs/promises, made on the first require.
  let fsModule: ReturnType<typeof createFsModule> | undefined;
  const fs = () =>
    (fsModule ??= createFsModule({
      files: context.files,
      cwd: () => process.cwd(),
      nextTick: (callback) => timers.nextTick(callback),
    }));
  // Made on the first require that needs them (see polyfills.ts for why util waits).
  let assertModule: ReturnType<typeof createAssertModule> | undefined;
  const assert = () => (assertModule ??= createAssertModule());
  let utilModule: (Record<string, unknown> & { types: object }) | undefined;
  const utilFor = () => {
    if (utilModule) return utilModule;
    const polyfill = util();
    // inspect and format are Node's own (node-inspect-extracted): the polyfill's are Node 0.10's.
    const { inspect, format, formatWithOptions, stripVTControlCharacters } = nodeInspect();
    utilModule = {
      ...polyfill,
      inspect,
      format,
      formatWithOptions,
      stripVTControlCharacters,
      types: { ...polyfill.types },
      TextEncoder,
      TextDecoder,
      isDeepStrictEqual: (a: unknown, b: unknown) => {
        try {
          assert().deepStrictEqual(a, b);
          return true;
        } catch {
          return false;
        }
      },
    };
    return utilModule;
  };
  const table: Record<string, () => unknown> = {
    http: () => createHttpModule(context.http),
    https: () => createHttpsModule(context.http),
    events: () => EventEmitter,
    buffer: () => ({ ...bufferModule, Blob, atob, btoa, constants: { MAX_LENGTH: bufferModule.kMaxLength } }),
    url: () => ({
      ...url(),
      // parse(…, true)'s query comes from querystring: an object without a prototype, as Node's.
      parse: (...args: Parameters<ReturnType<typeof url>['parse']>) => {
        const parsed = url().parse(...args);
        if (parsed.query && typeof parsed.query === 'object') parsed.query = withoutPrototype(parsed.query);
        return parsed;
      },
      URL,
      URLSearchParams,
      fileURLToPath,
      pathToFileURL: (file: string) => new URL(`file://${encodeURI(pathModule.resolve(file))}`),
      domainToASCII: (domain: string) => new URL(`http://${domain}`).hostname,
    }),
    querystring: () => {
      const polyfill = querystring();
      // Node's parse gives an object without a prototype (so `hasOwnProperty` is not on it).
      const parse = (...args: Parameters<typeof polyfill.parse>) => withoutPrototype(polyfill.parse(...args));
      return { ...polyfill, parse, decode: parse, escape: encodeURIComponent, unescape: decodeURIComponent };
    },
    util: utilFor,
    'util/types': () => utilFor().types,
    sys: utilFor,
    path: () => pathModule,
    'path/posix': () => pathModule,
    timers: () => timersModule,
    'timers/promises': () => timersModule.promises,
    crypto: () => createCryptoModule((callback) => timers.nextTick(callback)),
    fs,
    'fs/promises': () => fs().promises,
    stream: () => stream,
    'stream/promises': () => (stream as unknown as { promises: unknown }).promises,
    string_decoder: () => stringDecoderModule,
    os: () => createOsModule(process.env),
    assert,
    'assert/strict': assert,
    process: () => process,
    console: () => context.console,
    perf_hooks: () => ({ performance }),
    module: () => ({
      builtinModules: Object.keys(table),
      createRequire: context.createRequire,
      isBuiltin: (name: string) => Object.hasOwn(table, name.replace(/^node:/, '')),
    }),
  };
  return table;
}

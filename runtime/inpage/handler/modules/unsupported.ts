// The errors a handler gets for modules the in-page engine cannot give it, worded so the person
// editing the handler knows what to do next.

/** Every module name Node 20 has built in (require('module').builtinModules). */
export const NODE_BUILTIN_MODULES: readonly string[] = [
  '_http_agent',
  '_http_client',
  '_http_common',
  '_http_incoming',
  '_http_outgoing',
  '_http_server',
  '_stream_duplex',
  '_stream_passthrough',
  '_stream_readable',
  '_stream_transform',
  '_stream_wrap',
  '_stream_writable',
  '_tls_common',
  '_tls_wrap',
  'assert',
  'assert/strict',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'console',
  'constants',
  'crypto',
  'dgram',
  'diagnostics_channel',
  'dns',
  'dns/promises',
  'domain',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'inspector',
  'inspector/promises',
  'module',
  'net',
  'os',
  'path',
  'path/posix',
  'path/win32',
  'perf_hooks',
  'process',
  'punycode',
  'querystring',
  'readline',
  'readline/promises',
  'repl',
  'stream',
  'stream/consumers',
  'stream/promises',
  'stream/web',
  'string_decoder',
  'sys',
  'timers',
  'timers/promises',
  'tls',
  'trace_events',
  'tty',
  'url',
  'util',
  'util/types',
  'v8',
  'vm',
  'wasi',
  'worker_threads',
  'zlib',
];

const ELSEWHERE =
  'Run it with the WebContainer engine, `npm start` (the local engine) or the CLI host, which run real Node.';

/** The message for a module the in-page engine does not provide (a Node built-in or a package). */
export function unsupportedModuleMessage(name: string): string {
  const bare = name.startsWith('node:') ? name.slice(5) : name;
  if (NODE_BUILTIN_MODULES.includes(bare)) {
    return (
      `The in-page engine cannot load '${name}': it runs the Node built-ins it implements ` +
      `(http, https's client with no network, events, buffer, url, querystring, util, path, timers, ` +
      `crypto, stream, fs over the ` +
      `app's files, string_decoder, os, assert, process), and '${bare}' is not one of them. ${ELSEWHERE}`
    );
  }
  return (
    `Cannot find module '${name}': the in-page engine runs Node built-ins only, with no npm ` +
    `packages or node_modules. ${ELSEWHERE}`
  );
}

export type InPageModuleErrorCode = 'MODULE_NOT_FOUND' | 'ERR_INPAGE_UNSUPPORTED';

/**
 * Thrown by require/import for a module the page cannot run. `code` is MODULE_NOT_FOUND for
 * packages and files (as Node's, so `catch (e) { if (e.code === 'MODULE_NOT_FOUND') … }` still
 * works) and ERR_INPAGE_UNSUPPORTED for Node built-ins the engine lacks.
 */
export class InPageModuleError extends Error {
  readonly code: InPageModuleErrorCode;
  readonly moduleName: string;
  readonly requireStack: string[];

  constructor(moduleName: string, message: string, code: InPageModuleErrorCode, requireStack: string[] = []) {
    super(message);
    this.name = 'Error';
    this.code = code;
    this.moduleName = moduleName;
    this.requireStack = requireStack;
  }
}

export function unsupportedModuleError(name: string, requireStack: string[] = []): InPageModuleError {
  const bare = name.startsWith('node:') ? name.slice(5) : name;
  const code = NODE_BUILTIN_MODULES.includes(bare) ? 'ERR_INPAGE_UNSUPPORTED' : 'MODULE_NOT_FOUND';
  return new InPageModuleError(name, unsupportedModuleMessage(name), code, requireStack);
}

/** Node's own message for a relative file that is not there. */
export function fileNotFoundError(request: string, requireStack: string[]): InPageModuleError {
  const stack = requireStack.length ? `\nRequire stack:\n- ${requireStack.join('\n- ')}` : '';
  return new InPageModuleError(
    request,
    `Cannot find module '${request}'${stack}`,
    'MODULE_NOT_FOUND',
    requireStack,
  );
}

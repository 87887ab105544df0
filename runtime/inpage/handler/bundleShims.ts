// Injected into the handler worker bundle (buildOptions.mjs): the globals and the `process`
// module the polyfill packages expect (util reads process.env.NODE_DEBUG, readable-stream uses
// process.nextTick). Not the handler's `process`: that one is per handler, see node/process.ts.
import bufferModule from 'buffer/index.js';

export const Buffer = bufferModule.Buffer;

export const process = {
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  version: '',
  versions: {},
  platform: 'browser',
  browser: true,
  // A microtask, not the process package's setTimeout: browsers clamp nested timeouts to 4 ms,
  // which would add up on every stream operation.
  nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    queueMicrotask(() => callback(...args));
  },
  cwd: () => '/',
  emitWarning: () => {},
};

export default process;

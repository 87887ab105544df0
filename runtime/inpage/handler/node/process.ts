import { Buffer, EventEmitter, path } from '../polyfills';
import { ProcessExit, type Supervisor } from '../supervisor';
import type { Timers } from './timers';

/** The Node version the handler sees (process.version, the crash report's footer). */
export const NODE_VERSION = 'v20.19.0';

export type OutputStream = 'stdout' | 'stderr';

export interface ProcessOptions {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly pid: number;
  readonly supervisor: Supervisor;
  readonly timers: Timers;
  /** Text written to stdout / stderr (bytes are decoded as UTF-8, split sequences kept). */
  readonly output: (stream: OutputStream, text: string) => void;
}

/** process.stdout / process.stderr: a writable that forwards text to the host. */
class OutputWriter extends EventEmitter {
  readonly isTTY = false;
  readonly writable = true;
  private readonly decoder = new TextDecoder();

  constructor(
    readonly fd: number,
    private readonly name: OutputStream,
    private readonly options: ProcessOptions,
  ) {
    super();
  }

  write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    let text: string;
    if (typeof chunk === 'string') {
      text =
        typeof encoding === 'string' && !/^utf-?8$/i.test(encoding)
          ? Buffer.from(chunk, encoding as BufferEncoding).toString('utf8')
          : chunk;
    } else if (chunk instanceof Uint8Array) {
      text = this.decoder.decode(chunk, { stream: true });
    } else {
      throw Object.assign(
        new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array.'),
        { code: 'ERR_INVALID_ARG_TYPE' },
      );
    }
    if (text && !this.options.supervisor.exited) this.options.output(this.name, text);
    if (typeof done === 'function') this.options.timers.nextTick(done as () => void);
    return true;
  }

  end(chunk?: unknown): this {
    if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
    return this;
  }

  cork(): void {}

  uncork(): void {}

  getColorDepth(): number {
    return 1;
  }

  hasColors(): boolean {
    return false;
  }
}

const startedAt = performance.now();
// hrtime's origin: an arbitrary large offset, as Node's is (not the epoch).
const HRTIME_ORIGIN = 1_000_000_000n;

function hrtimeNanoseconds(): bigint {
  return HRTIME_ORIGIN + BigInt(Math.round(performance.now() * 1e6));
}

/** `process` for one handler: env and argv from the host, output and exit through it. */
export function createProcess(options: ProcessOptions) {
  const { supervisor, timers } = options;
  const emitter = new EventEmitter();
  let cwd = options.cwd;
  let warned = false;

  const hrtime = (previous?: [number, number]): [number, number] => {
    const now = hrtimeNanoseconds();
    let seconds = Number(now / 1_000_000_000n);
    let nanoseconds = Number(now % 1_000_000_000n);
    if (previous) {
      seconds -= previous[0];
      nanoseconds -= previous[1];
      if (nanoseconds < 0) {
        seconds -= 1;
        nanoseconds += 1e9;
      }
    }
    return [seconds, nanoseconds];
  };
  hrtime.bigint = hrtimeNanoseconds;

  const memoryUsage = () => ({
    rss: 50_000_000,
    heapTotal: 10_000_000,
    heapUsed: 5_000_000,
    external: 1_000_000,
    arrayBuffers: 10_000,
  });
  memoryUsage.rss = () => 50_000_000;

  const process = Object.assign(emitter, {
    title: 'node',
    version: NODE_VERSION,
    versions: {
      node: NODE_VERSION.slice(1),
      v8: '11.3.244.8-node.30',
      uv: '1.51.0',
      modules: '115',
    },
    arch: 'x64',
    platform: 'linux',
    release: { name: 'node', lts: 'Iron' },
    argv: [...options.argv],
    argv0: 'node',
    execArgv: [] as string[],
    execPath: '/usr/local/bin/node',
    env: { ...options.env } as Record<string, string | undefined>,
    pid: options.pid,
    ppid: options.pid - 1,
    exitCode: undefined as number | undefined,
    config: { variables: {} },
    features: {},
    stdout: undefined as unknown as OutputWriter,
    stderr: undefined as unknown as OutputWriter,
    stdin: Object.assign(new EventEmitter(), { isTTY: false, fd: 0, resume() {}, pause() {} }),
    cwd: () => cwd,
    chdir: (directory: string) => {
      cwd = path.resolve(cwd, directory);
    },
    umask: () => 0o22,
    uptime: () => (performance.now() - startedAt) / 1000,
    hrtime,
    memoryUsage,
    cpuUsage: () => ({ user: 0, system: 0 }),
    resourceUsage: () => ({}),
    nextTick: timers.nextTick,
    emitWarning: (warning: unknown, type?: unknown, code?: unknown) => {
      const settings = typeof type === 'object' && type !== null ? (type as Record<string, unknown>) : {};
      const name =
        warning instanceof Error
          ? warning.name
          : String((typeof type === 'string' ? type : settings.type) ?? 'Warning');
      const message = warning instanceof Error ? warning.message : String(warning);
      const codeText = (typeof code === 'string' ? code : settings.code) as string | undefined;
      const hint = warned
        ? ''
        : `(Use \`node --trace-warnings ...\` to show where the warning was created)\n`;
      warned = true;
      process.stderr.write(
        `(node:${process.pid}) ${codeText ? `[${codeText}] ` : ''}${name}: ${message}\n${hint}`,
      );
      const event = warning instanceof Error ? warning : Object.assign(new Error(message), { name });
      timers.nextTick(() => process.emit('warning', event));
    },
    exit: (code?: unknown): never => {
      const exitCode = code === undefined || code === null ? (process.exitCode ?? 0) : Number(code) | 0;
      supervisor.exit(exitCode);
      throw new ProcessExit(exitCode);
    },
    abort: (): never => {
      supervisor.exit(134);
      throw new ProcessExit(134);
    },
    kill: (pid: number, signal?: string) => {
      if (pid === options.pid) {
        supervisor.exit(signal === 'SIGKILL' ? 137 : 143);
        throw new ProcessExit(143);
      }
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH', syscall: 'kill' });
    },
    binding: () => {
      throw new Error('No such module');
    },
  });
  process.stdout = new OutputWriter(1, 'stdout', options);
  process.stderr = new OutputWriter(2, 'stderr', options);
  return process;
}

export type HandlerProcessObject = ReturnType<typeof createProcess>;

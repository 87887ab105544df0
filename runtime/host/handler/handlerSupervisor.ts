import type { Diagnostic } from '../../core/app/diagnostics';
import type { HandlerDescription } from '../../core/app/hostJson';
import {
  buildHandlerCommand,
  buildHandlerEnvironment,
  formatStartingWorkerMessage,
  injectedVariables,
} from '../../core/process/commandLine';
import type { HandlerCommand } from '../../core/process/commandLine';
import { classifyLine, mentionedPort } from '../../core/process/outputLines';
import type { ClassifiedLine } from '../../core/process/outputLines';
import type { HttpClient } from '../http/httpClient';
import type { HandlerProcess, Platform, StreamError } from '../platform';
import { crashProblem, OUTPUT_KEPT, SLOW_START_NOTICE_MS, slowStartNotice } from './handlerNotices';
import { waitUntilListening } from './readiness';

export type HandlerState = 'starting' | 'ready' | 'exited' | 'failed' | 'stopped';

export interface SupervisorOptions {
  readonly platform: Platform;
  /** Pings the handler for readiness. */
  readonly client: HttpClient;
  readonly appRoot: string;
  readonly description: HandlerDescription;
  /** The host's environment (process env plus local.settings.json Values). */
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  readonly localValues: Readonly<Record<string, string>>;
  readonly frontDoorPort: number;
  /** Chosen once for the host's lifetime; restarts reuse it. */
  readonly port: number;
  readonly initializationTimeoutMs: number;
  readonly log: (
    line: Omit<ClassifiedLine, 'level'> & { readonly level: ClassifiedLine['level'] | 'debug' },
  ) => void;
  readonly onState: (state: HandlerState, detail?: string) => void;
  /** Each readiness ping that found nothing listening yet (a Debug line in the host). */
  readonly onWaiting?: () => void;
  /** The third error within 30 minutes: the host shuts down. */
  readonly onFatal: (reason: string) => void;
  /**
   * Where the handler's output says it crashed (a problem on that file and line), or undefined
   * once a handler is ready again.
   */
  readonly onProblem?: (problem: Diagnostic | undefined) => void;
}

const ERROR_WINDOW_MS = 30 * 60 * 1000;
const ERROR_THRESHOLD = 3;
const RESTART_EXIT_CODE = 200;

/**
 * Runs the custom handler process the way the host's HttpWorkerProcess and channel do:
 * exit 0 is left alone, exit 200 restarts at once, any other exit (or a failed start) is an
 * error that restarts it until the third error within 30 minutes, which stops the host.
 */
export class HandlerSupervisor {
  private child: HandlerProcess | undefined;
  private generation = 0;
  private errors: number[] = [];
  private lastErrorLines: string[] = [];
  private mentionedPorts = new Set<number>();
  /** The current process's last lines, both streams, to find where a crash happened. */
  private recentOutput: string[] = [];
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the handler has been slow to open its port; said again when its output names a port. */
  private slow = false;
  private ready: Promise<void> = Promise.resolve();
  private settleReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private abort = { aborted: false };
  private stopped = false;
  state: HandlerState = 'starting';
  workerId = '';
  pid: number | undefined;

  constructor(private readonly options: SupervisorOptions) {}

  get port(): number {
    return this.options.port;
  }

  /** Resolves when the handler answers its readiness ping; rejects when it cannot start. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    this.launch();
  }

  /** Kills and starts the handler again (function timeout, code edits): not counted as an error. */
  restart(reason: string): void {
    this.options.log({ level: 'information', category: 'Host.HttpWorker', message: reason });
    this.kill();
    if (!this.stopped) this.launch();
  }

  /** Ends the handler's process group at once; safe to call from a process 'exit' handler. */
  killNow(): void {
    this.stopped = true;
    this.kill();
  }

  stop(): void {
    this.stopped = true;
    this.kill();
    this.setState('stopped');
    this.settleReady?.reject(new Error('The handler was stopped.'));
    this.settleReady = undefined;
  }

  private launch(): void {
    const generation = ++this.generation;
    this.abort = { aborted: false };
    this.workerId = this.options.platform.randomUUID();
    this.lastErrorLines = [];
    this.recentOutput = [];
    this.mentionedPorts.clear();
    // Invocations already waiting keep waiting across restarts, as they wait for the host's
    // dispatcher rather than for one process; only a settled promise is replaced.
    if (!this.settleReady) {
      this.ready = new Promise<void>((resolve, reject) => {
        this.settleReady = { resolve, reject };
      });
      this.ready.catch(() => undefined);
    }
    this.pid = undefined;

    const { appRoot, description, hostEnv, localValues, frontDoorPort, port } = this.options;
    const injected = injectedVariables(port, this.workerId, appRoot);
    let command: HandlerCommand;
    try {
      command = buildHandlerCommand({
        ...description,
        appRoot,
        env: hostEnv,
        injected,
        fileExists: (p) => this.options.platform.fileExists(p),
      });
    } catch (e) {
      this.fail(generation, (e as Error).message, false);
      return;
    }
    this.systemLog('debug', formatStartingWorkerMessage(command));
    const env = buildHandlerEnvironment(hostEnv, localValues, injected, frontDoorPort);

    const child = this.options.platform.spawn({ command, env: definedOnly(env) });
    this.child = child;
    this.pid = child.pid;
    this.setState('starting');
    child.onError((err) => {
      if (generation === this.generation) this.fail(generation, this.describeSpawnError(err, command), true);
    });
    child.onLine((line, stream) => this.onLine(child, line, stream, generation));
    child.onExit((code, signal) => this.onExit(generation, code, signal));

    this.watchSlowStart(generation);
    const abort = this.abort;
    const { client, initializationTimeoutMs, onWaiting } = this.options;
    void waitUntilListening(client, port, initializationTimeoutMs, abort, onWaiting).then((outcome) => {
      if (generation !== this.generation) return;
      this.endSlowStart();
      if (outcome === 'ready') {
        this.options.onProblem?.(undefined);
        this.systemLog('information', 'Worker process started and initialized.');
        this.setState('ready');
        this.settleReady?.resolve();
        this.settleReady = undefined;
      } else if (outcome === 'timeout') {
        const elsewhere = [...this.mentionedPorts].filter((p) => p !== port);
        const notListening = elsewhere.length
          ? ` Its output mentions port ${elsewhere.join(', ')}, but the host gave it FUNCTIONS_CUSTOMHANDLER_PORT=${port}: listen on that port.`
          : ` Check that it listens on 127.0.0.1:${port} (the FUNCTIONS_CUSTOMHANDLER_PORT variable).`;
        this.fail(
          generation,
          `Initializing HttpWorker timed out: the handler did not answer GET / within ${this.options.initializationTimeoutMs} ms.${notListening}`,
          true,
        );
      }
    });
  }

  private onLine(child: HandlerProcess, line: string, stream: 'stdout' | 'stderr', generation: number): void {
    {
      if (generation !== this.generation && this.child !== child) return;
      const classified = classifyLine(
        line,
        stream,
        this.workerId,
        this.options.description.useStdErrorStreamForErrorsOnly,
      );
      if (classified.level === 'error') this.lastErrorLines = [...this.lastErrorLines, line].slice(-3);
      this.recentOutput.push(line);
      if (this.recentOutput.length > OUTPUT_KEPT) this.recentOutput.shift();
      const p = mentionedPort(line);
      if (p !== undefined && !this.mentionedPorts.has(p)) {
        this.mentionedPorts.add(p);
        if (this.slow && generation === this.generation) this.sayWhySlow();
      }
      this.options.log(classified);
    }
  }

  private onExit(generation: number, code: number | null, signal: string | null): void {
    if (generation !== this.generation || this.stopped) return;
    this.child = undefined;
    this.abort.aborted = true;
    this.endSlowStart();
    const pid = this.pid;
    if (code === 0) {
      this.systemLog(
        'warning',
        `Language Worker Process exited. Pid=${pid}. Exit code 0: the host does not restart it, so later invocations fail to connect.`,
      );
      this.setState('exited', 'The handler exited with code 0; the real host does not restart it.');
      this.settleReady?.reject(new Error('The handler process exited with code 0.'));
      this.settleReady = undefined;
      return;
    }
    if (code === RESTART_EXIT_CODE) {
      this.systemLog(
        'information',
        `Language Worker Process exited with code 200. Pid=${pid}. Restarting it.`,
      );
      this.launch();
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const problem = crashProblem(this.recentOutput, this.options.appRoot, how);
    if (problem) this.options.onProblem?.(problem);
    const tail = this.lastErrorLines.length ? `: ${this.lastErrorLines.join(' | ')}` : '';
    this.fail(generation, `Language Worker Process exited. Pid=${pid}. Exit ${how}${tail}`, true);
  }

  /** An error event: restart at once unless this is the third within the window. */
  private fail(generation: number, reason: string, countsAsError: boolean): void {
    if (generation !== this.generation || this.stopped) return;
    // A handler that never became ready is still running: end it before starting another.
    this.kill();
    this.systemLog('error', reason);
    const now = this.options.platform.monotonic();
    const last = this.errors[this.errors.length - 1];
    if (last !== undefined && now - last > ERROR_WINDOW_MS) this.errors = [];
    this.errors.push(now);
    if (!countsAsError || this.errors.length >= ERROR_THRESHOLD) {
      const message = countsAsError
        ? `Exceeded http worker restart retry count. Shutting down Functions Host. Last error: ${reason}`
        : reason;
      this.setState('failed', message);
      this.settleReady?.reject(new Error(message));
      this.settleReady = undefined;
      this.options.onFatal(message);
      return;
    }
    this.systemLog(
      'information',
      `Restarting the handler (error ${this.errors.length} of ${ERROR_THRESHOLD} allowed in 30 minutes).`,
    );
    this.launch();
  }

  /**
   * The real host waits in silence for up to its initialization timeout; a few seconds in, the
   * playground says which port it waits on (status only: the console stays the host's own).
   */
  private watchSlowStart(generation: number): void {
    this.endSlowStart();
    this.slowTimer = setTimeout(() => {
      if (generation !== this.generation || this.state !== 'starting') return;
      this.slow = true;
      this.sayWhySlow();
    }, SLOW_START_NOTICE_MS);
  }

  private sayWhySlow(): void {
    const notice = slowStartNotice(
      this.options.port,
      [...this.mentionedPorts],
      SLOW_START_NOTICE_MS,
      this.options.initializationTimeoutMs,
    );
    this.setState('starting', notice);
  }

  private endSlowStart(): void {
    clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
    this.slow = false;
  }

  private kill(): void {
    this.endSlowStart();
    this.abort.aborted = true;
    const child = this.child;
    this.child = undefined;
    this.generation++;
    if (!child || child.exited) return;
    child.kill();
  }

  private describeSpawnError(err: StreamError, command: HandlerCommand): string {
    if (err.code === 'ENOENT') {
      return `The handler executable '${command.file}' was not found (host.json customHandler.description.defaultExecutablePath). A relative path is looked up in the app folder, then on PATH.`;
    }
    if (err.code === 'EACCES')
      return `The handler executable '${command.file}' is not executable (chmod +x it).`;
    if (err.code === 'ERR_INPAGE_UNSUPPORTED') return err.message;
    return `Failed to start the handler '${command.file}': ${err.message}`;
  }

  private systemLog(level: 'debug' | 'information' | 'warning' | 'error', message: string): void {
    this.options.log({
      level,
      category: 'Host.HttpWorker',
      message,
    });
  }

  private setState(state: HandlerState, detail?: string): void {
    this.state = state;
    this.options.onState(state, detail);
  }
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

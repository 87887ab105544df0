import type { AppFiles } from '../../core/app/appModel';
import type { ByteStream, HandlerProcess, Listener, Platform, SpawnRequest } from '../../host/platform';
import { AppFileMap } from './appFileMap';
import { planHandlerLaunch } from './handlerLaunch';
import type { RandomSource } from './randomIds';
import { randomBytes, randomUUID } from './randomIds';
import { SupervisorLink } from './supervisorLink';
import { Switchboard } from './switchboard';
import { WorkerHandlerProcess } from './workerHandlerProcess';
import type { RegexPattern } from '../../core/routing/routeConstraints';
import type { RegexWorker } from '../../host/regex/regexPool';
import { RegexPool } from '../../host/regex/regexPool';
import { startInPageRegexWorker } from './regexWorker';

export interface InPagePlatformOptions {
  /** The iframe's end answers spawn and kill requests for handler workers. */
  readonly supervisor: MessagePort;
  readonly files?: AppFileMap;
  /** The host's process environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly random?: RandomSource;
  readonly clock?: { now(): number; monotonic(): number };
  /** Starts a thread for route regex matches (default: a Web Worker nested in the host worker). */
  readonly startRegexWorker?: () => RegexWorker;
}

/** The first pid handed out; like a real system's, low numbers look like system processes. */
const FIRST_PID = 1000;

/**
 * The host's surroundings inside the host worker: ports on a switchboard instead of sockets,
 * handler workers (started by the iframe) instead of processes, the page's file map instead of
 * a disk.
 */
export class InPagePlatform implements Platform {
  readonly name = 'in-page';
  readonly files: AppFileMap;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly switchboard = new Switchboard();
  private readonly supervisor: SupervisorLink;
  private readonly random: RandomSource;
  private readonly clock: { now(): number; monotonic(): number };
  private readonly handlers = new Set<WorkerHandlerProcess>();
  private nextPid = FIRST_PID;
  private readonly regexes: RegexPool;

  constructor(options: InPagePlatformOptions) {
    this.supervisor = new SupervisorLink(options.supervisor);
    this.files = options.files ?? new AppFileMap();
    this.env = options.env ?? {};
    this.random = options.random ?? crypto;
    this.clock = options.clock ?? { now: () => Date.now(), monotonic: () => performance.now() };
    this.regexes = new RegexPool(options.startRegexWorker ?? startInPageRegexWorker);
  }

  async listen(port: number, host: string, onConnection: (stream: ByteStream) => void): Promise<Listener> {
    const endpoint = { kind: 'local' as const, onConnection };
    const bound = this.switchboard.bind(port, host, endpoint);
    return this.switchboard.listener(bound, endpoint);
  }

  async connect(port: number, host: string): Promise<ByteStream> {
    return this.switchboard.connect(port, host);
  }

  async pickFreePort(): Promise<number> {
    return this.switchboard.freePort();
  }

  async canBind(port: number): Promise<boolean> {
    return !this.switchboard.isBound(port);
  }

  spawn(request: SpawnRequest): HandlerProcess {
    const handler = new WorkerHandlerProcess(this.nextPid++, this.supervisor, this.switchboard);
    const plan = planHandlerLaunch(request.command, this.files);
    if (!plan.ok) {
      handler.fail(plan.code, plan.message);
      return handler;
    }
    this.handlers.add(handler);
    handler.onExit(() => this.handlers.delete(handler));
    handler.start({
      t: 'start',
      files: this.files.snapshot(),
      appRoot: this.files.root,
      entry: plan.entry,
      argv: plan.argv,
      cwd: request.command.cwd,
      env: { ...request.env },
      pid: handler.pid,
    });
    return handler;
  }

  fileExists(path: string): boolean {
    return this.files.fileExists(path);
  }

  async readAppFiles(appRoot: string): Promise<AppFiles> {
    return this.files.readAppFiles(appRoot);
  }

  now(): number {
    return this.clock.now();
  }

  monotonic(): number {
    return this.clock.monotonic();
  }

  randomUUID(): string {
    return randomUUID(this.random);
  }

  randomBytes(length: number): Uint8Array {
    return randomBytes(this.random, length);
  }

  hostname(): string {
    return 'localhost';
  }

  /** The browser's logical processors (what the host worker's own machine has). */
  processorCount(): number {
    const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
    return navigator?.hardwareConcurrency || 1;
  }

  defaultTimeZone(): string {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  testRegex(pattern: RegexPattern, input: string, timeoutMs: number): Promise<boolean> {
    return this.regexes.test(pattern, input, timeoutMs);
  }

  /** Kills every handler and lets go of the supervisor port (the host worker is stopping). */
  dispose(): void {
    this.regexes.close();
    for (const handler of this.handlers) handler.kill();
    this.supervisor.close();
  }
}

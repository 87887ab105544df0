import type { AppModel } from '../core/app/appModel';
import { loadApp } from '../core/app/appModel';
import { formatDiagnostic } from '../core/app/diagnostics';
import type { LogLevelRule } from '../core/logging/logLevels';
import { isConsoleShown, isLevelShown } from '../core/logging/logLevels';
import type { Diagnostic } from '../core/app/diagnostics';
import type { FunctionDef } from '../core/app/functionJson';
import { functionList } from '../core/control/functionList';
import type { HostEvent, HostState, HttpRequestSpec } from '../core/control/protocol';
import type { ExchangeTrigger } from '../core/exchange/exchange';
import { ExchangeLog } from '../core/exchange/exchangeLog';
import { ExchangeRecorder, type RecorderOptions } from '../core/exchange/exchangeRecorder';
import { exchangeRecording } from './exchangeRecording';
import type { OutputValue } from '../core/invocation/resultMapper';
import { RouteTable } from '../core/routing/routeTable';
import { VirtualClock } from '../core/time/virtualClock';
import { DEFAULT_FRONT_DOOR_PORT, HOST_VERSION } from './constants';
import type { FrontDoor } from './frontDoor/frontDoor';
import { openFrontDoor } from './frontDoor/frontDoor';
import { newHostKeys } from './frontDoor/auth';
import { routeRequest } from './frontDoor/frontDoorRouter';
import { LoopbackCaller } from './frontDoor/loopbackCaller';
import { FunctionsEvents } from './functionsEvents';
import { resolveHandlerPort } from './handler/handlerPort';
import { HandlerSupervisor, type HandlerState } from './handler/handlerSupervisor';
import type { AppContext, HostKeys, LogFields, LogLevel } from './hostContext';
import { HttpClient } from './http/httpClient';
import type { ServerConnection, ServerRequest, ServerResponse } from './http/serverConnection';
import { deliverOutputs } from './invocation/outputDelivery';
import { readinessWaitingLogger } from './invocation/invocationDiagnostics';
import { invokeFromAdmin } from './invocation/triggerInvocations';
import { HostEvents } from './hostEvents';
import { hostStatusEvent } from './statusEvent';
import type { Platform } from './platform';
import { createHostQueues, enqueueChecked } from './triggers/hostQueues';
import type { HostQueues } from './triggers/hostQueues';
import type { QueueBackend, QueueBackendFactory } from './triggers/queueBackend';
import type { QueueService } from './triggers/queueService';
import { startTriggers } from './triggers/startTriggers';
import { TimerService } from './triggers/timerService';

export interface FunctionHostOptions {
  readonly platform: Platform;
  readonly appRoot: string;
  /** Front door port; local.settings.json `Host.LocalHttpPort`, then 7071, when absent. */
  readonly port?: number;
  readonly bindAddress?: string;
  readonly enableAuth?: boolean;
  /** The environment the app sees; the platform's when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where queues live; the in-memory service when absent. */
  readonly queueBackend?: QueueBackendFactory;
  /** --verbose: build the Debug and Trace diagnostics whatever host.json's logLevel says. */
  readonly verbose?: boolean;
  /** Kestrel's 30 s when absent; tests shorten it. */
  readonly requestHeadersTimeoutMs?: number;
}

/**
 * The host: loads the app, supervises the handler, serves the front door and publishes what
 * happens as events (logs, exchanges, status). Reload re-reads the app as a host restart would.
 * Invocations get an explicit AppContext; they never call back into this object.
 */
export class FunctionHost {
  private readonly events: HostEvents;
  private readonly platform: Platform;
  private readonly channel: HttpClient;
  private readonly caller: LoopbackCaller;
  readonly exchanges = new ExchangeLog();
  private readonly keys: HostKeys;
  private frontDoor: FrontDoor | undefined;
  private supervisor: HandlerSupervisor | undefined;
  private context: AppContext | undefined;
  private handlerPort: number | undefined;
  private state: HostState = 'Starting';
  private readonly functionsEvents = new FunctionsEvents((event) => this.emit(event));
  private errors: string[] = [];
  private logLevels: readonly LogLevelRule[] = [];
  private readonly startedAt: number;
  readonly clock = new VirtualClock();
  /** The in-memory queue service: the queues, unless `queueBackend` put them elsewhere. */
  readonly queues: QueueService;
  /** What triggers, outputs and commands use: the in-memory service or real storage. */
  readonly queueBackend: QueueBackend;
  private readonly hostQueues: HostQueues;
  readonly timers: TimerService;
  /** Which exchange enqueued a message, so the invocation it causes can point back to it. */
  private readonly producers = new Map<string, string>();

  constructor(private readonly options: FunctionHostOptions) {
    const platform = options.platform;
    this.platform = platform;
    this.recorderOptions = exchangeRecording(platform, this.exchanges, (event) => this.emit(event));
    this.events = new HostEvents(() => platform.now());
    this.channel = new HttpClient(platform);
    this.caller = new LoopbackCaller(new HttpClient(platform));
    this.startedAt = platform.now();
    this.keys = newHostKeys(platform);
    const hostQueues = createHostQueues(platform, this.clock, options.queueBackend, (level, message, fn) =>
      this.log(level, 'Host.Triggers.Queue', message, fn === undefined ? {} : { functionName: fn }),
    );
    this.hostQueues = hostQueues;
    this.queues = hostQueues.memory;
    this.queueBackend = hostQueues.backend;
    this.timers = new TimerService(this.clock, () => this.emitTimers());
    this.queueBackend.subscribe(() => this.scheduleQueueEvent());
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  get frontDoorPort(): number | undefined {
    return this.frontDoor?.port;
  }

  get hostKeys(): HostKeys {
    return this.keys;
  }

  async start(): Promise<void> {
    this.emit({ type: 'hello', protocol: 1, hostVersion: HOST_VERSION });
    const app = await this.loadApp();
    const port = this.options.port ?? app.localHttpPort ?? DEFAULT_FRONT_DOOR_PORT;
    this.frontDoor = await openFrontDoor(
      this.platform,
      port,
      this.options.bindAddress ?? '127.0.0.1',
      (req, res, conn) => this.onRequest(req, res, conn),
      this.options.requestHeadersTimeoutMs,
    );
    await this.apply(app);
  }

  async reload(): Promise<void> {
    this.log(
      'information',
      'Host.General',
      'Reloading the app: host.json, function.json or local.settings.json changed.',
    );
    await this.apply(await this.loadApp());
  }

  restartHandler(): void {
    if (this.supervisor && this.supervisor.state !== 'stopped')
      this.supervisor.restart('Restarting the handler: its code changed.');
    else if (this.context) void this.apply(this.context.app);
  }

  /** Kills the handler synchronously, for a host that is exiting (signals, uncaught errors). */
  killHandlerNow(): void {
    this.supervisor?.killNow();
  }

  /** Re-sends the current state (status, functions, every kept exchange) for a UI that just attached. */
  replay(): void {
    this.emitStatus();
    this.functionsEvents.publish();
    this.emit({ type: 'queues', queues: this.queueBackend.snapshot() });
    this.emitTimers();
    for (const exchange of this.exchanges.list()) this.emit({ type: 'exchange', exchange });
  }

  async stop(): Promise<void> {
    this.queueBackend.stop();
    this.timers.stop();
    this.supervisor?.stop();
    this.setState('Stopped');
    await this.frontDoor?.close();
    this.channel.destroy();
    this.caller.destroy();
  }

  /** Performs a request against the front door over loopback, so the caller's hop is a real one. */
  performRequest(spec: HttpRequestSpec): Promise<{ status: number; exchangeId?: string }> {
    return this.caller.perform(this.frontDoor?.port, spec);
  }

  /** Control: put a message on a queue, as a person testing a queue trigger would. */
  enqueue(queue: string, text: string): Promise<string> {
    return enqueueChecked(this.hostQueues, queue, text);
  }

  clearQueue(queue: string): Promise<number> {
    return this.queueBackend.clear(queue);
  }

  /** Moves every message of `<queue>-poison` back to `<queue>` for another try. */
  movePoisonBack(queue: string): Promise<number> {
    return this.queueBackend.movePoisonBack(queue);
  }

  log(level: LogLevel, category: string, message: string, fields: LogFields = {}): void {
    this.events.log(
      level,
      category,
      message,
      fields,
      !isConsoleShown(this.logLevels, category, level, message),
    );
  }

  logEnabled(level: LogLevel, category: string): boolean {
    return this.options.verbose === true || isLevelShown(this.logLevels, category, level);
  }

  private async loadApp(): Promise<AppModel> {
    return loadApp(await this.platform.readAppFiles(this.options.appRoot), {
      ...(this.options.env ?? this.platform.env),
    });
  }

  private onRequest(req: ServerRequest, res: ServerResponse, conn: ServerConnection): void {
    const claim = this.caller.claimOf(conn.remotePort);
    const state = this.state;
    const errors = this.errors;
    const app = this.context;
    // Only the playground's own calls claim their exchange; the rest share one recorder factory.
    const record = claim
      ? (t: ExchangeTrigger, title: string) => {
          const rec = this.record(t, title);
          claim(rec.id);
          return rec;
        }
      : this.recordBound;
    routeRequest(app ? { state, errors, app, record } : { state, errors, record }, req, res, conn);
  }

  private readonly recordBound = (trigger: ExchangeTrigger, title: string) => this.record(trigger, title);

  private record(trigger: ExchangeTrigger, title: string): ExchangeRecorder {
    return new ExchangeRecorder(trigger, title, this.recorderOptions);
  }

  /** One for every exchange: nothing in it depends on the request. */
  private readonly recorderOptions: RecorderOptions;

  private async apply(app: AppModel): Promise<void> {
    this.queueBackend.stop();
    this.timers.stop();
    this.supervisor?.stop();
    this.supervisor = undefined;
    this.context = undefined;
    this.logLevels = app.host?.logLevels ?? [];
    this.errors = app.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    for (const d of app.diagnostics)
      this.log(d.severity === 'error' ? 'error' : 'warning', 'Host.Startup', formatDiagnostic(d));
    for (const line of app.startupLog) this.log(line.level, line.category, line.message);

    const config = app.host;
    const customHandler = config?.customHandler;
    if (!config || !customHandler) {
      this.emitFunctions(app, []);
      this.emitTimers();
      this.setState('Error');
      return;
    }
    const routes = new RouteTable(app.functions, config.routePrefix);
    for (const d of routes.diagnostics) this.log('error', 'Host.Startup', formatDiagnostic(d));
    this.errors.push(...routes.diagnostics.map(formatDiagnostic));
    const functions = app.functions.filter((fn) => !fn.http || routes.has(fn));

    const resolved = await resolveHandlerPort(this.platform, customHandler, this.handlerPort, (...a) =>
      this.log(...a),
    );
    if ('error' in resolved) {
      this.errors.push(resolved.error.message);
      this.log('error', 'Host.Startup', resolved.error.message);
      this.emitFunctions(app, functions, [...routes.diagnostics, resolved.error]);
      this.setState('Error');
      return;
    }
    const port = resolved.port;
    this.handlerPort = port;
    const frontDoorPort = this.frontDoor?.port ?? DEFAULT_FRONT_DOOR_PORT;

    const supervisor = new HandlerSupervisor({
      platform: this.platform,
      client: this.channel,
      appRoot: this.options.appRoot,
      description: customHandler.description,
      hostEnv: app.settings,
      localValues: app.localValues,
      frontDoorPort,
      port,
      initializationTimeoutMs: customHandler.initializationTimeoutMs,
      log: (line) => this.log(line.level, line.category, line.message),
      onState: (state, detail) => this.onHandlerState(supervisor, state, detail),
      onWaiting: readinessWaitingLogger(this, port),
      onProblem: (problem) => this.functionsEvents.setHandlerProblem(problem, supervisor === this.supervisor),
      onFatal: (reason) => {
        this.errors.push(reason);
        this.setState('Error');
      },
    });
    this.supervisor = supervisor;
    const context: AppContext = {
      platform: this.platform,
      app: { ...app, functions },
      config,
      customHandler,
      routes,
      enableAuth: this.options.enableAuth ?? false,
      keys: this.keys,
      startedAt: this.startedAt,
      frontDoorPort,
      channel: this.channel,
      handler: supervisor,
      functionTimeoutMs: config.functionTimeoutMs,
      initializationTimeoutMs: customHandler.initializationTimeoutMs,
      state: () => this.state,
      errors: () => this.errors,
      log: (level, category, message, fields) => this.log(level, category, message, fields),
      logEnabled: (level, category) => this.logEnabled(level, category),
      record: (trigger, title) => this.record(trigger, title),
      now: () => this.clock.now(),
      deliverOutputs: (fn, outputs, rec) => this.deliver(fn, outputs, rec),
      invokeNonHttp: (fn, input, rec) =>
        invokeFromAdmin(context, fn, input, rec, (f) => this.timers.freshTimerInfo(f)),
    };
    this.context = context;
    this.emitFunctions(app, functions, routes.diagnostics);
    this.setState('Starting');
    supervisor.start();
    startTriggers(context, functions, { queues: this.queueBackend, timers: this.timers }, this.producers);
    this.scheduleQueueEvent();
  }

  private async deliver(
    fn: FunctionDef,
    outputs: readonly OutputValue[],
    rec: ExchangeRecorder,
  ): Promise<void> {
    const { messageIds, error } = await deliverOutputs(this.queueBackend, fn, outputs, rec);
    for (const id of messageIds) this.producers.set(id, rec.id);
    if (error) {
      rec.error = error;
      this.log('error', 'Host.Function', error, { functionName: fn.name });
    }
  }

  private scheduleQueueEvent(): void {
    this.events.coalesce('queues', 50, () => ({ type: 'queues', queues: this.queueBackend.snapshot() }));
  }

  private emitTimers(): void {
    this.emit({
      type: 'timers',
      now: this.clock.now(),
      clockOffsetMs: this.clock.offset,
      timers: this.timers.snapshot(),
    });
  }

  private onHandlerState(supervisor: HandlerSupervisor, state: HandlerState, detail?: string): void {
    if (supervisor !== this.supervisor) return;
    if (state === 'ready') this.setState('Running');
    else if (state === 'failed') this.setState('Error');
    else this.emitStatus(detail);
  }

  private emitFunctions(
    app: AppModel,
    functions: readonly FunctionDef[],
    extra: readonly Diagnostic[] = [],
  ): void {
    const port = this.frontDoor?.port ?? DEFAULT_FRONT_DOOR_PORT;
    this.functionsEvents.set({
      type: 'functions',
      functions: functionList(app, functions, port),
      diagnostics: [...app.diagnostics, ...extra],
    });
  }

  private setState(state: HostState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(detail?: string): void {
    this.emit(
      hostStatusEvent(
        this.state,
        this.frontDoor?.port,
        this.supervisor,
        this.handlerPort,
        this.errors,
        detail,
      ),
    );
  }

  private emit(event: HostEvent): void {
    this.events.emit(event);
  }
}

import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppModel } from '../../core/app/appModel';
import { loadApp } from '../../core/app/appModel';
import { formatDiagnostic } from '../../core/app/diagnostics';
import type { Diagnostic } from '../../core/app/diagnostics';
import type { FunctionDef } from '../../core/app/functionJson';
import type { FunctionInfo, HostEvent, HostState, HttpRequestSpec } from '../../core/control/protocol';
import type { ExchangeTrigger } from '../../core/exchange/exchange';
import { ExchangeLog } from '../../core/exchange/exchangeLog';
import { formatRouteForDisplay } from '../../core/routing/functionRoute';
import { HandlerSupervisor } from '../handler/handlerSupervisor';
import type { HandlerState } from '../handler/handlerSupervisor';
import { canBind, pickFreePort } from '../handler/ports';
import { HandlerAgent } from '../wire/handlerAgent';
import type { TappedSocket } from '../wire/tappedSocket';
import { readAppFiles } from './appLoader';
import { DEFAULT_FRONT_DOOR_PORT, HOST_VERSION } from './constants';
import { ExchangeRecorder } from './exchangeRecorder';
import { openFrontDoor } from './frontDoor';
import type { FrontDoor } from './frontDoor';
import type { HostKeys, HostRuntime } from './hostRuntime';
import { dispatchHttp } from './httpDispatcher';
import { httpModeOf } from './httpMode';
import type { LogFields, LogLevel } from './invocationServices';
import { RouteTable } from './routeTable';
import { deliverOutputs } from './outputDelivery';
import { invokePayload } from './payloadInvoker';
import { newSysFacts } from './sysFacts';
import type { InvocationResult, OutputValue } from '../../core/invocation/resultMapper';
import type { JsonObject } from '../../core/json/jsonNode';
import { toPlain } from '../../core/json/jsonNode';
import { buildQueueInvocationBody } from '../../core/invocation/queuePayload';
import { buildTimerInvocationBody } from '../../core/invocation/timerPayload';
import { NEVER_EXPIRES } from '../../core/queues/queueStore';
import type { QueueMessage } from '../../core/queues/queueStore';
import { isValidTimeZone } from '../../core/timers/timeZone';
import { lookupSetting } from '../../core/app/settings';
import { QueueService } from '../triggers/queueService';
import { TimerService } from '../triggers/timerService';
import { VirtualClock } from '../triggers/virtualClock';

export interface FunctionHostOptions {
  readonly appRoot: string;
  /** Front door port; local.settings.json `Host.LocalHttpPort`, then 7071, when absent. */
  readonly port?: number;
  readonly bindAddress?: string;
  readonly enableAuth?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

type Listener = (event: HostEvent) => void;

/**
 * The host: loads the app, supervises the handler, serves the front door and publishes what
 * happens as events (logs, exchanges, status). Reload re-reads the app as a host restart would.
 */
export class FunctionHost {
  private readonly listeners = new Set<Listener>();
  private readonly agent = new HandlerAgent();
  readonly exchanges = new ExchangeLog();
  private readonly keys: HostKeys = { master: randomKey(), functionDefault: randomKey() };
  private readonly callerPorts = new Map<number, (exchangeId: string) => void>();
  private frontDoor: FrontDoor | undefined;
  private supervisor: HandlerSupervisor | undefined;
  private runtime: HostRuntime | undefined;
  private app: AppModel | undefined;
  private handlerPort: number | undefined;
  private state: HostState = 'Starting';
  private lastFunctions: HostEvent | undefined;
  private errors: string[] = [];
  private readonly startedAt = Date.now();
  readonly clock = new VirtualClock();
  readonly queues = new QueueService(this.clock, (level, message, fn) =>
    this.log(level, 'Host.Triggers.Queue', message, fn === undefined ? {} : { functionName: fn }),
  );
  readonly timers = new TimerService(this.clock, () => this.emitTimers());
  /** Which exchange enqueued a message, so the invocation it causes can point back to it. */
  private readonly producers = new Map<string, string>();
  private queueEventPending = false;

  constructor(private readonly options: FunctionHostOptions) {
    this.queues.store.subscribe(() => this.scheduleQueueEvent());
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get frontDoorPort(): number | undefined {
    return this.frontDoor?.port;
  }

  get hostKeys(): HostKeys {
    return this.keys;
  }

  async start(): Promise<void> {
    this.emit({ type: 'hello', protocol: 1, hostVersion: HOST_VERSION });
    const files = await readAppFiles(this.options.appRoot);
    const app = loadApp(files, this.env());
    const port = this.options.port ?? app.localHttpPort ?? DEFAULT_FRONT_DOOR_PORT;
    this.frontDoor = await openFrontDoor(port, this.options.bindAddress ?? '127.0.0.1', (req, res, socket) =>
      this.onRequest(req, res, socket),
    );
    await this.apply(app);
  }

  async reload(): Promise<void> {
    this.log(
      'information',
      'Host.General',
      'Reloading the app: host.json, function.json or local.settings.json changed.',
    );
    const app = loadApp(await readAppFiles(this.options.appRoot), this.env());
    await this.apply(app);
  }

  restartHandler(): void {
    if (this.supervisor && this.supervisor.state !== 'stopped')
      this.supervisor.restart('Restarting the handler: its code changed.');
    else if (this.app) void this.apply(this.app);
  }

  /** Kills the handler synchronously, for a host that is exiting (signals, uncaught errors). */
  killHandlerNow(): void {
    this.supervisor?.killNow();
  }

  /** Re-sends the current state (status, functions, every kept exchange) for a UI that just attached. */
  replay(): void {
    this.emitStatus();
    if (this.lastFunctions) this.emit(this.lastFunctions);
    this.emit({ type: 'queues', queues: this.queues.snapshot() });
    this.emitTimers();
    for (const exchange of this.exchanges.list()) this.emit({ type: 'exchange', exchange });
  }

  async stop(): Promise<void> {
    this.queues.stop();
    this.timers.stop();
    this.supervisor?.stop();
    this.setState('Stopped');
    await this.frontDoor?.close();
    this.agent.destroy();
  }

  /** Performs a request against the front door over loopback, so the caller's hop is a real one. */
  performRequest(spec: HttpRequestSpec): Promise<{ status: number; exchangeId?: string }> {
    const port = this.frontDoor?.port;
    if (port === undefined) return Promise.reject(new Error('The front door is not open.'));
    const body =
      spec.body === undefined
        ? undefined
        : Buffer.from(spec.body, spec.bodyEncoding === 'base64' ? 'base64' : 'utf8');
    return new Promise((resolve, reject) => {
      let exchangeId: string | undefined;
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: spec.method.toUpperCase(),
        path: spec.path,
        agent: false,
      });
      for (const [k, v] of spec.headers ?? []) req.setHeader(k, v);
      if (body && !req.hasHeader('content-length') && !req.hasHeader('transfer-encoding')) {
        req.setHeader('Content-Length', body.length);
      }
      req.on('socket', (socket) => {
        socket.once('connect', () => {
          const local = socket.localPort;
          if (local !== undefined) this.callerPorts.set(local, (id) => (exchangeId = id));
        });
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ...(exchangeId !== undefined && { exchangeId }) }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse, socket: TappedSocket): void {
    const claim = socket.remotePort === undefined ? undefined : this.callerPorts.get(socket.remotePort);
    if (claim && socket.remotePort !== undefined) this.callerPorts.delete(socket.remotePort);
    const record = claim
      ? (t: ExchangeTrigger, title: string) => this.claimRecord(t, title, claim)
      : (t: ExchangeTrigger, title: string) => this.record(t, title);
    const runtime = this.runtime && { ...this.runtime, state: this.state, errors: this.errors, record };
    dispatchHttp(
      { ...(runtime && { runtime }), state: this.state, errors: this.errors, record },
      req,
      res,
      socket,
    );
  }

  private claimRecord(
    trigger: ExchangeTrigger,
    title: string,
    claim: (id: string) => void,
  ): ExchangeRecorder {
    const rec = this.record(trigger, title);
    claim(rec.id);
    return rec;
  }

  private record(trigger: ExchangeTrigger, title: string): ExchangeRecorder {
    return new ExchangeRecorder(trigger, title, (exchange) => {
      this.exchanges.put(exchange);
      this.emit({ type: 'exchange', exchange });
    });
  }

  private async apply(app: AppModel): Promise<void> {
    this.queues.stop();
    this.timers.stop();
    this.supervisor?.stop();
    this.supervisor = undefined;
    this.runtime = undefined;
    this.app = app;
    this.errors = app.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    for (const d of app.diagnostics)
      this.log(d.severity === 'error' ? 'error' : 'warning', 'Host.Startup', formatDiagnostic(d));

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

    let port = this.handlerPort;
    if (customHandler.port !== undefined) {
      if (!(await canBind(customHandler.port))) {
        const message = `Unable to bind to port ${customHandler.port} specified in configuration (customHandler.port in host.json).`;
        this.errors.push(message);
        this.log('error', 'Host.Startup', message);
        this.emitFunctions(app, functions, routes.diagnostics);
        this.setState('Error');
        return;
      }
      port = customHandler.port;
    }
    port ??= await pickFreePort();
    this.handlerPort = port;

    const supervisor = new HandlerSupervisor({
      appRoot: this.options.appRoot,
      description: customHandler.description,
      hostEnv: app.settings,
      localValues: app.localValues,
      frontDoorPort: this.frontDoor?.port ?? DEFAULT_FRONT_DOOR_PORT,
      port,
      initializationTimeoutMs: customHandler.initializationTimeoutMs,
      log: (line) => this.log(line.level, line.category, line.message),
      onState: (state, detail) => this.onHandlerState(supervisor, state, detail),
      onFatal: (reason) => {
        this.errors.push(reason);
        this.setState('Error');
      },
    });
    this.supervisor = supervisor;
    this.runtime = {
      app: { ...app, functions },
      config,
      customHandler,
      routes,
      enableAuth: this.options.enableAuth ?? false,
      keys: this.keys,
      state: this.state,
      startedAt: this.startedAt,
      frontDoorPort: this.frontDoor?.port ?? DEFAULT_FRONT_DOOR_PORT,
      errors: this.errors,
      agent: this.agent,
      handler: supervisor,
      functionTimeoutMs: config.functionTimeoutMs,
      initializationTimeoutMs: customHandler.initializationTimeoutMs,
      log: (level, category, message, fields) => this.log(level, category, message, fields),
      record: (trigger, title) => this.record(trigger, title),
      invokeNonHttp: (fn, input, rec) => this.invokeNonHttp(fn, input, rec),
      deliverOutputs: (fn, outputs, rec) => this.deliver(fn, outputs, rec),
      now: () => this.clock.now(),
    };
    this.emitFunctions(app, functions, routes.diagnostics);
    this.setState('Starting');
    supervisor.start();
    for (const error of this.queues.configure(
      functions,
      config.queues && toPlain(config.queues),
      (fn, queue, message) => this.invokeQueue(fn, queue, message),
    )) {
      this.log('warning', 'Host.Startup', `host.json: ${error}`);
    }
    this.timers.configure(functions, this.timeZone(app), (fn, info, reason) =>
      this.invokeTimer(fn, info, reason),
    );
    this.scheduleQueueEvent();
  }

  /** `WEBSITE_TIME_ZONE`, then `TZ`, then the machine's zone, as the host's process-local time does. */
  private timeZone(app: AppModel): string {
    const configured = lookupSetting(app.settings, 'WEBSITE_TIME_ZONE') ?? lookupSetting(app.settings, 'TZ');
    if (configured && isValidTimeZone(configured)) return configured;
    if (configured) {
      this.log(
        'warning',
        'Host.Startup',
        `The time zone '${configured}' (WEBSITE_TIME_ZONE/TZ) is not a known IANA zone; timers use UTC.`,
      );
      return 'UTC';
    }
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  private deliver(fn: FunctionDef, outputs: readonly OutputValue[], rec: ExchangeRecorder): void {
    const { messageIds, error } = deliverOutputs(this.queues, fn, outputs, rec);
    for (const id of messageIds) this.producers.set(id, rec.id);
    if (error) {
      rec.error = error;
      this.log('error', 'Host.Function', error, { functionName: fn.name });
    }
  }

  private async invokeQueue(fn: FunctionDef, queue: string, message: QueueMessage): Promise<boolean> {
    const runtime = this.runtime;
    if (!runtime) return false;
    const rec = this.record('queue', `${queue} → ${fn.name}`);
    const producer = this.producers.get(message.id);
    if (producer) rec.causedBy = producer;
    rec.hop(
      'queue',
      'host',
      undefined,
      `message ${message.id} from '${queue}' (dequeue count ${message.dequeueCount}): ${message.text}`,
    );
    const invocationId = this.logExecuting(fn, `New queue message detected on '${queue}'.`);
    const body = buildQueueInvocationBody(
      fn.trigger.name,
      message,
      { ...(fn.trigger.dataType !== undefined && { dataType: fn.trigger.dataType }) },
      newSysFacts(fn.name, this.clock.now()),
      fn.inputs.map((b) => b.name),
    );
    const ok = await this.complete(
      runtime,
      fn,
      rec,
      await invokePayload(runtime, fn, body, rec, invocationId),
    );
    if (ok) this.producers.delete(message.id);
    return ok;
  }

  private async invokeTimer(fn: FunctionDef, info: JsonObject, reason: string): Promise<boolean> {
    const runtime = this.runtime;
    if (!runtime) return false;
    const rec = this.record('timer', `${fn.name} (${reason})`);
    rec.hop('timer', 'host', undefined, `timer fired: ${reason}`);
    const invocationId = this.logExecuting(
      fn,
      `Timer fired at ${new Date(this.clock.now()).toISOString()} (${reason})`,
    );
    const body = buildTimerInvocationBody(
      fn.trigger.name,
      info,
      newSysFacts(fn.name, this.clock.now()),
      fn.inputs.map((b) => b.name),
    );
    return this.complete(runtime, fn, rec, await invokePayload(runtime, fn, body, rec, invocationId));
  }

  private async invokeNonHttp(fn: FunctionDef, input: string, rec: ExchangeRecorder): Promise<void> {
    const runtime = this.runtime;
    if (!runtime) return;
    rec.functionName = fn.name;
    let body: JsonObject;
    const sys = newSysFacts(fn.name, this.clock.now());
    const others = fn.inputs.map((b) => b.name);
    if (fn.trigger.typeLower === 'queuetrigger') {
      rec.hop('host', 'host', undefined, `admin invoke with input ${JSON.stringify(input)}`);
      // The host builds this message itself: insertion now, never expiring, never visible again.
      const message = {
        id: null,
        popReceipt: null,
        text: input,
        dequeueCount: 0,
        insertionTime: this.clock.now(),
        expirationTime: NEVER_EXPIRES,
        nextVisibleTime: NEVER_EXPIRES,
      };
      body = buildQueueInvocationBody(
        fn.trigger.name,
        message,
        { ...(fn.trigger.dataType !== undefined && { dataType: fn.trigger.dataType }), adminInput: true },
        sys,
        others,
      );
    } else {
      const info = this.timers.freshTimerInfo(fn);
      if (!info) {
        rec.finish('failed', `${fn.name} has no timer to invoke.`);
        return;
      }
      rec.hop('host', 'host', undefined, 'admin invoke: a fresh TimerInfo');
      body = buildTimerInvocationBody(fn.trigger.name, info, sys, others, input);
    }
    await this.complete(runtime, fn, rec, await invokePayload(runtime, fn, body, rec));
  }

  /** Core Tools' line before each invocation; returns the invocation id the payload then carries. */
  private logExecuting(fn: FunctionDef, reason: string): string {
    const invocationId = randomUUID();
    this.log(
      'information',
      'Host.Function',
      `Executing 'Functions.${fn.name}' (Reason='${reason}', Id=${invocationId})`,
      {
        functionName: fn.name,
        invocationId,
      },
    );
    return invocationId;
  }

  /** Logs, outputs and the exchange's end for a non-HTTP invocation. */
  private async complete(
    runtime: HostRuntime,
    fn: FunctionDef,
    rec: ExchangeRecorder,
    result: InvocationResult,
  ): Promise<boolean> {
    rec.addHints(result.hints);
    const fields = {
      functionName: fn.name,
      ...(rec.invocationId !== undefined && { invocationId: rec.invocationId }),
    };
    if (result.kind === 'succeeded') {
      rec.addLogs(result.logs);
      runtime.deliverOutputs(fn, result.outputs, rec);
      const failed = rec.error !== undefined;
      runtime.log(
        failed ? 'error' : 'information',
        'Host.Function',
        `Executed 'Functions.${fn.name}' (${failed ? 'Failed' : 'Succeeded'}, Id=${rec.invocationId})`,
        fields,
      );
      rec.finish(failed ? 'failed' : 'succeeded');
      return !failed;
    }
    const error = result.kind === 'failed' ? result.error : 'The invocation never completed.';
    runtime.log(
      'error',
      'Host.Function',
      `Executed 'Functions.${fn.name}' (Failed, Id=${rec.invocationId}) ${error}`,
      fields,
    );
    rec.finish('failed', error);
    return false;
  }

  /** Control: put a message on a queue, as a person testing a queue trigger would. */
  enqueue(queue: string, text: string): string {
    return this.queues.enqueue(queue, text).id;
  }

  clearQueue(queue: string): number {
    return this.queues.store.clear(queue);
  }

  /** Moves every message of `<queue>-poison` back to `<queue>` for another try. */
  movePoisonBack(queue: string): number {
    return this.queues.store.moveAll(`${queue}-poison`, queue);
  }

  private scheduleQueueEvent(): void {
    if (this.queueEventPending) return;
    this.queueEventPending = true;
    setTimeout(() => {
      this.queueEventPending = false;
      this.emit({ type: 'queues', queues: this.queues.snapshot() });
    }, 50);
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
    const prefix = app.host?.routePrefix ?? 'api';
    const base = `http://localhost:${this.frontDoor?.port ?? DEFAULT_FRONT_DOOR_PORT}`;
    const customHandler = app.host?.customHandler;
    const infos: FunctionInfo[] = functions.map((fn) => ({
      name: fn.name,
      trigger: fn.trigger.type,
      disabled: fn.disabled,
      ...(fn.http && {
        methods: fn.http.methods ?? ['GET', 'POST', 'DELETE', 'HEAD', 'PATCH', 'PUT', 'OPTIONS'],
        route: fn.http.route,
        url: `${base}/${formatRouteForDisplay(fn.http.route, prefix)}`,
        authLevel: fn.http.authLevel,
        ...(customHandler && { mode: httpModeOf(fn, customHandler) }),
      }),
    }));
    this.lastFunctions = { type: 'functions', functions: infos, diagnostics: [...app.diagnostics, ...extra] };
    this.emit(this.lastFunctions);
  }

  private setState(state: HostState): void {
    this.state = state;
    if (this.runtime) this.runtime = { ...this.runtime, state };
    this.emitStatus();
  }

  private emitStatus(detail?: string): void {
    const s = this.supervisor;
    this.emit({
      type: 'host.status',
      state: this.state,
      ...(this.frontDoor && { frontDoorUrl: `http://localhost:${this.frontDoor.port}` }),
      handler: {
        state: s?.state ?? 'stopped',
        ...(s?.pid !== undefined && { pid: s.pid }),
        ...(this.handlerPort !== undefined && { port: this.handlerPort }),
        ...(detail !== undefined && { detail }),
      },
      errors: [...this.errors],
    });
  }

  log(level: LogLevel, category: string, message: string, fields: LogFields = {}): void {
    this.emit({ type: 'log', time: new Date().toISOString(), level, category, message, ...fields });
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private env(): Record<string, string | undefined> {
    return { ...(this.options.env ?? process.env) };
  }
}

function randomKey(): string {
  return randomBytes(30).toString('base64url');
}

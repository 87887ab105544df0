import http from 'node:http';
import { randomBytes } from 'node:crypto';
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

  constructor(private readonly options: FunctionHostOptions) {}

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

  /** Re-sends the current state (status, functions, every kept exchange) for a UI that just attached. */
  replay(): void {
    this.emitStatus();
    if (this.lastFunctions) this.emit(this.lastFunctions);
    for (const exchange of this.exchanges.list()) this.emit({ type: 'exchange', exchange });
  }

  async stop(): Promise<void> {
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
    const runtime = this.runtime && { ...this.runtime, state: this.state, errors: this.errors };
    if (runtime && (this.state === 'Error' || this.state === 'Stopped') && !/^\/admin/i.test(req.url ?? '')) {
      const text = 'Function host is not running.';
      res.writeHead(503, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    dispatchHttp(
      runtime && claim ? { ...runtime, record: (t, title) => this.claimRecord(t, title, claim) } : runtime,
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
      invokeNonHttp: (fn, _input, rec) => this.invokeNonHttp(fn, rec),
    };
    this.emitFunctions(app, functions, routes.diagnostics);
    this.setState('Starting');
    supervisor.start();
  }

  private async invokeNonHttp(fn: FunctionDef, rec: ExchangeRecorder): Promise<void> {
    rec.functionName = fn.name;
    rec.finish('failed', `Invoking ${fn.trigger.type} functions is not supported by this host yet.`);
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

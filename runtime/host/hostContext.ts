import type { AppModel } from '../core/app/appModel';
import type { FunctionDef } from '../core/app/functionJson';
import type { CustomHandlerOptions, HostConfig } from '../core/app/hostJson';
import type { HostState } from '../core/control/protocol';
import type { ExchangeTrigger } from '../core/exchange/exchange';
import type { ExchangeRecorder } from '../core/exchange/exchangeRecorder';
import type { OutputValue } from '../core/invocation/resultMapper';
import type { RouteTable } from '../core/routing/routeTable';
import type { HandlerSupervisor } from './handler/handlerSupervisor';
import type { HttpClient } from './http/httpClient';
import type { Platform } from './platform';

export type LogLevel = 'debug' | 'information' | 'warning' | 'error';

export interface LogFields {
  readonly functionName?: string;
  readonly invocationId?: string;
}

export interface HostKeys {
  readonly master: string;
  readonly functionDefault: string;
}

/** What every part of the host may ask of it: logging, recording and the time. */
export interface HostServices {
  readonly platform: Platform;
  log(level: LogLevel, category: string, message: string, fields?: LogFields): void;
  record(trigger: ExchangeTrigger, title: string): ExchangeRecorder;
  /** The host's (virtual) clock. */
  now(): number;
}

/**
 * The running app as invocations and the front door see it: passed down explicitly instead of
 * calling back up into the host object. A new one is made for each load of the app.
 */
export interface AppContext extends HostServices {
  readonly app: AppModel;
  readonly config: HostConfig;
  readonly customHandler: CustomHandlerOptions;
  readonly routes: RouteTable;
  readonly enableAuth: boolean;
  readonly keys: HostKeys;
  readonly startedAt: number;
  readonly frontDoorPort: number;
  /** The host's HttpClient to the handler (keep-alive, every byte captured). */
  readonly channel: HttpClient;
  readonly handler: HandlerSupervisor;
  readonly functionTimeoutMs: number | null;
  readonly initializationTimeoutMs: number;
  /** The host's state now (it changes while the context lives). */
  state(): HostState;
  errors(): readonly string[];
  /** Queue outputs become messages; the rest are recorded on the exchange. */
  deliverOutputs(
    fn: FunctionDef,
    outputs: readonly OutputValue[],
    rec: ExchangeRecorder,
  ): void | Promise<void>;
  /** Admin invoke of a queue or timer function. */
  invokeNonHttp(fn: FunctionDef, input: string, rec: ExchangeRecorder): Promise<void>;
}

import type { AppModel } from '../../core/app/appModel';
import type { FunctionDef } from '../../core/app/functionJson';
import type { OutputValue } from '../../core/invocation/resultMapper';
import type { CustomHandlerOptions, HostConfig } from '../../core/app/hostJson';
import type { HostState } from '../../core/control/protocol';
import type { ExchangeTrigger } from '../../core/exchange/exchange';
import type { ExchangeRecorder } from './exchangeRecorder';
import type { InvocationServices } from './invocationServices';
import type { RouteTable } from './routeTable';

export interface HostKeys {
  readonly master: string;
  readonly functionDefault: string;
}

/** The running host as the front door and the admin API see it. */
export interface HostRuntime extends InvocationServices {
  readonly app: AppModel;
  readonly config: HostConfig;
  readonly customHandler: CustomHandlerOptions;
  readonly routes: RouteTable;
  readonly enableAuth: boolean;
  readonly keys: HostKeys;
  readonly state: HostState;
  readonly startedAt: number;
  readonly frontDoorPort: number;
  readonly errors: readonly string[];
  record(trigger: ExchangeTrigger, title: string): ExchangeRecorder;
  /** Admin invoke of a queue or timer function. */
  invokeNonHttp(fn: FunctionDef, input: string, rec: ExchangeRecorder): Promise<void>;
  /** Queue outputs become messages; the rest are recorded on the exchange. */
  deliverOutputs(fn: FunctionDef, outputs: readonly OutputValue[], rec: ExchangeRecorder): void;
  /** The host's (virtual) clock. */
  now(): number;
}

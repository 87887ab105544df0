import type { Diagnostic } from '../app/diagnostics';
import type { Exchange } from '../exchange/exchange';

export const PROTOCOL_VERSION = 1;

/** A request for the front door, performed by the host itself over loopback. */
export interface HttpRequestSpec {
  readonly method: string;
  /** Path and query, e.g. `/api/order?x=1`. */
  readonly path: string;
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: string;
  readonly bodyEncoding?: 'utf8' | 'base64';
}

/** A queue as the playground shows it. Times are epoch milliseconds on the host's clock. */
export interface QueueState {
  readonly name: string;
  readonly count: number;
  readonly visible: number;
  readonly inFlight: number;
  /** The first messages in queue order (the list is capped). */
  readonly messages: readonly {
    readonly id: string;
    readonly text: string;
    readonly dequeueCount: number;
    readonly insertionTime: number;
    readonly nextVisibleTime: number;
    readonly visible: boolean;
  }[];
}

export interface TimerState {
  readonly functionName: string;
  readonly schedule: string;
  readonly timeZone: string;
  readonly paused: boolean;
  /** Whether a schedule monitor keeps Last/Next (ScheduleStatus is null without one). */
  readonly monitor: boolean;
  /** The next few occurrences. */
  readonly next: readonly number[];
  readonly lastRun?: number;
}

type QueueCommandType = 'queue.enqueue' | 'queue.peek' | 'queue.clear' | 'queue.movePoison';
type TimerCommandType = 'timer.fire' | 'timer.pause' | 'timer.resume' | 'timer.fastForward';

export type Command =
  | { readonly type: 'http.request'; readonly id: string; readonly request: HttpRequestSpec }
  | { readonly type: QueueCommandType; readonly id: string; readonly queue: string; readonly text?: string }
  | { readonly type: TimerCommandType; readonly id: string; readonly functionName: string }
  | { readonly type: 'app.reload'; readonly id: string }
  | { readonly type: 'handler.restart'; readonly id: string }
  | { readonly type: 'state.get'; readonly id: string }
  | { readonly type: 'exchanges.clear'; readonly id: string }
  /** Stops the handler and the host, which then exits: a graceful end where no signal reaches it. */
  | { readonly type: 'host.stop'; readonly id: string };

export type HostState = 'Starting' | 'Running' | 'Error' | 'Stopped';

export interface FunctionInfo {
  readonly name: string;
  readonly trigger: string;
  readonly disabled: boolean;
  /** For HTTP functions. */
  readonly methods?: readonly string[];
  readonly route?: string;
  readonly url?: string;
  readonly authLevel?: string;
  readonly mode?: 'payload' | 'forwarding' | 'proxy';
}

export interface HostStatusEvent {
  readonly type: 'host.status';
  readonly state: HostState;
  readonly frontDoorUrl?: string;
  readonly handler: {
    readonly state: string;
    readonly pid?: number;
    readonly port?: number;
    readonly detail?: string;
  };
  readonly errors: readonly string[];
}

export type HostEvent =
  | { readonly type: 'hello'; readonly protocol: number; readonly hostVersion: string }
  | HostStatusEvent
  | {
      readonly type: 'functions';
      readonly functions: readonly FunctionInfo[];
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly type: 'log';
      readonly time: string;
      readonly level: 'trace' | 'debug' | 'information' | 'warning' | 'error' | 'critical';
      readonly category: string;
      readonly message: string;
      readonly functionName?: string;
      readonly invocationId?: string;
      /** host.json `logging.logLevel` keeps it off the console (the CLI and the terminal). */
      readonly hidden?: true;
    }
  | { readonly type: 'exchange'; readonly exchange: Exchange }
  | { readonly type: 'queues'; readonly queues: readonly QueueState[] }
  | {
      readonly type: 'timers';
      /** The host's clock, which fast-forwarding moves ahead of the wall clock. */
      readonly now: number;
      readonly clockOffsetMs: number;
      readonly timers: readonly TimerState[];
    }
  | { readonly type: 'command.result'; readonly id: string; readonly ok: true; readonly result?: unknown }
  | { readonly type: 'command.result'; readonly id: string; readonly ok: false; readonly error: string };

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

const COMMAND_TYPES = [
  'http.request',
  'app.reload',
  'handler.restart',
  'state.get',
  'exchanges.clear',
  'host.stop',
  'queue.enqueue',
  'queue.peek',
  'queue.clear',
  'queue.movePoison',
  'timer.fire',
  'timer.pause',
  'timer.resume',
  'timer.fastForward',
] as const;
const QUEUE_NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;
const MAX_MESSAGE_CHARS = 64 * 1024;

/** Checks a decoded frame against the command union, naming the first field that is wrong. */
export function validateCommand(value: unknown): Validated<Command> {
  if (!isRecord(value)) return { ok: false, error: 'a command must be an object' };
  const { type, id } = value;
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: `unknown command type ${JSON.stringify(type)}` };
  }
  if (typeof id !== 'string' || id === '' || id.length > 200)
    return { ok: false, error: `${type}: "id" must be a non-empty string` };
  if (type.startsWith('queue.')) {
    const { queue, text } = value;
    if (typeof queue !== 'string' || !QUEUE_NAME.test(queue)) {
      return {
        ok: false,
        error: `${type}: "queue" must be a queue name (3-63 lowercase letters, digits and hyphens)`,
      };
    }
    if (type === 'queue.enqueue' && (typeof text !== 'string' || text.length > MAX_MESSAGE_CHARS)) {
      return {
        ok: false,
        error: `${type}: "text" must be a string of at most ${MAX_MESSAGE_CHARS} characters`,
      };
    }
    return { ok: true, value: { type, id, queue, ...(typeof text === 'string' && { text }) } as Command };
  }
  if (type.startsWith('timer.')) {
    const { functionName } = value;
    if (typeof functionName !== 'string' || functionName === '') {
      return { ok: false, error: `${type}: "functionName" must be a function's name` };
    }
    return { ok: true, value: { type, id, functionName } as Command };
  }
  if (type !== 'http.request') return { ok: true, value: { type, id } as Command };
  const request = value.request;
  if (!isRecord(request)) return { ok: false, error: 'http.request: "request" must be an object' };
  if (typeof request.method !== 'string' || !/^[A-Za-z]{1,20}$/.test(request.method)) {
    return { ok: false, error: 'http.request: "request.method" must be an HTTP method' };
  }
  if (typeof request.path !== 'string' || !request.path.startsWith('/') || /[\s]/.test(request.path)) {
    return { ok: false, error: 'http.request: "request.path" must start with "/" and contain no spaces' };
  }
  if (request.headers !== undefined) {
    if (
      !Array.isArray(request.headers) ||
      !request.headers.every(
        (h) =>
          Array.isArray(h) &&
          h.length === 2 &&
          typeof h[0] === 'string' &&
          /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h[0]) &&
          typeof h[1] === 'string' &&
          !/[\r\n]/.test(h[1]),
      )
    ) {
      return {
        ok: false,
        error: 'http.request: "request.headers" must be [name, value] pairs of valid header text',
      };
    }
  }
  if (request.body !== undefined && typeof request.body !== 'string') {
    return { ok: false, error: 'http.request: "request.body" must be a string' };
  }
  if (
    request.bodyEncoding !== undefined &&
    request.bodyEncoding !== 'utf8' &&
    request.bodyEncoding !== 'base64'
  ) {
    return { ok: false, error: 'http.request: "request.bodyEncoding" must be "utf8" or "base64"' };
  }
  return { ok: true, value: value as unknown as Command };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const EVENT_TYPES = [
  'hello',
  'host.status',
  'functions',
  'log',
  'exchange',
  'command.result',
  'queues',
  'timers',
] as const;

/**
 * Checks the shape of an event from the host before a UI trusts it: its type, and the fields the
 * UI indexes by. Deeper content is rendered as text, never as HTML, so it needs no further check.
 */
export function validateEvent(value: unknown): Validated<HostEvent> {
  if (!isRecord(value)) return { ok: false, error: 'an event must be an object' };
  const type = value.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: `unknown event type ${JSON.stringify(type)}` };
  }
  const need = (
    field: string,
    kind: 'string' | 'object' | 'array' | 'number' | 'boolean',
  ): string | undefined => {
    const v = value[field];
    const ok = kind === 'array' ? Array.isArray(v) : kind === 'object' ? isRecord(v) : typeof v === kind;
    return ok
      ? undefined
      : `${type}: "${field}" must be ${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`;
  };
  const problem =
    type === 'host.status'
      ? (need('state', 'string') ?? need('handler', 'object') ?? need('errors', 'array'))
      : type === 'functions'
        ? (need('functions', 'array') ?? need('diagnostics', 'array'))
        : type === 'log'
          ? (need('message', 'string') ?? need('level', 'string') ?? need('category', 'string'))
          : type === 'exchange'
            ? (need('exchange', 'object') ??
              (isRecord(value.exchange) &&
              typeof value.exchange.id === 'string' &&
              Array.isArray(value.exchange.hops)
                ? undefined
                : 'exchange: "exchange.id" and "exchange.hops" are required'))
            : type === 'command.result'
              ? (need('id', 'string') ?? need('ok', 'boolean'))
              : type === 'queues'
                ? need('queues', 'array')
                : type === 'timers'
                  ? (need('timers', 'array') ?? need('now', 'number'))
                  : undefined;
  return problem ? { ok: false, error: problem } : { ok: true, value: value as unknown as HostEvent };
}

import { EventEmitter } from '../polyfills';
import { nodeError } from '../nodeErrors';
import type { HttpContext } from './context';

/** Why an outgoing call fails in the page: there is no network stack to make it with. */
export function noNetworkMessage(what: string, target: string): string {
  return (
    `${what} to ${target} cannot be made: the in-page engine runs the handler with no network ` +
    '(only the host can call the handler). Run this handler with the WebContainer engine, ' +
    '`npm start` (the local engine) or the CLI host to call other services.'
  );
}

/** The two modules that make requests: `http` and `https`. */
export type RequestScheme = 'http' | 'https';

function targetOf(scheme: RequestScheme, input: unknown, options: unknown): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  const fields = (input && typeof input === 'object' ? input : options) as
    { host?: string; hostname?: string; port?: number | string; path?: string } | undefined;
  const host = fields?.hostname ?? fields?.host ?? 'localhost';
  return `${scheme}://${host}${fields?.port ? `:${fields.port}` : ''}${fields?.path ?? '/'}`;
}

/**
 * http.request / http.get (and https's): a ClientRequest that fails on the next tick with a
 * clear error, as a request to an unreachable host would (an 'error' event, uncaught if nobody
 * listens).
 */
export class ClientRequest extends EventEmitter {
  destroyed = false;
  writableEnded = false;

  constructor(
    context: HttpContext,
    input: unknown,
    options: unknown,
    callback?: unknown,
    scheme: RequestScheme = 'http',
  ) {
    super();
    if (typeof options === 'function') callback = options;
    if (typeof callback === 'function') this.once('response', callback as () => void);
    const error = nodeError(
      Error,
      'ERR_INPAGE_NO_NETWORK',
      noNetworkMessage(`${scheme}.request`, targetOf(scheme, input, options)),
    );
    context.nextTick(() => {
      if (this.destroyed) return;
      this.destroyed = true;
      this.emit('error', error);
      this.emit('close');
    });
  }

  setHeader(): this {
    return this;
  }

  getHeader(): undefined {
    return undefined;
  }

  removeHeader(): void {}

  setTimeout(): this {
    return this;
  }

  write(): boolean {
    return true;
  }

  end(): this {
    this.writableEnded = true;
    return this;
  }

  abort(): void {
    this.destroy();
  }

  destroy(): this {
    this.destroyed = true;
    return this;
  }
}

/** http.Agent: accepted and ignored, so code that builds one still loads. */
export class Agent extends EventEmitter {
  readonly options: Record<string, unknown>;
  maxSockets = Infinity;
  maxFreeSockets = 256;
  keepAlive: boolean;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.keepAlive = Boolean(options.keepAlive);
  }

  destroy(): void {}
}

/** The global `fetch` the handler sees: rejects, for the same reason as http.request. */
export function noNetworkFetch(input: unknown): Promise<never> {
  const target = typeof input === 'string' ? input : ((input as { url?: string })?.url ?? String(input));
  return Promise.reject(new TypeError(noNetworkMessage('fetch', target)));
}

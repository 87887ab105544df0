/**
 * The postMessage API between a page that embeds the playground (the parent) and the playground in
 * its iframe. Every message is `{ source: 'fchp', version: 1, type, ... }`. docs/embedding.md is
 * the reference for page authors; this file is the only place that reads a parent's messages.
 *
 * Trust: a message counts only when it comes from `window.parent` AND from the one allowed origin,
 * and every field is checked before use. Nothing from the parent is ever put into the page as
 * HTML; a file's text goes to the editor and the runtime, a request to the host.
 */
import { parseOrigin } from './embedOptions';
import { MAX_HEADER_LENGTH, MAX_HEADERS, MAX_METHOD_LENGTH, MAX_TARGET_LENGTH } from '../share/limits';
import { isText, pathProblem } from '../files/fileRules';

export const MESSAGE_SOURCE = 'fchp';
export const MESSAGE_VERSION = 1;

/** Longest request body or file text a parent may send: far beyond a docs example, far below a crash. */
export const MAX_TEXT_CHARS = 1024 * 1024;
const MAX_ID_LENGTH = 200;

export interface InboundRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** Parent → playground. `run` may carry an id (then it gets a `result`); the others must. */
export type InboundMessage =
  | { readonly type: 'run'; readonly id?: string }
  | { readonly type: 'send'; readonly id: string; readonly request: InboundRequest }
  | { readonly type: 'setFile'; readonly id: string; readonly path: string; readonly text: string }
  | { readonly type: 'getState'; readonly id: string };

/** Playground → parent (the envelope fields are added when posting). */
export type OutboundMessage =
  | { readonly type: 'ready'; readonly engine: string }
  | { readonly type: 'status'; readonly engine: unknown; readonly host: unknown }
  | { readonly type: 'exchange'; readonly exchange: unknown }
  | { readonly type: 'result'; readonly id: string; readonly ok: true; readonly result?: unknown }
  | { readonly type: 'result'; readonly id: string; readonly ok: false; readonly error: string };

/** What the API needs from the app; the App wires it to the session and the stores. */
export interface MessageApiHost {
  run(): Promise<void>;
  send(request: {
    method: string;
    path: string;
    headers: readonly (readonly [string, string])[];
    body: string;
  }): Promise<{ status: number; exchangeId?: string }>;
  setFile(path: string, text: string): Promise<void>;
  getState(): unknown;
  subscribe(
    listener: (
      event: { type: 'status'; engine: unknown; host: unknown } | { type: 'exchange'; exchange: unknown },
    ) => void,
  ): () => void;
  engineKind: string;
}

export type Validation = { ok: true; message: InboundMessage } | { ok: false; error: string; id?: string };

const INBOUND_TYPES = ['run', 'send', 'setFile', 'getState'] as const;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRequest(value: unknown): InboundRequest | string {
  if (!isRecord(value)) return '"request" must be an object';
  const { method, path, headers, body } = value;
  if (typeof method !== 'string' || method.length > MAX_METHOD_LENGTH || !/^[A-Za-z]+$/.test(method))
    return '"request.method" must be an HTTP method';
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > MAX_TARGET_LENGTH || /\s/.test(path))
    return '"request.path" must start with "/" and contain no spaces';
  if (headers !== undefined) {
    const valid =
      Array.isArray(headers) &&
      headers.length <= MAX_HEADERS &&
      headers.every(
        (h: unknown) =>
          Array.isArray(h) &&
          h.length === 2 &&
          typeof h[0] === 'string' &&
          typeof h[1] === 'string' &&
          h[0].length <= MAX_HEADER_LENGTH &&
          h[1].length <= MAX_HEADER_LENGTH &&
          HEADER_NAME.test(h[0]) &&
          !/[\r\n\0]/.test(h[1]),
      );
    if (!valid)
      return `"request.headers" must be at most ${MAX_HEADERS} [name, value] pairs of valid header text`;
  }
  if (body !== undefined && (typeof body !== 'string' || body.length > MAX_TEXT_CHARS))
    return `"request.body" must be a string of at most ${MAX_TEXT_CHARS} characters`;
  return {
    method: method.toUpperCase(),
    path,
    headers: ((headers ?? []) as [string, string][]).map(([k, v]) => [k, v] as const),
    body: (body as string | undefined) ?? '',
  };
}

/**
 * Checks a message from the parent. A failure keeps the message's id when it has a usable one, so
 * the caller can answer with a `result` error; without one the message is dropped silently (it may
 * be some other script's message that happens to reach this window).
 */
export function validateInbound(data: unknown): Validation {
  if (!isRecord(data) || data.source !== MESSAGE_SOURCE)
    return { ok: false, error: 'not a playground message' };
  const rawId = data.id;
  const id = typeof rawId === 'string' && rawId !== '' && rawId.length <= MAX_ID_LENGTH ? rawId : undefined;
  const fail = (error: string): Validation => ({ ok: false, error, ...(id !== undefined && { id }) });
  if (data.version !== MESSAGE_VERSION)
    return fail(`unsupported version ${JSON.stringify(data.version)}; this playground speaks version 1`);
  const type = data.type;
  if (typeof type !== 'string' || !(INBOUND_TYPES as readonly string[]).includes(type))
    return fail(`unknown message type ${JSON.stringify(type)}`);
  if (rawId !== undefined && id === undefined)
    return fail(`${type}: "id" must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  if (type === 'run') return { ok: true, message: { type, ...(id !== undefined && { id }) } };
  if (id === undefined) return fail(`${type}: "id" is required`);
  if (type === 'getState') return { ok: true, message: { type, id } };
  if (type === 'send') {
    const request = checkRequest(data.request);
    if (typeof request === 'string') return fail(`send: ${request}`);
    return { ok: true, message: { type, id, request } };
  }
  // setFile
  const { path, text } = data;
  if (typeof path !== 'string') return fail('setFile: "path" must be a string');
  // The file rules of every other way in (a zip, a share link, the editor); clashes with the
  // files already there are the store's to refuse.
  const problem = pathProblem(path);
  if (problem) return fail(`setFile: bad "path": ${problem}`);
  if (typeof text !== 'string' || text.length > MAX_TEXT_CHARS)
    return fail(`setFile: "text" must be a string of at most ${MAX_TEXT_CHARS} characters`);
  if (!isText(text))
    return fail('setFile: "text" must be text: no NUL or other control characters, no lone surrogates');
  return { ok: true, message: { type: 'setFile', id, path, text } };
}

/**
 * The one origin the API talks to: `?origin=` when given, else the origin of the page that loaded
 * the frame (`document.referrer`), else none. A referrer can be empty (a `no-referrer` policy), in
 * which case the embedding page must pass `?origin=`.
 */
export function allowedParentOrigin(
  options: { parentOrigin?: string },
  referrer: string,
): string | undefined {
  if (options.parentOrigin !== undefined) return parseOrigin(options.parentOrigin);
  if (referrer === '') return undefined;
  try {
    const url = new URL(referrer);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Anything a host hands back, made safe for structured clone (functions and the like dropped). */
function cloneable(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Listens for the parent's messages and forwards the app's events to it; returns the disposer.
 * Inert (and says so on the console) when the page is not in a frame or no origin is allowed.
 */
export function startMessageApi(
  win: Window,
  allowedOrigin: string | undefined,
  host: MessageApiHost,
): () => void {
  const parent = win.parent as Window | null;
  // Not framed (a detached frame has no parent): there is nobody to talk to.
  if (!parent || parent === win) return () => undefined;
  if (allowedOrigin === undefined) {
    console.info(
      '[playground] The embed message API is off: the embedding page origin is unknown. ' +
        'Add ?origin=<that origin> to the frame address to turn it on.',
    );
    return () => undefined;
  }

  let disposed = false;
  const post = (message: OutboundMessage) => {
    if (disposed) return;
    const envelope = { source: MESSAGE_SOURCE, version: MESSAGE_VERSION, ...message };
    try {
      // To the allowed origin only: the browser drops the message if the parent has navigated away.
      parent.postMessage(envelope, allowedOrigin);
    } catch {
      // A value structured clone refuses (a function in some state): send its JSON form instead.
      try {
        parent.postMessage(cloneable(envelope), allowedOrigin);
      } catch (e) {
        console.warn(`[playground] Could not post a ${message.type} message: ${errorText(e)}`);
      }
    }
  };

  const handle = async (message: InboundMessage): Promise<unknown> => {
    switch (message.type) {
      case 'run':
        await host.run();
        return undefined;
      case 'send':
        return host.send(message.request);
      case 'setFile':
        await host.setFile(message.path, message.text);
        return undefined;
      case 'getState':
        return host.getState();
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== parent || event.origin !== allowedOrigin) return;
    const checked = validateInbound(event.data);
    if (!checked.ok) {
      if (checked.id !== undefined) post({ type: 'result', id: checked.id, ok: false, error: checked.error });
      return;
    }
    const { message } = checked;
    void handle(message).then(
      (result) => {
        if (message.id !== undefined)
          post({ type: 'result', id: message.id, ok: true, ...(result !== undefined && { result }) });
      },
      (e: unknown) => {
        if (message.id !== undefined)
          post({ type: 'result', id: message.id, ok: false, error: errorText(e) });
      },
    );
  };

  win.addEventListener('message', onMessage);
  const unsubscribe = host.subscribe((event) => post(event));
  post({ type: 'ready', engine: host.engineKind });

  return () => {
    disposed = true;
    win.removeEventListener('message', onMessage);
    unsubscribe();
  };
}

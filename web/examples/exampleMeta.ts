import type { ComposedRequest } from '../stores/triggersStore';

/**
 * What the playground needs to know about an example beyond its files, from the example's own
 * `playground.json` (beside its README; not part of the app, so Core Tools and the zip never see
 * it): the trigger it opens on, the request or message ready there, and the requests its README
 * suggests, as one-click "try this" chips.
 */

export type TriggerTab = 'http' | 'queues' | 'timers' | 'mcp';

/** A message ready to enqueue. */
export interface QueueDraft {
  readonly queue: string;
  readonly text: string;
}

/** One "try this" suggestion: an HTTP request, or a message for a queue. */
export type TrySuggestion =
  | { readonly kind: 'http'; readonly request: ComposedRequest }
  | { readonly kind: 'queue'; readonly message: QueueDraft };

export interface ExampleMeta {
  readonly opensOn: TriggerTab;
  readonly request?: ComposedRequest;
  readonly message?: QueueDraft;
  readonly tryThis: readonly TrySuggestion[];
}

export type ExampleMetaResult =
  { readonly ok: true; readonly meta: ExampleMeta } | { readonly ok: false; readonly error: string };

type Json = Record<string, unknown>;

const TABS: readonly TriggerTab[] = ['http', 'queues', 'timers', 'mcp'];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown inside the reader with the place it is about; caught once, with the file's name added. */
class MetaError extends Error {}

function text(v: unknown, at: string, optional = false): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') throw new MetaError(`${at} must be a string.`);
  return v;
}

function readRequest(v: unknown, at: string): ComposedRequest {
  if (!isObject(v)) throw new MetaError(`${at} must be an object.`);
  const method = text(v.method, `${at}.method`)!.toUpperCase();
  const path = text(v.path, `${at}.path`)!;
  if (!path.startsWith('/')) throw new MetaError(`${at}.path must start with "/".`);
  const headers = v.headers ?? {};
  if (!isObject(headers)) throw new MetaError(`${at}.headers must be an object of names and values.`);
  const pairs = Object.entries(headers).map(
    ([name, value]) => [name, text(value, `${at}.headers["${name}"]`)!] as const,
  );
  return { method, path, headers: pairs, body: text(v.body, `${at}.body`, true) ?? '' };
}

function readMessage(queue: unknown, message: unknown, at: string): QueueDraft {
  return { queue: text(queue, `${at}.queue`)!, text: text(message, `${at}.message`)! };
}

function readSuggestion(v: unknown, at: string): TrySuggestion {
  if (!isObject(v)) throw new MetaError(`${at} must be an object.`);
  if (v.queue !== undefined) return { kind: 'queue', message: readMessage(v.queue, v.message, at) };
  return { kind: 'http', request: readRequest(v, at) };
}

/** Reads an example's playground.json; the error names the file and the place in it. */
export function parseExampleMeta(source: string, file: string): ExampleMetaResult {
  let root: unknown;
  try {
    root = JSON.parse(source);
  } catch (e) {
    return { ok: false, error: `${file}: not valid JSON (${(e as Error).message}).` };
  }
  try {
    if (!isObject(root)) throw new MetaError('the file must hold an object.');
    const opensOn = root.opensOn ?? 'http';
    if (!TABS.includes(opensOn as TriggerTab))
      throw new MetaError(`opensOn must be one of ${TABS.join(', ')}.`);
    const tryThis = root.tryThis ?? [];
    if (!Array.isArray(tryThis)) throw new MetaError('tryThis must be a list.');
    const message = isObject(root.message)
      ? readMessage(root.message.queue, root.message.text, 'message')
      : root.message === undefined
        ? undefined
        : (() => {
            throw new MetaError('message must be an object with queue and text.');
          })();
    return {
      ok: true,
      meta: {
        opensOn: opensOn as TriggerTab,
        ...(root.request !== undefined && { request: readRequest(root.request, 'request') }),
        ...(message && { message }),
        tryThis: tryThis.map((s, i) => readSuggestion(s, `tryThis[${i}]`)),
      },
    };
  } catch (e) {
    if (e instanceof MetaError) return { ok: false, error: `${file}: ${e.message}` };
    throw e;
  }
}

/** What a chip says: the request line, or the message and its queue. */
export function suggestionLabel(s: TrySuggestion): string {
  return s.kind === 'http'
    ? `${s.request.method} ${s.request.path}`
    : `Enqueue ${JSON.stringify(s.message.text)} on ${s.message.queue}`;
}

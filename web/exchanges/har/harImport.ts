import type {
  Exchange,
  Hop,
  ParsedMessage,
  WireBody,
  WireMessage,
} from '../../../runtime/core/exchange/exchange';

/** A HAR file that cannot be read, with the place in it that is wrong. */
export class HarError extends Error {}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function record(v: unknown, at: string): Json {
  if (!isRecord(v)) throw new HarError(`${at} must be an object.`);
  return v;
}

function list(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new HarError(`${at} must be an array.`);
  return v;
}

function text(v: unknown, at: string): string {
  if (typeof v !== 'string') throw new HarError(`${at} must be a string.`);
  return v;
}

function num(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new HarError(`${at} must be a number.`);
  return v;
}

function headerList(v: unknown, at: string): [string, string][] {
  return list(v, at).map((h, i) => {
    const pair = record(h, `${at}[${i}]`);
    return [text(pair.name, `${at}[${i}].name`), text(pair.value, `${at}[${i}].value`)];
  });
}

function wireBody(v: unknown, at: string): WireBody {
  const b = record(v, at);
  const encoding = b.encoding === 'base64' ? 'base64' : b.encoding === 'utf8' ? 'utf8' : undefined;
  if (!encoding) throw new HarError(`${at}.encoding must be "utf8" or "base64".`);
  return {
    encoding,
    data: text(b.data, `${at}.data`),
    size: num(b.size, `${at}.size`),
    truncated: b.truncated === true,
  };
}

/** Rebuilds a message from HAR's fields, or takes its exact bytes from `_wire` when it has them. */
function message(
  startLine: string,
  headers: [string, string][],
  body: { text?: string; base64?: boolean },
  wire: unknown,
  at: string,
): WireMessage {
  const parsed: ParsedMessage = {
    startLine,
    headers,
    ...(body.text !== undefined &&
      body.text !== '' &&
      (body.base64 ? { bodyBase64: body.text } : { bodyText: body.text })),
  };
  if (wire !== undefined) {
    const w = record(wire, `${at}._wire`);
    return { head: text(w.head, `${at}._wire.head`), body: wireBody(w.body, `${at}._wire.body`), parsed };
  }
  const head = `${startLine}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const data = body.text ?? '';
  const size = body.base64
    ? Math.floor((data.replace(/=+$/, '').length * 3) / 4)
    : new TextEncoder().encode(data).length;
  return { head, body: { encoding: body.base64 ? 'base64' : 'utf8', data, size, truncated: false }, parsed };
}

interface ReadEntry {
  readonly startedAt: number;
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request: WireMessage;
  readonly response?: WireMessage;
  readonly error?: string;
  readonly exchangeId?: string;
}

function pathOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  const rest = m ? url.slice(m[0].length) : url;
  return rest.startsWith('/') ? rest.replace(/#.*$/, '') : `/${rest}`;
}

function readEntry(v: unknown, at: string): ReadEntry {
  const e = record(v, at);
  const started = Date.parse(text(e.startedDateTime, `${at}.startedDateTime`));
  if (Number.isNaN(started)) throw new HarError(`${at}.startedDateTime is not a date.`);
  const req = record(e.request, `${at}.request`);
  const method = text(req.method, `${at}.request.method`).toUpperCase();
  const path = pathOf(text(req.url, `${at}.request.url`));
  const version = typeof req.httpVersion === 'string' && req.httpVersion ? req.httpVersion : 'HTTP/1.1';
  const post = req.postData === undefined ? undefined : record(req.postData, `${at}.request.postData`);
  const request = message(
    `${method} ${path} ${version}`,
    headerList(req.headers, `${at}.request.headers`),
    post
      ? { text: text(post.text ?? '', `${at}.request.postData.text`), base64: post._encoding === 'base64' }
      : {},
    req._wire,
    `${at}.request`,
  );
  const res = record(e.response, `${at}.response`);
  const status = num(res.status, `${at}.response.status`);
  let response: WireMessage | undefined;
  if (status > 0) {
    const content = res.content === undefined ? {} : record(res.content, `${at}.response.content`);
    const statusText = typeof res.statusText === 'string' ? res.statusText : '';
    const resVersion = typeof res.httpVersion === 'string' && res.httpVersion ? res.httpVersion : 'HTTP/1.1';
    response = message(
      `${resVersion} ${status} ${statusText}`.trimEnd(),
      headerList(res.headers, `${at}.response.headers`),
      {
        ...(content.text !== undefined && { text: text(content.text, `${at}.response.content.text`) }),
        base64: content.encoding === 'base64',
      },
      res._wire,
      `${at}.response`,
    );
  }
  return {
    startedAt: started,
    time: typeof e.time === 'number' && e.time >= 0 ? e.time : 0,
    method,
    path,
    status,
    request,
    ...(response && { response }),
    ...(typeof res._error === 'string' && { error: res._error }),
    ...(typeof e._exchangeId === 'string' && { exchangeId: e._exchangeId }),
  };
}

/** An entry from any tool (DevTools, a proxy): one HTTP exchange, caller to front door and back. */
function plainExchange(entry: ReadEntry, index: number): Exchange {
  const hops: Hop[] = [{ from: 'caller', to: 'host', atMs: 0, message: entry.request }];
  if (entry.response) hops.push({ from: 'host', to: 'caller', atMs: entry.time, message: entry.response });
  return {
    id: `har-${index}`,
    trigger: 'http',
    startedAt: entry.startedAt,
    durationMs: entry.time,
    state: entry.response ? 'succeeded' : 'failed',
    title: `${entry.method} ${entry.path}`,
    ...(entry.response && { status: entry.status }),
    hops,
    hints: [],
    logs: [],
    outputs: [],
    ...(entry.error !== undefined && { error: entry.error }),
  };
}

const PARTIES = new Set(['caller', 'host', 'handler', 'queue', 'timer']);

/** An exchange this playground exported: its facts from `_exchanges`, its messages from the entries. */
function savedExchange(v: unknown, at: string, entries: readonly ReadEntry[]): Exchange {
  const x = record(v, at);
  const hops = list(x.hops, `${at}.hops`).map((h, i): Hop => {
    const hop = record(h, `${at}.hops[${i}]`);
    const from = text(hop.from, `${at}.hops[${i}].from`);
    const to = text(hop.to, `${at}.hops[${i}].to`);
    if (!PARTIES.has(from) || !PARTIES.has(to))
      throw new HarError(`${at}.hops[${i}] names an unknown party.`);
    let wire: WireMessage | undefined;
    if (hop.entry !== undefined) {
      const entry = entries[num(hop.entry, `${at}.hops[${i}].entry`)];
      if (!entry) throw new HarError(`${at}.hops[${i}].entry names no entry.`);
      wire = hop.side === 'response' ? entry.response : entry.request;
    } else if (hop.message !== undefined) {
      const m = record(hop.message, `${at}.hops[${i}].message`);
      wire = m as unknown as WireMessage;
      text(m.head, `${at}.hops[${i}].message.head`);
      wireBody(m.body, `${at}.hops[${i}].message.body`);
      record(m.parsed, `${at}.hops[${i}].message.parsed`);
    }
    return {
      from: from as Hop['from'],
      to: to as Hop['to'],
      atMs: num(hop.atMs, `${at}.hops[${i}].atMs`),
      ...(wire && { message: wire }),
      ...(typeof hop.note === 'string' && { note: hop.note }),
    };
  });
  text(x.id, `${at}.id`);
  text(x.title, `${at}.title`);
  num(x.startedAt, `${at}.startedAt`);
  for (const key of ['hints', 'logs', 'outputs'] as const) list(x[key], `${at}.${key}`);
  if (!['in-progress', 'succeeded', 'failed'].includes(x.state as string))
    throw new HarError(`${at}.state must be in-progress, succeeded or failed.`);
  if (!['http', 'queue', 'timer', 'admin'].includes(x.trigger as string))
    throw new HarError(`${at}.trigger must be http, queue, timer or admin.`);
  return { ...(x as unknown as Exchange), hops };
}

/**
 * Reads a HAR 1.2 file into exchanges for viewing, oldest first: one this playground exported
 * comes back as it was (queue and timer hops, hints and logs included); any other tool's file
 * gives one HTTP exchange per entry. Ids are prefixed so they never collide with live ones.
 */
export function harToExchanges(json: string, idPrefix = 'imported-'): Exchange[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new HarError(`The file is not JSON: ${(e as Error).message}`);
  }
  const log = record(record(value, 'The file').log, 'log');
  const entries = list(log.entries, 'log.entries').map((e, i) => readEntry(e, `log.entries[${i}]`));
  const exchanges =
    log._exchanges === undefined
      ? entries.map(plainExchange)
      : list(log._exchanges, 'log._exchanges').map((x, i) =>
          savedExchange(x, `log._exchanges[${i}]`, entries),
        );
  const ids = new Map(exchanges.map((x) => [x.id, `${idPrefix}${x.id}`]));
  return exchanges.map((x) => {
    const causedBy = x.causedBy === undefined ? undefined : ids.get(x.causedBy);
    const { causedBy: _old, ...rest } = x;
    return { ...rest, id: ids.get(x.id)!, ...(causedBy !== undefined && { causedBy }) };
  });
}

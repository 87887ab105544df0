import type { Exchange, Hop, WireMessage } from '../../../runtime/core/exchange/exchange';
import { requestTarget } from '../curl';
import { keptBytes } from '../format';
import type {
  HarEntry,
  HarExchange,
  HarHopRef,
  HarLog,
  HarNameValue,
  HarRequest,
  HarResponse,
} from './harTypes';
import { ANSWERS, HAR_CREATOR, hopKey } from './harTypes';

const pairs = (headers: readonly (readonly [string, string])[]): HarNameValue[] =>
  headers.map(([name, value]) => ({ name, value }));

function header(message: WireMessage, name: string): string | undefined {
  return message.parsed.headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** `a=1&b=x%20y` as HAR's decoded name/value list; a malformed escape is kept as written. */
export function queryPairs(path: string): HarNameValue[] {
  const at = path.indexOf('?');
  if (at < 0) return [];
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return path
    .slice(at + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0
        ? { name: decode(p), value: '' }
        : { name: decode(p.slice(0, eq)), value: decode(p.slice(eq + 1)) };
    });
}

/** The body with its framing removed, as HAR's decoded size counts it. */
function decodedSize(message: WireMessage): number {
  const { bodyText, bodyBase64 } = message.parsed;
  if (bodyBase64 !== undefined)
    return keptBytes({ encoding: 'base64', data: bodyBase64, size: 0, truncated: false });
  return new TextEncoder().encode(bodyText ?? '').length;
}

function harRequest(message: WireMessage, origin: string): HarRequest {
  const target = requestTarget(message.parsed.startLine);
  const path = target?.path ?? '/';
  const version = /\s(HTTP\/\d(?:\.\d)?)\s*$/.exec(message.parsed.startLine)?.[1] ?? 'HTTP/1.1';
  const { bodyText, bodyBase64 } = message.parsed;
  const hasBody = (bodyText ?? '') !== '' || (bodyBase64 ?? '') !== '';
  return {
    method: target?.method ?? message.parsed.startLine.split(' ')[0] ?? 'GET',
    url: origin + path,
    httpVersion: version,
    cookies: [],
    headers: pairs(message.parsed.headers),
    queryString: queryPairs(path),
    ...(hasBody && {
      postData: {
        mimeType: header(message, 'content-type') ?? '',
        ...(bodyBase64 !== undefined
          ? { text: bodyBase64, _encoding: 'base64' as const }
          : { text: bodyText ?? '' }),
      },
    }),
    headersSize: message.head.length,
    bodySize: message.body.size,
    _wire: { head: message.head, body: message.body },
  };
}

function harResponse(message: WireMessage): HarResponse {
  const m = /^(HTTP\/\d(?:\.\d)?)\s+(\d{3})\s?(.*)$/.exec(message.parsed.startLine.trim());
  const { bodyText, bodyBase64 } = message.parsed;
  return {
    status: m ? Number(m[2]) : 0,
    statusText: m?.[3] ?? '',
    httpVersion: m?.[1] ?? 'HTTP/1.1',
    cookies: [],
    headers: pairs(message.parsed.headers),
    content: {
      size: decodedSize(message),
      mimeType: header(message, 'content-type') ?? '',
      ...(bodyBase64 !== undefined
        ? { text: bodyBase64, encoding: 'base64' as const }
        : { text: bodyText ?? '' }),
    },
    redirectURL: header(message, 'location') ?? '',
    headersSize: message.head.length,
    bodySize: message.body.size,
    _wire: { head: message.head, body: message.body },
  };
}

/** What HAR writes for a request that got no answer (Chrome's shape for a failed request). */
function noResponse(error: string | undefined): HarResponse {
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: '' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    ...(error !== undefined && { _error: error }),
  };
}

/** The origin a hop's request went to: the front door for the caller, the handler's port for the host. */
function originOf(message: WireMessage, hop: Hop, frontDoor: string): string {
  if (hop.from === 'caller') return frontDoor.replace(/\/+$/, '');
  const host = header(message, 'host');
  return `http://${host ?? '127.0.0.1'}`;
}

/**
 * The exchange log as HAR 1.2: an entry per request (the caller's to the front door, the host's
 * to the handler), each with its answer and its timings; the exact bytes and the playground's
 * own facts (trigger, hints, logs, queue and timer hops) in custom fields, so importing the file
 * shows the log as it was.
 */
export function exchangesToHar(
  exchanges: readonly Exchange[],
  options: { readonly frontDoorUrl?: string; readonly version?: string } = {},
): HarLog {
  const frontDoor = options.frontDoorUrl ?? 'http://localhost:7071';
  const entries: HarEntry[] = [];
  const skeletons: HarExchange[] = [];
  for (const x of exchanges) {
    const refs: HarHopRef[] = x.hops.map((h) => ({
      from: h.from,
      to: h.to,
      atMs: h.atMs,
      ...(h.note !== undefined && { note: h.note }),
    }));
    const answered = new Set<number>();
    x.hops.forEach((hop, i) => {
      const kind = ANSWERS[hopKey(hop)];
      if (!kind || !hop.message || answered.has(i)) return;
      const j = x.hops.findIndex(
        (h, k) =>
          k > i && !answered.has(k) && h.message && h.from === kind.answer[0] && h.to === kind.answer[1],
      );
      const answer = j >= 0 ? x.hops[j] : undefined;
      const index = entries.length;
      const wait = answer
        ? Math.max(0, answer.atMs - hop.atMs)
        : Math.max(0, (x.durationMs ?? hop.atMs) - hop.atMs);
      entries.push({
        startedDateTime: new Date(x.startedAt + hop.atMs).toISOString(),
        time: wait,
        request: harRequest(hop.message, originOf(hop.message, hop, frontDoor)),
        response: answer?.message ? harResponse(answer.message) : noResponse(x.error),
        cache: {},
        timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait, receive: 0, ssl: -1 },
        comment: `${x.title}: ${kind.hop === 'caller' ? 'the caller and the front door' : 'the host and the handler'}`,
        _exchangeId: x.id,
        _hop: kind.hop,
      });
      refs[i] = { ...refs[i]!, entry: index, side: 'request' };
      if (j >= 0) {
        answered.add(j);
        refs[j] = { ...refs[j]!, entry: index, side: 'response' };
      }
    });
    // A message hop that is neither a request nor its answer keeps its message inline.
    x.hops.forEach((hop, i) => {
      if (hop.message && refs[i]!.entry === undefined) refs[i] = { ...refs[i]!, message: hop.message };
    });
    const { hops: _hops, ...facts } = x;
    skeletons.push({ ...facts, hops: refs });
  }
  return {
    log: {
      version: '1.2',
      creator: { name: HAR_CREATOR, version: options.version ?? '1' },
      entries,
      _exchanges: skeletons,
    },
  };
}

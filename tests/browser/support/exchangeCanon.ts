import { expect } from 'vitest';
import type { Exchange, WireMessage } from '../../../runtime/core/exchange/exchange';

/**
 * An exchange reduced to what must be the same on every engine, as one JSON text: the title,
 * mode, function, state, status, logs, outputs, hints, and every hop's head and body bytes in
 * order. What legitimately differs between two runs is replaced by placeholders, and nothing
 * else: invocation and message ids (numbered per exchange, so the same id must still appear in
 * the same places), HTTP dates and ISO times, the ports that appear in Host headers (the front
 * door's and the handler's), and the `Duration=` of the host's log lines. Timings (`startedAt`,
 * `durationMs`, `atMs`) and the exchange's own id are left out; `causedBy` becomes the causing
 * exchange's title. Content-Length and chunk sizes are kept as they are: the placeholders only
 * stand for values of the same width on both sides (4-digit front door ports, 5-digit ephemeral
 * handler ports), so a length that differs is a real difference.
 */
export function canonicalExchange(exchange: Exchange, all: readonly Exchange[]): string {
  const causedBy =
    exchange.causedBy === undefined
      ? undefined
      : (all.find((x) => x.id === exchange.causedBy)?.title ?? '(missing)');
  const shape = {
    title: exchange.title,
    trigger: exchange.trigger,
    mode: exchange.mode,
    functionName: exchange.functionName,
    state: exchange.state,
    status: exchange.status,
    error: exchange.error,
    causedBy,
    hints: exchange.hints,
    logs: exchange.logs,
    outputs: exchange.outputs,
    hops: exchange.hops.map((hop) => ({
      from: hop.from,
      to: hop.to,
      note: hop.note,
      ...(hop.message && widthFree(hop.message)),
    })),
  };
  let text = JSON.stringify(shape, null, 1);
  for (const port of hostPorts(exchange)) text = text.replace(new RegExp(`\\b${port}\\b`, 'g'), '<port>');
  const ids = new Map<string, string>();
  return text
    .replace(UUID, (id) => {
      const key = id.toLowerCase();
      if (!ids.has(key)) ids.set(key, `<id${ids.size + 1}>`);
      return ids.get(key)!;
    })
    .replace(POP_RECEIPT, '$1<pop-receipt>')
    .replace(HTTP_DATE, '<http-date>')
    .replace(ISO_TIME, '<time>')
    .replace(/Duration=\d+ms/g, 'Duration=<n>ms');
}

/**
 * The host writes .NET times with trailing zeros trimmed (`…:52.28631Z`), so their width varies
 * from run to run, and with it every length that frames them. For a message holding such a time,
 * the framing is first checked to agree with the bytes (each chunk size, Content-Length, size),
 * then the lengths are replaced by `<n>`; a message without one is kept byte for byte.
 */
function widthFree(message: WireMessage): Pick<WireMessage, 'head' | 'body' | 'parsed'> {
  const { head, body, parsed } = message;
  if (body.encoding !== 'utf8' || body.truncated || !TRIMMED_TIME.test(body.data))
    return { head, body, parsed };
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  expect(bytes(body.data), `size of ${parsed.startLine}`).toBe(body.size);
  let data = body.data;
  if (/^Transfer-Encoding: chunked\r$/im.test(head)) {
    const chunks: string[] = [];
    let rest = body.data;
    for (;;) {
      const line = /^([0-9a-f]+)\r\n/i.exec(rest);
      expect(line, `a chunk size line in ${parsed.startLine}`).not.toBeNull();
      const size = parseInt(line![1]!, 16);
      rest = rest.slice(line![0].length);
      if (size === 0) break;
      // Chunk sizes count bytes; the data is text, so step through it by its UTF-8 length.
      let chars = 0;
      while (bytes(rest.slice(0, chars)) < size) chars++;
      expect(bytes(rest.slice(0, chars)), `a chunk of ${parsed.startLine}`).toBe(size);
      chunks.push(rest.slice(0, chars));
      rest = rest.slice(chars + 2);
    }
    data = chunks.map((chunk) => `<n>\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
  } else {
    const length = /^Content-Length: (\d+)\r$/im.exec(head)?.[1];
    if (length !== undefined) expect(Number(length), `Content-Length of ${parsed.startLine}`).toBe(body.size);
  }
  return {
    head: head.replace(/^(Content-Length:) \d+\r$/gim, '$1 <n>\r'),
    body: { ...body, data, size: -1 },
    parsed: {
      ...parsed,
      headers: parsed.headers.map(([k, v]) => [k, k.toLowerCase() === 'content-length' ? '<n>' : v] as const),
    },
  };
}

const TRIMMED_TIME = /\d{2}:\d{2}:\d{2}\.\d{1,7}Z/;

/** Every exchange canonical, sorted: a queue's retries may interleave differently on two runs. */
export function canonicalExchanges(exchanges: readonly Exchange[]): string[] {
  return exchanges.map((x) => canonicalExchange(x, exchanges)).sort();
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// A queue message's pop receipt: random bytes, fixed width.
const POP_RECEIPT = /(PopReceipt[\\"]+:[\\"]+)[A-Za-z0-9+/=]{24}/g;
const HTTP_DATE = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\b/g;
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g;

/** The ports named by the Host headers of an exchange's hops (front door and handler). */
function hostPorts(exchange: Exchange): Set<string> {
  const ports = new Set<string>();
  for (const hop of exchange.hops) {
    for (const match of (hop.message?.head ?? '').matchAll(/^Host: [^\r\n:]+:(\d+)\r?$/gim)) {
      ports.add(match[1]!);
    }
  }
  return ports;
}

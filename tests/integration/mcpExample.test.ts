import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange, Hop } from '../../runtime/core/exchange/exchange';
import { ControlClient } from '../support/controlClient';

// The mcp example driven through the host CLI by the MCP SDK's own client, over real sockets:
// the client cannot tell the host is there, and the countdown's events reach it one by one.

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'mcp');
const DELAY_MS = 150;

describe('examples/mcp through the host, with the MCP SDK client', () => {
  let root: string;
  let host: ControlClient;
  let client: Client;
  let transport: StreamableHTTPClientTransport;
  let endpoint: URL;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fchp-mcp-'));
    cpSync(EXAMPLE, root, { recursive: true });
    cpSync(join(EXAMPLE, '..', 'package.json'), join(root, 'package.json'));
    // The example fixes its handler's port; examples.test.ts runs it as it is, and may run at the
    // same time, so this copy gets a free port instead.
    const hostJson = join(root, 'host.json');
    writeFileSync(hostJson, readFileSync(hostJson, 'utf8').replace('"8731"', `"${await freePort()}"`));
    host = new ControlClient(root);
    await host.waitFor(
      () => host.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'Running',
      30_000,
    );
    const status = host.events.find((e) => e.type === 'host.status' && e.frontDoorUrl);
    const base = status?.type === 'host.status' ? status.frontDoorUrl! : '';
    endpoint = new URL('/mcp', base);
    transport = new StreamableHTTPClientTransport(endpoint);
    client = new Client({ name: 'playground-test', version: '1.0.0' });
    await client.connect(transport);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    host?.stop();
    await host?.exited;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** The finished exchanges of calls to /mcp, oldest first. */
  const mcpExchanges = (): Exchange[] => {
    const latest = new Map<string, Exchange>();
    for (const e of host.events)
      if (e.type === 'exchange' && e.exchange.title.endsWith(' /mcp')) latest.set(e.exchange.id, e.exchange);
    return [...latest.values()].filter((x) => x.state !== 'in-progress');
  };

  test('connects: the session id from initialize, the server as it introduced itself', async () => {
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.getServerVersion()).toEqual({ name: 'playground-mcp', version: '1.0.0' });
    const postsSoFar = () => mcpExchanges().filter((x) => x.title === 'POST /mcp');
    await host.waitFor(() => postsSoFar().length >= 2, 'the first two exchanges');
    const posts = postsSoFar();
    // initialize, then notifications/initialized (202), both proxied with no /api prefix.
    expect(posts.slice(0, 2).map((x) => [x.mode, x.status])).toEqual([
      ['proxy', 200],
      ['proxy', 202],
    ]);
    const toHandler = posts[1]!.hops.find((h) => h.from === 'host' && h.to === 'handler')!.message!;
    const sent = Object.fromEntries(toHandler.parsed.headers.map(([k, v]) => [k.toLowerCase(), v]));
    expect(sent['mcp-session-id']).toBe(transport.sessionId);
    expect(sent['x-forwarded-proto']).toBe('http');
  });

  test('lists the tools and calls the JSON one', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['add', 'countdown']);
    const answer = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    expect(answer.content).toEqual([{ type: 'text', text: '42' }]);
    const isAdd = (x: Exchange) =>
      hopOf(x, 'host', 'caller')?.message?.parsed.bodyText?.includes('"text":"42"');
    await host.waitFor(() => mcpExchanges().some(isAdd), 'the exchange of the call');
    const toCaller = hopOf(mcpExchanges().find(isAdd)!, 'host', 'caller')!;
    expect(toCaller.message!.parsed.headers).toContainEqual(['Content-Type', 'application/json']);
    expect(toCaller.chunks).toHaveLength(1);
  });

  test('the SSE tool streams: each event reaches the client, and the exchange, at its own time', async () => {
    const seen: { at: number; what: string }[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      seen.push({ at: Date.now(), what: String(n.params.data) });
    });
    const progress: number[] = [];
    const answer = await client.callTool(
      { name: 'countdown', arguments: { from: 3, delayMs: DELAY_MS } },
      CallToolResultSchema,
      { onprogress: (p) => progress.push(p.progress) },
    );
    const ended = Date.now();
    expect(answer.content).toEqual([{ type: 'text', text: 'Lift-off after 3!' }]);
    expect(seen.map((s) => s.what)).toEqual(['3…', '2…', '1…']);
    expect(progress).toEqual([1, 2, 3]);
    // The first event reached the client long before the answer did: the stream was not buffered
    // (the server writes the answer 3 delays after it; a generous margin for a busy machine).
    expect(ended - seen[0]!.at).toBeGreaterThanOrEqual(DELAY_MS);

    await host.waitFor(
      () =>
        mcpExchanges().some((x) => hopOf(x, 'host', 'caller')?.message?.head.includes('text/event-stream')),
      'the countdown exchange',
    );
    const exchange = mcpExchanges().find((x) =>
      hopOf(x, 'host', 'caller')?.message?.head.includes('text/event-stream'),
    )!;
    for (const [from, to] of [
      ['handler', 'host'],
      ['host', 'caller'],
    ] as const) {
      const chunks = hopOf(exchange, from, to)!.chunks!;
      // 3 log events, 3 progress events, the result: each written apart, each kept with its time.
      expect(chunks.length, `${from} → ${to}`).toBe(7);
      const body = hopOf(exchange, from, to)!.message!.parsed.bodyText!;
      expect(chunks.reduce((n, c) => n + c.size, 0)).toBe(new TextEncoder().encode(body).length);
      const last = chunks.at(-1)!.atMs;
      // Written 3 delays apart end to end: spread over time, with room for a busy machine.
      expect(last - chunks[0]!.atMs, `${from} → ${to}`).toBeGreaterThanOrEqual(DELAY_MS);
    }
    // Live: while it streamed, the exchange was published with the answer so far.
    const live = host.events.filter(
      (e) => e.type === 'exchange' && e.exchange.id === exchange.id && e.exchange.state === 'in-progress',
    );
    const partials = live.flatMap((e) =>
      e.type === 'exchange' ? e.exchange.hops.filter((h) => h.partial !== undefined) : [],
    );
    expect(partials.some((h) => h.partial!.includes('3…') && !h.partial!.includes('Lift-off'))).toBe(true);
  }, 30_000);

  test('an unknown session is refused with 404, as the transport specifies', async () => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        'Mcp-Session-Id': 'nobody',
      },
      body: '{"jsonrpc":"2.0","id":9,"method":"tools/list"}',
    });
    expect(res.status).toBe(404);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function hopOf(x: Exchange, from: Hop['from'], to: Hop['to']): Hop | undefined {
  return x.hops.find((h) => h.from === from && h.to === to && h.message);
}

import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { BodyPiece } from '../exchanges/bodyPieces';
import type { ComposedRequest } from '../stores/triggersStore';
import type { CallOutcome } from './exchangeCall';
import { McpClient } from './mcpClient';
import type { Send, TranscriptEntry } from './mcpClient';

type Answer = { status: number; headers: [string, string][]; body: string; pieces?: BodyPiece[] };

const piece = (atMs: number, text: string): BodyPiece => ({ atMs, size: text.length, text });
const json = (status: number, body: object, headers: [string, string][] = []): Answer => ({
  status,
  headers: [['Content-Type', 'application/json'], ...headers],
  body: JSON.stringify(body),
});

/** A server scripted by method: each request it gets is kept, with the headers it carried. */
function fakeServer(script: Record<string, (id: unknown) => Answer>) {
  const requests: ComposedRequest[] = [];
  let n = 0;
  const send: Send = async (request, onPieces) => {
    requests.push(request);
    const message = JSON.parse(request.body) as { id?: unknown; method: string };
    const answer = script[message.method]!(message.id);
    // While it streams: the pieces so far, each time one more has come.
    for (let i = 1; i < (answer.pieces?.length ?? 0); i++) onPieces(answer.pieces!.slice(0, i));
    const outcome: CallOutcome = {
      exchange: { id: `x${++n}` } as Exchange,
      status: answer.status,
      headers: answer.headers,
      body: answer.body,
      pieces: answer.pieces ?? [],
    };
    return outcome;
  };
  return { send, requests };
}

const INIT = (id: unknown) =>
  json(
    200,
    {
      jsonrpc: '2.0',
      id,
      result: { protocolVersion: '2025-03-26', serverInfo: { name: 's', version: '1' } },
    },
    [['Mcp-Session-Id', 'abc']],
  );
const ACCEPTED: Answer = { status: 202, headers: [], body: '' };

describe('McpClient', () => {
  test('connect: initialize, then the notification carrying the session id and the agreed version', async () => {
    const log: TranscriptEntry[] = [];
    const { send, requests } = fakeServer({ initialize: INIT, 'notifications/initialized': () => ACCEPTED });
    const client = new McpClient(send, '/mcp', (e) => log.push(e));
    expect(await client.connect()).toEqual({ protocolVersion: '2025-03-26', name: 's', version: '1' });
    expect(client.sessionId).toBe('abc');
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/mcp'],
      ['POST', '/mcp'],
    ]);
    expect(requests[0]!.headers.map(([k]) => k)).not.toContain('Mcp-Session-Id');
    expect(requests[1]!.headers).toContainEqual(['Mcp-Session-Id', 'abc']);
    expect(requests[1]!.headers).toContainEqual(['MCP-Protocol-Version', '2025-03-26']);
    expect(log.map((e) => `${e.direction} ${e.label}`)).toEqual([
      'sent initialize',
      'received 200 application/json',
      'sent notifications/initialized',
      'received 202 Accepted',
    ]);
  });

  test('an SSE answer: events reported as they come, each once, and the reply found by its id', async () => {
    const log: TranscriptEntry[] = [];
    const events = (id: unknown) => [
      piece(1, 'data: {"jsonrpc":"2.0","method":"notifications/message","params":{"data":"3"}}\n\n'),
      piece(400, `data: {"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"content":[]}}\n\n`),
    ];
    const { send } = fakeServer({
      initialize: INIT,
      'notifications/initialized': () => ACCEPTED,
      'tools/call': (id) => ({
        status: 200,
        headers: [['Content-Type', 'text/event-stream']],
        body: events(id)
          .map((p) => p.text)
          .join(''),
        pieces: events(id),
      }),
    });
    const client = new McpClient(send, '/mcp', (e) => log.push(e));
    await client.connect();
    expect(await client.callTool('countdown', { from: 1 })).toEqual({ content: [] });
    const sse = log.filter((e) => e.label.startsWith('SSE event'));
    expect(sse.map((e) => [e.label, e.atMs])).toEqual([
      ['SSE event: notifications/message', 1],
      ['SSE event: result', 400],
    ]);
  });

  test('answers that are not MCP are problems, named plainly', async () => {
    const log: TranscriptEntry[] = [];
    const { send } = fakeServer({
      initialize: () => ({ status: 404, headers: [], body: '' }),
    });
    const client = new McpClient(send, '/api/mcp', (e) => log.push(e));
    await expect(client.connect()).rejects.toThrow('404 without a Content-Type: an empty body');
    expect(log.at(-1)).toMatchObject({ direction: 'problem' });

    const rpcError = fakeServer({
      initialize: (id) => json(200, { jsonrpc: '2.0', id, error: { code: -32600, message: 'Bad' } }),
    });
    await expect(new McpClient(rpcError.send, '/mcp', () => {}).connect()).rejects.toThrow(
      'Bad (code -32600)',
    );

    const noInfo = fakeServer({ initialize: (id) => json(200, { jsonrpc: '2.0', id, result: {} }) });
    await expect(new McpClient(noInfo.send, '/mcp', () => {}).connect()).rejects.toThrow(
      'the initialize result has no "protocolVersion" string',
    );
  });
});

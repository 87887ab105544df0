import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ControlClient } from '../support/controlClient';
import { alive } from '../support/processes';

const ORDER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'order');

describe.each([
  ['pipes', false],
  ['a pseudo-terminal', true],
])('the control channel over %s', (_name, pty) => {
  let root: string;
  let client: ControlClient;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'fchp-control-'));
    cpSync(ORDER, root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    client = new ControlClient(root, { pty });
    await client.waitFor(
      () => client.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'Running',
    );
  });
  afterAll(() => {
    client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('events arrive intact next to the human-readable output', () => {
    expect(client.events[0]).toEqual({ type: 'hello', protocol: 1, hostVersion: '4.1037.0.23568' });
    expect(client.events.find((e) => e.type === 'functions')).toMatchObject({
      functions: [
        { name: 'order', trigger: 'httpTrigger', methods: ['POST'], mode: 'payload' },
        { name: 'processOrder', trigger: 'queueTrigger' },
      ],
    });
    expect(client.text).toContain('Functions:');
    expect(client.text).toContain('Worker process started and initialized.');
    expect(client.decodeErrors).toEqual([]);
  });

  test('http.request goes through the front door and reports its exchange', async () => {
    const result = await client.request({
      type: 'http.request',
      id: 'r1',
      request: {
        method: 'POST',
        path: '/api/order',
        headers: [['Content-Type', 'application/json']],
        body: '{"id":1005,"quantity":2,"color":"black","note":"é ✓"}',
      },
    });
    expect(result.ok).toBe(true);
    const { status, exchangeId } = (result as { result: { status: number; exchangeId: string } }).result;
    expect(status).toBe(200);
    await client.waitFor(
      () =>
        client.events.some(
          (e) => e.type === 'exchange' && e.exchange.id === exchangeId && e.exchange.state === 'succeeded',
        ),
      'the exchange',
    );
    const exchange = client.events.filter((e) => e.type === 'exchange' && e.exchange.id === exchangeId).pop();
    expect(exchange?.type === 'exchange' && exchange.exchange.hops.map((h) => `${h.from}>${h.to}`)).toEqual([
      'caller>host',
      'host>handler',
      'handler>host',
      'host>queue',
      'host>caller',
    ]);
    if (exchange?.type === 'exchange') {
      expect(exchange.exchange.hops[0]!.message!.body.data).toContain('"note":"é ✓"');
      expect(exchange.exchange.hops[4]!.message!.parsed.bodyText).toBe('Order enqueued');
    }
    // Raw mode: the command frames the host read are not echoed back.
    expect(client.text).not.toContain('http.request');
  });

  test('a bad command gets a clear error and the channel keeps working', async () => {
    client.send({ type: 'explode', id: 'bad1' });
    await client.waitFor(() => client.result('bad1') !== undefined, 'error result');
    expect(client.result('bad1')).toMatchObject({
      ok: false,
      error: 'Invalid command: unknown command type "explode"',
    });
    const again = await client.request({ type: 'state.get', id: 's1' });
    expect(again.ok).toBe(true);
  });

  test('app.reload picks up a broken function.json with line and column, then the fix', async () => {
    const file = join(root, 'order', 'function.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '{\n  "bindings": [\n    { "type": "httpTrigger" ,, }\n  ]\n}\n');
    const before = client.events.length;
    expect((await client.request({ type: 'app.reload', id: 'reload1' })).ok).toBe(true);
    const broken = client.events.slice(before).find((e) => e.type === 'functions');
    expect(broken?.type === 'functions' && broken.functions.map((f) => f.name)).toEqual(['processOrder']);
    expect(broken?.type === 'functions' && broken.diagnostics[0]).toMatchObject({
      file: 'order/function.json',
      line: 3,
      column: 30,
    });
    writeFileSync(file, good);
    await client.request({ type: 'app.reload', id: 'reload2' });
    await client.waitFor(
      () =>
        client.events.slice(before).filter((e) => e.type === 'host.status' && e.state === 'Running').length >
        0,
      'Running again',
    );
    const result = await client.request({
      type: 'http.request',
      id: 'r2',
      request: { method: 'POST', path: '/api/order', body: '{}' },
    });
    expect((result as { result: { status: number } }).result.status).toBe(200);
  });
});

describe('the host ends with its controller', () => {
  async function startOrder(): Promise<{ root: string; client: ControlClient; handlerPid: number }> {
    const root = mkdtempSync(join(tmpdir(), 'fchp-control-'));
    cpSync(ORDER, root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    const client = new ControlClient(root);
    await client.waitFor(
      () => client.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'Running',
    );
    const status = client.events.filter((e) => e.type === 'host.status').pop();
    const handlerPid = status?.type === 'host.status' ? status.handler.pid : undefined;
    expect(handlerPid).toBeGreaterThan(0);
    return { root, client, handlerPid: handlerPid! };
  }

  test('host.stop stops the handler, answers, and the host exits 0', async () => {
    const { root, client, handlerPid } = await startOrder();
    try {
      const result = await client.request({ type: 'host.stop', id: 's1' });
      expect(result.ok).toBe(true);
      expect(await client.exited).toBe(0);
      expect(alive(handlerPid)).toBe(false);
    } finally {
      client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('closing its input stops the handler and the host exits 0', async () => {
    const { root, client, handlerPid } = await startOrder();
    try {
      client.closeInput();
      expect(await client.exited).toBe(0);
      expect(alive(handlerPid)).toBe(false);
    } finally {
      client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

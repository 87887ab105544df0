import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../core/control/framing';
import type { Exchange } from '../core/exchange/exchange';
import { startControlledHost } from '../host/controlledHost';
import { runHandler } from './handler/handlerWorker';
import { serveHostWorker } from './hostWorkerRuntime';
import type { HostOutput, SupervisorRequest } from './protocol';

// The in-page engine's whole stack in one Node thread: the host worker's code with the real host
// on the in-page platform, and the handler layer running the gallery's `order` handler, joined by
// the same message ports and messages as in the browser. Only the iframe is stood in for.

const orderApp = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('/examples/order/**', { query: '?raw', import: 'default', eager: true }),
  ).map(([path, text]) => [path.replace('/examples/order/', ''), text]),
);

type Event = { type: string; [key: string]: unknown };

/** Starts a host worker as the iframe would, with handler workers run in this thread. */
function startStack(files: Record<string, string>) {
  const scope: { onmessage: ((event: MessageEvent) => void) | null } = { onmessage: null };
  serveHostWorker(scope, startControlledHost);
  const page = new MessageChannel();
  const supervisor = new MessageChannel();
  const handlers = new Set<number>();
  supervisor.port2.onmessage = (event: MessageEvent<SupervisorRequest>) => {
    const request = event.data;
    if (request.t === 'spawn') {
      handlers.add(request.pid);
      runHandler(request.port, { scope: new EventTarget(), onExit: () => handlers.delete(request.pid) });
    } else {
      handlers.delete(request.pid);
    }
  };
  scope.onmessage!({ data: { t: 'init', page: page.port2, supervisor: supervisor.port1 } } as MessageEvent);

  const decoder = new FrameDecoder();
  const events: Event[] = [];
  let text = '';
  const waiters = new Set<() => void>();
  page.port1.onmessage = (event: MessageEvent<HostOutput>) => {
    if (event.data.t !== 'output') return;
    const decoded = decoder.push(event.data.text);
    text += decoded.text;
    events.push(...(decoded.messages as Event[]));
    for (const wake of waiters) wake();
  };
  const until = <T>(find: () => T | undefined, what: string, ms = 10_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${text}`)), ms);
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      waiters.add(check);
      check();
    });

  page.port1.postMessage({ t: 'files', files });
  page.port1.postMessage({ t: 'run', env: {} });
  const stack = {
    events,
    text: () => text,
    handlers,
    until,
    command: (command: Record<string, unknown>) =>
      page.port1.postMessage({ t: 'input', text: encodeFrame(command) }),
    close: () => {
      page.port1.close();
      supervisor.port2.close();
    },
  };
  stacks.push(stack);
  return stack;
}

const stacks: { close(): void }[] = [];
afterEach(() => {
  for (const stack of stacks.splice(0)) stack.close();
});

const running = (events: Event[]) =>
  events.find(
    (e) =>
      e.type === 'host.status' &&
      e.state === 'Running' &&
      (e.handler as { state?: string })?.state === 'ready',
  );

describe('the in-page stack in one thread', () => {
  it("runs the order example: the front door, the handler's answer and the queue output", async () => {
    const stack = startStack(orderApp);
    await stack.until(() => running(stack.events), 'the host to run with its handler ready');
    stack.command({
      type: 'http.request',
      id: 'c1',
      request: {
        method: 'POST',
        path: '/api/order',
        headers: [['Content-Type', 'application/json']],
        body: '{"id":1005,"quantity":2,"color":"black"}',
      },
    });
    const result = await stack.until(
      () => stack.events.find((e) => e.type === 'command.result' && e.id === 'c1'),
      'the request result',
    );
    expect(result).toMatchObject({ ok: true, result: { status: 200 } });
    const exchange = await stack.until(
      () =>
        stack.events
          .filter((e) => e.type === 'exchange')
          .map((e) => e.exchange as Exchange)
          .find((x) => x.functionName === 'order' && x.state === 'succeeded'),
      'the order exchange',
    );
    const heads = exchange.hops.map((h) => `${h.from}>${h.to} ${h.message?.head.split('\r\n')[0] ?? h.note}`);
    expect(heads).toContain('caller>host POST /api/order HTTP/1.1');
    expect(heads).toContain('host>handler POST /order HTTP/1.1');
    expect(heads.some((h) => h.startsWith('handler>host HTTP/1.1 200'))).toBe(true);
    const toCaller = exchange.hops.find((h) => h.from === 'host' && h.to === 'caller');
    expect(toCaller?.message?.parsed.bodyText).toBe('Order enqueued');
    // The handler's queue output reaches processOrder, which the host invokes next.
    await stack.until(
      () =>
        stack.events.find(
          (e) =>
            e.type === 'exchange' &&
            (e.exchange as Exchange).functionName === 'processOrder' &&
            (e.exchange as Exchange).state === 'succeeded',
        ),
      'the queue-triggered exchange',
    );
    // The console lines the CLI prints come along with the frames.
    expect(stack.text()).toContain('http://localhost:7071/api/order');
  });

  it('gives the handler the pid the host reports for it', async () => {
    const stack = startStack({
      ...orderApp,
      'handler.js': orderApp['handler.js']!.replace(
        'console.log(`Node handler listening on: ${port}`)',
        'console.log(`pid ${process.pid} listening on: ${port}`)',
      ),
    });
    const status = await stack.until(() => running(stack.events), 'the host to run with its handler ready');
    const pid = (status.handler as { pid?: number }).pid;
    expect(pid).toBeGreaterThan(0);
    expect(stack.text()).toContain(`pid ${pid} listening on:`);
  });

  it('a handler that runs python is refused with the reason, and the host stays up to say so', async () => {
    const stack = startStack({
      ...orderApp,
      'host.json': JSON.stringify({
        version: '2.0',
        customHandler: { description: { defaultExecutablePath: 'python3', arguments: ['app.py'] } },
      }),
    });
    await stack.until(() => (/WebContainer/.test(stack.text()) ? true : undefined), 'the refusal');
    expect(stack.text()).toMatch(/in-page engine runs JavaScript handlers with node only/);
    expect(stack.handlers.size).toBe(0);
  });
});

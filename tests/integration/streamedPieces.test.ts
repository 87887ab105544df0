import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exchange, Hop } from '../../runtime/core/exchange/exchange';
import { HTTP_IN, HTTP_OUT, TestApp } from '../support/testApp';

// The same slow handler (its answer written in three pieces, PAUSE_MS apart) in payload and in
// proxy mode: each hop keeps the pieces its body arrived in, with their times. Proxying passes
// the pieces on as they come; payload mode must read the whole answer before it can write the
// caller's, so the caller's answer is one piece.

const PAUSE_MS = 150;

const HANDLER = `
const http = require('node:http');
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const parts = req.url.startsWith('/api/') ? ['one ', 'two ', 'three'] : ['{"Outputs":', '{"res":{"body":"slow"}}', '}'];
    let i = 0;
    const next = () => {
      if (i === parts.length) return res.end();
      res.write(parts[i++]);
      setTimeout(next, ${PAUSE_MS});
    };
    next();
  });
}).listen(Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT), '127.0.0.1');
`;

const hop = (x: Exchange, from: Hop['from'], to: Hop['to']) =>
  x.hops.find((h) => h.from === from && h.to === to && h.message)!;

const spread = (h: Hop) => h.chunks!.at(-1)!.atMs - h.chunks![0]!.atMs;

describe.each([
  ['payload', {}],
  ['proxy', { enableProxyingHttpRequest: true }],
])('%s mode', (mode, customHandler) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({
      customHandler: {
        description: { defaultExecutablePath: 'node', defaultWorkerPath: 'slow.cjs' },
        ...customHandler,
      },
      functions: { slow: { bindings: [{ ...HTTP_IN, authLevel: 'anonymous' }, HTTP_OUT] } },
      files: { 'slow.cjs': HANDLER },
    });
  }, 30_000);
  afterAll(() => app?.stop());

  test('each hop keeps the pieces of its body with the time each arrived', async () => {
    const res = await app.request('GET', '/api/slow');
    expect(res.body).toBe(mode === 'proxy' ? 'one two three' : 'slow');
    await app.waitFor(() => app.exchanges().some((x) => x.state !== 'in-progress'), 10_000, 'the exchange');
    const x = app.exchanges().find((e) => e.state !== 'in-progress')!;
    expect(x.mode).toBe(mode);
    // The handler's answer arrived in three pieces, spread over the pauses (one at least, for a busy machine).
    const fromHandler = hop(x, 'handler', 'host');
    expect(fromHandler.chunks).toHaveLength(3);
    expect(spread(fromHandler)).toBeGreaterThanOrEqual(PAUSE_MS);
    const toCaller = hop(x, 'host', 'caller');
    if (mode === 'proxy') {
      // Passed on as they came: three pieces, each written when it arrived.
      expect(toCaller.chunks).toHaveLength(3);
      expect(spread(toCaller)).toBeGreaterThanOrEqual(PAUSE_MS);
    } else {
      // Read whole, then answered: one piece, after the handler's last.
      expect(toCaller.chunks).toHaveLength(1);
      expect(toCaller.chunks![0]!.atMs).toBeGreaterThanOrEqual(fromHandler.chunks!.at(-1)!.atMs);
    }
    const body = (h: Hop) => new TextEncoder().encode(h.message!.parsed.bodyText ?? '').length;
    expect(toCaller.chunks!.reduce((n, c) => n + c.size, 0)).toBe(body(toCaller));
    expect(fromHandler.chunks!.reduce((n, c) => n + c.size, 0)).toBe(body(fromHandler));
  }, 30_000);
});

import { describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder } from './framing';
import { validateCommand } from './protocol';

const messages = [
  { type: 'log', message: 'héllo\nwörld ✓ \u2028 "quoted"' },
  { type: 'exchange', exchange: { id: 'x1', body: 'a'.repeat(10_000) } },
  { type: 'host.status', state: 'Running' },
];

describe('framing survives what a pseudo-terminal does to output', () => {
  test('frames are printable ASCII with no line breaks', () => {
    for (const m of messages) {
      const frame = encodeFrame(m);
      expect(frame.slice(1, -2)).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  test('interleaved with other output, \\n turned into \\r\\n, cut into random chunks', () => {
    const noise = ['\u001b[32mhandler log\u001b[0m\n', 'stderr line\n', ''];
    let stream = '';
    messages.forEach((m, i) => (stream += noise[i % noise.length] + encodeFrame(m)));
    stream += 'tail\n';
    const pty = stream.replace(/\n/g, '\r\n');
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const decoder = new FrameDecoder();
    const got: unknown[] = [];
    let text = '';
    for (let i = 0; i < pty.length;) {
      const n = 1 + Math.floor(random() * 50);
      const out = decoder.push(pty.slice(i, i + n));
      got.push(...out.messages);
      text += out.text;
      expect(out.errors).toEqual([]);
      i += n;
    }
    expect(got).toEqual(messages);
    expect(text).toBe('\u001b[32mhandler log\u001b[0m\r\nstderr line\r\ntail\r\n');
  });

  test('a damaged frame is reported and the stream goes on', () => {
    const good = encodeFrame({ type: 'ok' });
    const damaged = good.replace('"ok"', '"o"');
    const out = new FrameDecoder().push(damaged + good);
    expect(out.messages).toEqual([{ type: 'ok' }]);
    expect(out.errors[0]).toContain('damaged in transit');
  });
});

describe('commands are validated on arrival', () => {
  test.each([
    [null, 'a command must be an object'],
    [{ type: 'nope', id: '1' }, 'unknown command type "nope"'],
    [{ type: 'app.reload' }, 'app.reload: "id" must be a non-empty string'],
    [{ type: 'http.request', id: '1', request: { method: 'GET', path: 'no-slash' } }, 'request.path'],
    [{ type: 'http.request', id: '1', request: { method: 'G ET', path: '/' } }, 'request.method'],
    [
      {
        type: 'http.request',
        id: '1',
        request: { method: 'GET', path: '/', headers: [['X', 'a\r\nInjected: 1']] },
      },
      'request.headers',
    ],
    [{ type: 'http.request', id: '1', request: { method: 'GET', path: '/', body: 5 } }, 'request.body'],
  ])('%j is rejected: %s', (value, error) => {
    const r = validateCommand(value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });

  test('a good request passes', () => {
    expect(
      validateCommand({
        type: 'http.request',
        id: 'a',
        request: { method: 'POST', path: '/api/x', headers: [['A', 'b']], body: '{}' },
      }).ok,
    ).toBe(true);
  });
});

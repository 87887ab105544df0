import { afterEach, describe, expect, test, vi } from 'vitest';
import type { MessageApiHost } from './messageApi';
import { allowedParentOrigin, startMessageApi, validateInbound } from './messageApi';

const env = { source: 'fchp', version: 1 };
const REQUEST = {
  method: 'POST',
  path: '/api/order',
  headers: [['Content-Type', 'application/json']],
  body: '{}',
};

describe('validating messages from the parent', () => {
  test.each([
    [{ ...env, type: 'run' }, { type: 'run' }],
    [
      { ...env, type: 'run', id: 'r1' },
      { type: 'run', id: 'r1' },
    ],
    [
      { ...env, type: 'getState', id: 'g' },
      { type: 'getState', id: 'g' },
    ],
    [
      { ...env, type: 'send', id: 's', request: REQUEST },
      { type: 'send', id: 's', request: REQUEST },
    ],
    [
      { ...env, type: 'send', id: 's', request: { method: 'get', path: '/api/x?y=1' } },
      { type: 'send', id: 's', request: { method: 'GET', path: '/api/x?y=1', headers: [], body: '' } },
    ],
    [
      { ...env, type: 'setFile', id: 'f', path: 'order/function.json', text: '{}' },
      { type: 'setFile', id: 'f', path: 'order/function.json', text: '{}' },
    ],
    [
      { ...env, type: 'setFile', id: 'f', path: 'toString', text: 'x' },
      { type: 'setFile', id: 'f', path: 'toString', text: 'x' },
    ],
  ])('accepts %j', (data, message) => {
    expect(validateInbound(data)).toEqual({ ok: true, message });
  });

  test('extra fields are dropped', () => {
    expect(validateInbound({ ...env, type: 'getState', id: 'g', html: '<b>' })).toEqual({
      ok: true,
      message: { type: 'getState', id: 'g' },
    });
  });

  test.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [env]],
    ['another source', { source: 'other', version: 1, type: 'run', id: 'x' }],
    ['no source', { version: 1, type: 'run', id: 'x' }],
  ])('ignores %s without an id to answer', (_name, data) => {
    const checked = validateInbound(data);
    expect(checked.ok).toBe(false);
    expect(checked).not.toHaveProperty('id');
  });

  test.each([
    ['a wrong version', { source: 'fchp', version: 2, type: 'run', id: 'x' }, /version/],
    ['no version', { source: 'fchp', type: 'getState', id: 'x' }, /version/],
    ['an unknown type', { ...env, type: 'eval', id: 'x' }, /unknown message type "eval"/],
    ['send without request', { ...env, type: 'send', id: 'x' }, /"request" must be an object/],
    ['a bad method', { ...env, type: 'send', id: 'x', request: { ...REQUEST, method: 'GE T' } }, /method/],
    [
      'a long method',
      { ...env, type: 'send', id: 'x', request: { ...REQUEST, method: 'A'.repeat(21) } },
      /method/,
    ],
    ['a relative path', { ...env, type: 'send', id: 'x', request: { ...REQUEST, path: 'api/x' } }, /path/],
    ['a full URL', { ...env, type: 'send', id: 'x', request: { ...REQUEST, path: 'http://evil/' } }, /path/],
    ['a path with spaces', { ...env, type: 'send', id: 'x', request: { ...REQUEST, path: '/a b' } }, /path/],
    [
      'headers not pairs',
      { ...env, type: 'send', id: 'x', request: { ...REQUEST, headers: [['a']] } },
      /headers/,
    ],
    [
      'a header value with CRLF',
      { ...env, type: 'send', id: 'x', request: { ...REQUEST, headers: [['X-A', 'b\r\nX-Evil: 1']] } },
      /headers/,
    ],
    [
      'a bad header name',
      { ...env, type: 'send', id: 'x', request: { ...REQUEST, headers: [['X A', 'b']] } },
      /headers/,
    ],
    [
      'too many headers',
      { ...env, type: 'send', id: 'x', request: { ...REQUEST, headers: Array(65).fill(['a', 'b']) } },
      /headers/,
    ],
    [
      'a body that is not text',
      { ...env, type: 'send', id: 'x', request: { ...REQUEST, body: { a: 1 } } },
      /body/,
    ],
    ['a path with ..', { ...env, type: 'setFile', id: 'x', path: '../x.js', text: '' }, /bad "path"/],
    ['an absolute path', { ...env, type: 'setFile', id: 'x', path: '/etc/passwd', text: '' }, /bad "path"/],
    [
      'a path with odd characters',
      { ...env, type: 'setFile', id: 'x', path: 'a<b>.js', text: '' },
      /bad "path"/,
    ],
    ['a path that is not text', { ...env, type: 'setFile', id: 'x', path: 1, text: '' }, /"path"/],
    ['no text', { ...env, type: 'setFile', id: 'x', path: 'a.js' }, /"text"/],
    [
      'a 5,004-character path, saying the limit',
      { ...env, type: 'setFile', id: 'x', path: `${'a'.repeat(5001)}.js`, text: '' },
      /bad "path": A path may be at most 260 characters \(this one has 5004\)/,
    ],
    [
      'text an editor never writes (NUL)',
      { ...env, type: 'setFile', id: 'x', path: 'a.js', text: 'a\u0000b' },
      /"text" must be text: no NUL or other control characters/,
    ],
    [
      'too much text',
      { ...env, type: 'setFile', id: 'x', path: 'a.js', text: 'a'.repeat(1024 * 1024 + 1) },
      /"text"/,
    ],
  ])('refuses %s and answers its id', (_name, data, error) => {
    const checked = validateInbound(data);
    expect(checked).toMatchObject({ ok: false, id: 'x' });
    expect(checked.ok ? '' : checked.error).toMatch(error);
  });

  test.each([
    ['send', { ...env, type: 'send', request: REQUEST }],
    ['setFile', { ...env, type: 'setFile', path: 'a.js', text: '' }],
    ['getState', { ...env, type: 'getState' }],
  ])('%s without an id is refused, with nobody to answer', (_type, data) => {
    expect(validateInbound(data)).toEqual({ ok: false, error: expect.stringMatching(/"id" is required/) });
  });

  test.each([1, '', 'x'.repeat(201), { a: 1 }])('an unusable id %j is refused without an answer', (id) => {
    const checked = validateInbound({ ...env, type: 'run', id });
    expect(checked.ok).toBe(false);
    expect(checked).not.toHaveProperty('id');
  });
});

describe('the allowed origin', () => {
  test.each([
    [{ parentOrigin: 'https://docs.example.com' }, 'https://other.example/page', 'https://docs.example.com'],
    [{}, 'https://docs.example.com/guide/page.html?x#y', 'https://docs.example.com'],
    [{}, '', undefined],
    [{}, 'not a url', undefined],
    [{}, 'file:///home/me/page.html', undefined],
    [{ parentOrigin: 'https://docs.example.com/path' }, 'https://docs.example.com/', undefined],
  ])('%j with referrer %j → %s', (options, referrer, origin) => {
    expect(allowedParentOrigin(options, referrer)).toBe(origin);
  });
});

/** A minimal window: a parent to post to, and message listeners the test can call. */
function fakeWindows(framed = true) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const parent = { postMessage: vi.fn() };
  const fake: Record<string, unknown> = {
    addEventListener: (type: string, l: (event: MessageEvent) => void) => {
      if (type === 'message') listeners.add(l);
    },
    removeEventListener: (type: string, l: (event: MessageEvent) => void) => {
      if (type === 'message') listeners.delete(l);
    },
  };
  fake.parent = framed ? parent : fake;
  const win = fake as unknown as Window;
  const dispatch = (data: unknown, origin = ORIGIN, source: unknown = parent) => {
    for (const l of listeners) l({ data, origin, source } as MessageEvent);
  };
  return { win, parent, dispatch, listeners };
}

const ORIGIN = 'https://docs.example.com';

function fakeHost(overrides: Partial<MessageApiHost> = {}) {
  let listener: Parameters<MessageApiHost['subscribe']>[0] | undefined;
  const host: MessageApiHost = {
    engineKind: 'webcontainer',
    run: vi.fn(() => Promise.resolve()),
    send: vi.fn(() => Promise.resolve({ status: 200, exchangeId: 'x1' })),
    setFile: vi.fn(() => Promise.resolve()),
    getState: vi.fn(() => ({ engine: { phase: 'running' }, files: ['handler.js'] })),
    subscribe: vi.fn((l) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    }),
    ...overrides,
  };
  return {
    host,
    emit: (event: Parameters<Parameters<MessageApiHost['subscribe']>[0]>[0]) => listener?.(event),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the message API', () => {
  afterEach(() => vi.restoreAllMocks());

  test('says ready to the exact origin, never *', () => {
    const { win, parent } = fakeWindows();
    startMessageApi(win, ORIGIN, fakeHost().host);
    expect(parent.postMessage).toHaveBeenCalledWith(
      { ...env, type: 'ready', engine: 'webcontainer' },
      ORIGIN,
    );
  });

  test('runs, sends, sets a file and answers each by id', async () => {
    const { win, parent, dispatch } = fakeWindows();
    const { host } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'run', id: 'r' });
    dispatch({ ...env, type: 'send', id: 's', request: REQUEST });
    dispatch({ ...env, type: 'setFile', id: 'f', path: 'handler.js', text: 'x' });
    dispatch({ ...env, type: 'getState', id: 'g' });
    await settle();
    expect(host.run).toHaveBeenCalledOnce();
    expect(host.send).toHaveBeenCalledWith(REQUEST);
    expect(host.setFile).toHaveBeenCalledWith('handler.js', 'x');
    // Answers come as each action ends, so their order is not the order of asking.
    const results = parent.postMessage.mock.calls.slice(1);
    expect(results).toHaveLength(4);
    expect(results).toEqual(
      expect.arrayContaining([
        [{ ...env, type: 'result', id: 'r', ok: true }, ORIGIN],
        [{ ...env, type: 'result', id: 's', ok: true, result: { status: 200, exchangeId: 'x1' } }, ORIGIN],
        [{ ...env, type: 'result', id: 'f', ok: true }, ORIGIN],
        [
          {
            ...env,
            type: 'result',
            id: 'g',
            ok: true,
            result: { engine: { phase: 'running' }, files: ['handler.js'] },
          },
          ORIGIN,
        ],
      ]),
    );
  });

  test('a run without an id runs and answers nothing', async () => {
    const { win, parent, dispatch } = fakeWindows();
    const { host } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'run' });
    await settle();
    expect(host.run).toHaveBeenCalledOnce();
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
  });

  test('a failing action answers with its error', async () => {
    const { win, parent, dispatch } = fakeWindows();
    const { host } = fakeHost({ send: () => Promise.reject(new Error('The host is not running yet.')) });
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'send', id: 's', request: REQUEST });
    await settle();
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      { ...env, type: 'result', id: 's', ok: false, error: 'The host is not running yet.' },
      ORIGIN,
    );
  });

  test('an invalid message with an id gets an error; without one, silence', async () => {
    const { win, parent, dispatch } = fakeWindows();
    const { host } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'setFile', id: 'bad', path: '../x', text: '' });
    dispatch({ ...env, type: 'setFile', path: '../x', text: '' });
    dispatch({ hello: 'world' });
    await settle();
    expect(host.setFile).not.toHaveBeenCalled();
    expect(parent.postMessage).toHaveBeenCalledTimes(2);
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'result', id: 'bad', ok: false }),
      ORIGIN,
    );
  });

  test('a message from another origin is ignored', async () => {
    const { win, parent, dispatch } = fakeWindows();
    const { host } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'run', id: 'r' }, 'https://evil.example');
    dispatch({ ...env, type: 'run', id: 'r' }, 'https://docs.example.com.evil.example');
    dispatch({ ...env, type: 'run', id: 'r' }, 'null');
    await settle();
    expect(host.run).not.toHaveBeenCalled();
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
  });

  test('a message from a window other than the parent is ignored, even from the right origin', async () => {
    const { win, parent, dispatch } = fakeWindows();
    const { host } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'run', id: 'r' }, ORIGIN, { postMessage: vi.fn() });
    dispatch({ ...env, type: 'run', id: 'r' }, ORIGIN, win);
    dispatch({ ...env, type: 'run', id: 'r' }, ORIGIN, null);
    await settle();
    expect(host.run).not.toHaveBeenCalled();
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
  });

  test('forwards status and exchange events to the exact origin', () => {
    const { win, parent } = fakeWindows();
    const { host, emit } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    emit({ type: 'status', engine: { phase: 'running' }, host: { state: 'Running' } });
    emit({ type: 'exchange', exchange: { id: 'x1', title: 'POST /api/order', status: 200 } });
    expect(parent.postMessage.mock.calls.slice(1)).toEqual([
      [{ ...env, type: 'status', engine: { phase: 'running' }, host: { state: 'Running' } }, ORIGIN],
      [{ ...env, type: 'exchange', exchange: { id: 'x1', title: 'POST /api/order', status: 200 } }, ORIGIN],
    ]);
  });

  test('a value structured clone refuses is sent in its JSON form', async () => {
    const { win, parent, dispatch } = fakeWindows();
    parent.postMessage.mockImplementation((data: unknown) => {
      if (JSON.stringify(data).includes('"result"') && hasFunction(data)) throw new Error('DataCloneError');
    });
    const { host } = fakeHost({ getState: () => ({ n: 1, act: () => 1 }) });
    startMessageApi(win, ORIGIN, host);
    dispatch({ ...env, type: 'getState', id: 'g' });
    await settle();
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      { ...env, type: 'result', id: 'g', ok: true, result: { n: 1 } },
      ORIGIN,
    );
  });

  test('the disposer stops listening and forwarding', async () => {
    const { win, parent, dispatch, listeners } = fakeWindows();
    const { host, emit } = fakeHost();
    const stop = startMessageApi(win, ORIGIN, host);
    stop();
    expect(listeners.size).toBe(0);
    dispatch({ ...env, type: 'run', id: 'r' });
    emit({ type: 'status', engine: {}, host: {} });
    await settle();
    expect(host.run).not.toHaveBeenCalled();
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
  });

  test('with no allowed origin it is inert and says so', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const { win, parent, listeners } = fakeWindows();
    const { host } = fakeHost();
    startMessageApi(win, undefined, host);
    expect(listeners.size).toBe(0);
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(host.subscribe).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledOnce();
    expect(info.mock.calls[0]![0]).toMatch(/origin/);
  });

  test('outside a frame it is inert', () => {
    const { win, listeners } = fakeWindows(false);
    const { host } = fakeHost();
    startMessageApi(win, ORIGIN, host);
    expect(listeners.size).toBe(0);
    expect(host.subscribe).not.toHaveBeenCalled();
  });
});

function hasFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasFunction);
}

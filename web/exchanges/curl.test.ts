import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import type { Exchange, ParsedMessage } from '../../runtime/core/exchange/exchange';
import { curlCommand, curlForExchange, requestTarget, shellQuote } from './curl';

/** Runs a command line in a POSIX sh with `curl` replaced by a function that prints its arguments. */
function argsSeenByCurl(commandLine: string): { args: string[] } {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; printf 'STDIN\\0'; }\n${commandLine}\n`;
  const out = execFileSync('sh', ['-c', script], { encoding: 'utf8', input: '' });
  const parts = out.split('\0');
  const marker = parts.indexOf('STDIN');
  return { args: parts.slice(0, marker) };
}

function echoed(word: string): string {
  return execFileSync('sh', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' });
}

describe('shellQuote', () => {
  test('leaves plain words bare', () => {
    expect(shellQuote('http://localhost:7071/api/order')).toBe('http://localhost:7071/api/order');
    expect(shellQuote('-X')).toBe('-X');
  });

  test('quotes everything a shell would read specially', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$HOME `x` \\n *')).toBe("'$HOME `x` \\n *'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  test('round-trips through a real shell: quotes, newlines, unicode', () => {
    for (const word of [
      "it's a 'quoted' \"string\"",
      'line one\nline two\r\n\ttabbed',
      'héllo wörld ✓ 日本語 🚀',
      '$(rm -rf /) `boom` ${x} !! \\',
      "''''",
      '',
      '{"id":1005,"note":"it\'s \\"fine\\""}',
    ]) {
      expect(echoed(word)).toBe(word);
    }
  });
});

describe('requestTarget', () => {
  test('reads method and path from a request line', () => {
    expect(requestTarget('POST /api/order?x=1 HTTP/1.1')).toEqual({ method: 'POST', path: '/api/order?x=1' });
    expect(requestTarget('get /api/x HTTP/1.0')).toEqual({ method: 'GET', path: '/api/x' });
    expect(requestTarget('GET http://example.com:81/api/x?y=2 HTTP/1.1')).toEqual({
      method: 'GET',
      path: '/api/x?y=2',
    });
    expect(requestTarget('HTTP/1.1 200 OK')).toBeUndefined();
    expect(requestTarget('')).toBeUndefined();
  });
});

const request = (extra: Partial<ParsedMessage> = {}): ParsedMessage => ({
  startLine: 'POST /api/order HTTP/1.1',
  headers: [
    ['Host', 'localhost:7199'],
    ['User-Agent', 'curl/7.88.1'],
    ['Content-Type', 'application/json'],
    ['Content-Length', '35'],
    ['X-Note', "it's here"],
  ],
  bodyText: '{"id":1005,"item":"widget","qty":2}',
  ...extra,
});

describe('curlCommand', () => {
  test('builds a readable command for the local front door', () => {
    expect(curlCommand(request())).toBe(
      [
        'curl -i http://localhost:7071/api/order',
        "-H 'User-Agent: curl/7.88.1'",
        "-H 'Content-Type: application/json'",
        "-H 'X-Note: it'\\''s here'",
        `--data-binary '{"id":1005,"item":"widget","qty":2}'`,
      ].join(' \\\n  '),
    );
  });

  test('sends exactly the method, URL, headers in order and body', () => {
    const body = 'line 1\r\nit\'s "quoted" ✓ 🚀\n$HOME `x`';
    const seen = argsSeenByCurl(
      curlCommand(
        request({ startLine: 'PUT /api/order?a=1&b=x%20y HTTP/1.1', bodyText: body }),
        'http://localhost:7071/',
      )!,
    );
    expect(seen.args).toEqual([
      '-i',
      '-X',
      'PUT',
      'http://localhost:7071/api/order?a=1&b=x%20y',
      '-H',
      'User-Agent: curl/7.88.1',
      '-H',
      'Content-Type: application/json',
      '-H',
      "X-Note: it's here",
      '--data-binary',
      body,
    ]);
  });

  test('names the method only when curl would not guess it', () => {
    const get = curlCommand(request({ startLine: 'GET /api/x HTTP/1.1', headers: [], bodyText: undefined }))!;
    expect(argsSeenByCurl(get).args).toEqual(['-i', 'http://localhost:7071/api/x']);
    const post = curlCommand(
      request({ startLine: 'POST /api/x HTTP/1.1', headers: [], bodyText: undefined }),
    )!;
    expect(argsSeenByCurl(post).args).toEqual(['-i', '-X', 'POST', 'http://localhost:7071/api/x']);
    const head = curlCommand(
      request({ startLine: 'HEAD /api/x HTTP/1.1', headers: [], bodyText: undefined }),
    )!;
    expect(argsSeenByCurl(head).args).toEqual(['-i', '--head', 'http://localhost:7071/api/x']);
  });

  test('pipes a binary body through base64 -d', () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254, 39, 10]);
    const command = curlCommand(request({ bodyText: undefined, bodyBase64: bytes.toString('base64') }))!;
    expect(argsSeenByCurl(command).args.slice(-2)).toEqual(['--data-binary', '@-']);
    const piped = execFileSync('sh', ['-c', `curl() { cat; }\n${command}\n`], { input: '' });
    expect(piped).toEqual(bytes);
  });

  test('gives up on something that is not a request', () => {
    expect(curlCommand(request({ startLine: 'HTTP/1.1 200 OK' }))).toBeUndefined();
  });
});

describe('curlForExchange', () => {
  const exchange = (hops: Exchange['hops']): Exchange => ({
    id: 'x1',
    trigger: 'http',
    startedAt: 0,
    state: 'succeeded',
    title: 'POST /api/order',
    hops,
    hints: [],
    logs: [],
    outputs: [],
  });
  const message = (truncated: boolean) => ({
    head: '',
    body: { encoding: 'utf8' as const, data: '', size: 99, truncated },
    parsed: request(),
  });

  test("uses the caller's request and says when its body was cut", () => {
    const x = exchange([
      { from: 'caller', to: 'host', atMs: 0, message: message(true) },
      {
        from: 'host',
        to: 'handler',
        atMs: 1,
        message: { ...message(false), parsed: request({ startLine: 'X' }) },
      },
    ]);
    expect(curlForExchange(x)).toEqual({ command: curlCommand(request()), truncatedBody: true });
  });

  test('has nothing for a queue invocation', () => {
    expect(
      curlForExchange(exchange([{ from: 'queue', to: 'host', atMs: 0, note: 'message' }])),
    ).toBeUndefined();
  });
});

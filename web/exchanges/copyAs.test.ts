import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { copyChoices, fetchSnippet, hostHeaderPort } from './copyAs';
import { httpExchange, queueExchange } from './testing/sampleExchanges';

/** Runs a command line in sh with `curl` replaced by a function that prints its arguments and stdin. */
function curlArgs(commandLine: string): string[] {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${commandLine}\n`;
  return execFileSync('sh', ['-c', script], { encoding: 'utf8', input: '' }).split('\0').slice(0, -1);
}

/** Evaluates a fetch snippet with a recording `fetch`, as a console would run it. */
async function fetchCall(snippet: string): Promise<{ url: string; init: RequestInit | undefined }> {
  let seen: { url: string; init: RequestInit | undefined } | undefined;
  const fakeFetch = (url: string, init?: RequestInit) => {
    seen = { url, init };
    return Promise.resolve({ status: 200, text: () => Promise.resolve('') });
  };
  const run = new Function('fetch', 'console', `return (async () => {\n${snippet}\n})();`) as (
    f: typeof fakeFetch,
    c: { log: () => void },
  ) => Promise<void>;
  await run(fakeFetch, { log: () => undefined });
  return seen!;
}

describe('copy as curl against the running front door', () => {
  test('keeps only the headers the person set, against the front door the host reports', () => {
    const curl = copyChoices(httpExchange(), { frontDoorUrl: 'http://localhost:7345' }).find(
      (c) => c.kind === 'curl',
    )!;
    expect(curlArgs(curl.text)).toEqual([
      '-i',
      'http://localhost:7345/api/order?x=1',
      '-H',
      'Content-Type: application/json',
      '-H',
      'X-Trace: abc',
      '--data-binary',
      '{"id":1}',
    ]);
    expect(curl.text).not.toMatch(/Connection|Content-Length|Host:/);
  });
});

describe('copy as fetch', () => {
  test('runs as the same request: method, URL, headers in order, body', async () => {
    const snippet = copyChoices(httpExchange()).find((c) => c.kind === 'fetch')!.text;
    const { url, init } = await fetchCall(snippet);
    expect(url).toBe('http://localhost:7071/api/order?x=1');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Trace', 'abc'],
    ]);
    expect(init?.body).toBe('{"id":1}');
  });

  test('a GET without headers is a bare call; a binary body is decoded back to its bytes', async () => {
    expect(fetchSnippet({ startLine: 'GET /api/x HTTP/1.1', headers: [['Host', 'h']] })).toBe(
      'const response = await fetch("http://localhost:7071/api/x");\nconsole.log(response.status, await response.text());',
    );
    const binary = fetchSnippet({ startLine: 'PUT /api/b HTTP/1.1', headers: [], bodyBase64: 'AAEC/w==' })!;
    const { init } = await fetchCall(binary);
    expect([...(init?.body as Uint8Array)]).toEqual([0, 1, 2, 255]);
  });

  test('quotes what would break a JavaScript string', async () => {
    const body = 'a"b\\c\n\u2028</script>';
    const { init } = await fetchCall(
      fetchSnippet({ startLine: 'POST /x HTTP/1.1', headers: [], bodyText: body })!,
    );
    expect(init?.body).toBe(body);
  });
});

describe('copy as curl to the handler', () => {
  test("reproduces the host's request on the handler's port, chunked as the host sent it", () => {
    const toHandler = copyChoices(httpExchange()).find((c) => c.kind === 'curl-handler')!;
    expect(toHandler.label).toBe('Copy as curl to the handler');
    const args = curlArgs(toHandler.text);
    expect(args.slice(0, 2)).toEqual(['-i', 'http://127.0.0.1:49152/order']);
    expect(args).toContain('Transfer-Encoding: chunked');
    expect(args).not.toContain('Host: 127.0.0.1:49152');
    expect(args.at(-1)).toBe('{"Data":{"req":{"Body":"{\\"id\\":1}"}},"Metadata":{}}');
  });

  test('a queue invocation offers only the handler request', () => {
    expect(copyChoices(queueExchange()).map((c) => c.kind)).toEqual(['curl-handler']);
  });

  test('falls back to the handler port the host reports when the request names none', () => {
    const x = httpExchange();
    const hops = x.hops.map((h) =>
      h.from === 'host' && h.to === 'handler'
        ? { ...h, message: { ...h.message!, parsed: { ...h.message!.parsed, headers: [] } } }
        : h,
    );
    const choice = copyChoices({ ...x, hops }, { handlerPort: 5000 }).find((c) => c.kind === 'curl-handler');
    expect(curlArgs(choice!.text)[1]).toBe('http://127.0.0.1:5000/order');
    expect(copyChoices({ ...x, hops }).some((c) => c.kind === 'curl-handler')).toBe(false);
  });

  test('reads the port from a Host header', () => {
    expect(hostHeaderPort({ startLine: '', headers: [['host', '127.0.0.1:8080']] })).toBe(8080);
    expect(hostHeaderPort({ startLine: '', headers: [['Host', 'example.com']] })).toBeUndefined();
  });
});

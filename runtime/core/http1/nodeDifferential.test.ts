// The same bytes through Node's own HTTP/1.1 parser (a real node:http server and client over
// loopback) and through ours: what each accepts, what it reads, and how it refuses must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeRequestReference, parseResponseWithNode } from '../../../tests/support/nodeHttp1Reference';
import type { ReferenceOutcome } from '../../../tests/support/nodeHttp1Reference';
import { bytes, collect } from '../../../tests/support/http1Collect';
import type { Collected } from '../../../tests/support/http1Collect';

const TE = 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n';
const big = (n: number): string => 'a'.repeat(n);

const requests: Record<string, string> = {
  basic: 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n',
  pipelined: 'GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\n\r\n',
  'leading CRLFs': '\r\n\r\n\nGET /a HTTP/1.1\r\n\r\n',
  'bare LF after request line': 'GET /a HTTP/1.1\nHost: x\r\n\r\n',
  'bare LF after header': 'GET /a HTTP/1.1\r\nHost: x\n\r\n',
  'bare LF ending head': 'GET /a HTTP/1.1\r\nHost: x\r\n\n',
  'CR without LF in value': 'GET /a HTTP/1.1\r\nA: b\r\r\n\r\n',
  'CR without LF after headers': 'GET /a HTTP/1.1\r\nA:b\r\n\rX',
  'CR without LF after version': 'GET /a HTTP/1.1\rX\r\n\r\n',
  'obs-fold': 'GET /a HTTP/1.1\r\nHost: x\r\n y\r\n\r\n',
  'obs-fold tab': 'GET /a HTTP/1.1\r\nA: b\r\n\t c\r\n\r\n',
  'space before first header': 'GET /a HTTP/1.1\r\n Host: x\r\n\r\n',
  'CL then TE': 'POST /a HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'TE then CL': 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
  'duplicate CL': 'POST /a HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd',
  'duplicate equal CL': 'POST /a HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc',
  'CL list': 'POST /a HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc',
  'CL trailing space': 'POST /a HTTP/1.1\r\nContent-Length: 3 \r\n\r\nabc',
  'CL tabs': 'POST /a HTTP/1.1\r\nContent-Length:\t3\t\r\n\r\nabc',
  'CL inner space': 'POST /a HTTP/1.1\r\nContent-Length: 1 2\r\n\r\nabc',
  'CL negative': 'POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\nabc',
  'CL plus': 'POST /a HTTP/1.1\r\nContent-Length: +1\r\n\r\nabc',
  'CL empty': 'POST /a HTTP/1.1\r\nContent-Length:\r\n\r\nabc',
  'CL leading zeros': 'POST /a HTTP/1.1\r\nContent-Length: 003\r\n\r\nabc',
  'CL name case': 'POST /a HTTP/1.1\r\ncontent-LENGTH: 3\r\n\r\nabc',
  'CL overflow': 'POST /a HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n',
  'TE gzip': 'POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nabc',
  'TE chunked, gzip': 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc',
  'TE gzip, chunked': 'POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE gzip,chunked': 'POST /a HTTP/1.1\r\nTransfer-Encoding: gzip,chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE chunked,': 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked,\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE twice':
    'POST /a HTTP/1.1\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE chunked then gzip':
    'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\nabc',
  'TE chunked twice': 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n',
  'TE CHUNKED': 'POST /a HTTP/1.1\r\nTransfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE chunkedx': 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunkedx\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE empty': 'POST /a HTTP/1.1\r\nTransfer-Encoding:\r\n\r\n',
  'TE then empty TE':
    'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding:\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE spaces': 'POST /a HTTP/1.1\r\nTransfer-Encoding:  chunked \r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'TE on HTTP/1.0': 'POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  'chunk extensions and trailers': TE + '3;a=b;c="d;e"\r\nabc\r\n0;x\r\nT: 1\r\n\r\n',
  'quoted extension with escape': TE + '3;a="b\\"c"\r\nabc\r\n0\r\n\r\n',
  'extension empty value': TE + '3;a=\r\nabc\r\n0\r\n\r\n',
  'extension empty': TE + '3;\r\nabc\r\n0\r\n\r\n',
  'extension space before ;': TE + '3 ;a=b\r\nabc\r\n0\r\n\r\n',
  'extension space after ;': TE + '3; a=b\r\nabc\r\n0\r\n\r\n',
  'extension space in name': TE + '3;a b\r\nabc\r\n0\r\n\r\n',
  'extension space before =': TE + '3;a =b\r\nabc\r\n0\r\n\r\n',
  'extension space after value': TE + '3;a=b ;c\r\nabc\r\n0\r\n\r\n',
  'extension control char': TE + '3;a=\x01\r\nabc\r\n0\r\n\r\n',
  'chunk size space': TE + '3 \r\nabc\r\n0\r\n\r\n',
  'chunk size bare LF': TE + '3\nabc\r\n0\r\n\r\n',
  'chunk data bare LF': TE + '3\r\nabc\n0\r\n\r\n',
  'chunk data too long': TE + '3\r\nabcX\r\n0\r\n\r\n',
  'chunk size hex': TE + 'A\r\n0123456789\r\nf\r\n0123456789abcde\r\n0\r\n\r\n',
  'chunk size leading zeros': TE + '0003\r\nabc\r\n000\r\n\r\n',
  'chunk size bad': TE + 'Z\r\n0\r\n\r\n',
  'chunk size empty': TE + '\r\nabc\r\n0\r\n\r\n',
  'chunk size overflow': TE + '10000000000000000\r\n',
  'last chunk bare LF': TE + '0\r\n\n',
  'trailer bare LF': TE + '0\r\nA: b\n\r\n',
  'trailer bad name': TE + '0\r\nA b: c\r\n\r\n',
  'trailer Content-Length': TE + '0\r\nContent-Length: 5\r\n\r\n',
  'method lower case': 'get /a HTTP/1.1\r\n\r\n',
  'method unknown': 'FOO /a HTTP/1.1\r\n\r\n',
  'method prefix': 'HEA /a HTTP/1.1\r\n\r\n',
  'method then tab': 'GET\t/a HTTP/1.1\r\n\r\n',
  'leading space': ' GET /a HTTP/1.1\r\n\r\n',
  'response as request': 'HTTP/1.1 200 OK\r\n\r\n',
  'RTSP method on HTTP': 'DESCRIBE /x HTTP/1.1\r\n\r\n',
  'RTSP method on RTSP': 'DESCRIBE /x RTSP/1.0\r\n\r\n',
  'ICE without SOURCE': 'GET /x ICE/1.0\r\n\r\n',
  'ICE with SOURCE': 'SOURCE /a ICE/1.0\r\n\r\n',
  'HTTP/2.0': 'GET /a HTTP/2.0\r\n\r\n',
  'HTTP/1.2': 'GET /a HTTP/1.2\r\n\r\n',
  'HTTP/0.9': 'GET /a HTTP/0.9\r\n\r\n',
  'HTTP/3.0': 'GET /a HTTP/3.0\r\n\r\n',
  'HTTP/10.0': 'GET /a HTTP/10.0\r\n\r\n',
  'HTTP/1.': 'GET /a HTTP/1.\r\n\r\n',
  'HTTP/x.1': 'GET /a HTTP/x.1\r\n\r\n',
  'http lower': 'GET /a http/1.1\r\n\r\n',
  'HTTP no slash': 'GET /a HTTP\r\n\r\n',
  'space after version': 'GET /a HTTP/1.1 \r\n\r\n',
  'no version': 'GET /a\r\nHost: x\r\n\r\n',
  'no version bare LF': 'GET /a\n\r\n',
  'no target': 'GET \r\n\r\n',
  'HTTP/1.0': 'GET /a HTTP/1.0\r\n\r\n',
  'HTTP/1.0 keep-alive': 'GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
  'HTTP/1.0 close, keep-alive': 'GET /a HTTP/1.0\r\nConnection: close, keep-alive\r\n\r\n',
  'Connection: close': 'GET /a HTTP/1.1\r\nConnection: close\r\n\r\n',
  'Connection list': 'GET /a HTTP/1.1\r\nConnection: foo, Close\r\n\r\n',
  'Connection closex': 'GET /a HTTP/1.1\r\nConnection: closex\r\n\r\n',
  'Connection twice': 'GET /a HTTP/1.1\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n',
  'Proxy-Connection close': 'GET /a HTTP/1.1\r\nProxy-Connection: close\r\n\r\n',
  'data after Connection: close': 'GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n',
  'HTTP/1.0 POST with data after': 'POST /a HTTP/1.0\r\n\r\nabc',
  'Connection upgrade alone': 'GET /a HTTP/1.1\r\nConnection: upgrade\r\n\r\n',
  'Upgrade alone': 'GET /a HTTP/1.1\r\nUpgrade: ws\r\n\r\n',
  upgrade: 'GET /a HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
  CONNECT: 'CONNECT a:443 HTTP/1.1\r\n\r\n',
  'two spaces before target': 'GET  /a HTTP/1.1\r\n\r\n',
  'two spaces after target': 'GET /a  HTTP/1.1\r\n\r\n',
  'target *': 'OPTIONS * HTTP/1.1\r\n\r\n',
  'absolute target': 'GET http://a/b?c#d HTTP/1.1\r\n\r\n',
  'absolute IPv6': 'GET http://[::1]:80/ HTTP/1.1\r\n\r\n',
  'authority on GET': 'GET a:443 HTTP/1.1\r\n\r\n',
  'query start': 'GET ?x HTTP/1.1\r\n\r\n',
  'scheme one slash': 'GET http:/x HTTP/1.1\r\n\r\n',
  'scheme digit': 'GET h1tp://a/ HTTP/1.1\r\n\r\n',
  'server hash': 'GET http://a#f HTTP/1.1\r\n\r\n',
  'server control': 'GET http://a\x01 HTTP/1.1\r\n\r\n',
  'target punctuation': 'GET /a"<>\\^`{|}?b?c#d#e HTTP/1.1\r\n\r\n',
  'target tab': 'GET /a\tb HTTP/1.1\r\n\r\n',
  'target form feed': 'GET /a\x0cb HTTP/1.1\r\n\r\n',
  'target high byte': 'GET /a\xffb HTTP/1.1\r\n\r\n',
  'target DEL': 'GET /\x7f HTTP/1.1\r\n\r\n',
  'query control': 'GET /a?\x01 HTTP/1.1\r\n\r\n',
  'fragment control': 'GET /a#\x01 HTTP/1.1\r\n\r\n',
  'space before colon': 'GET /a HTTP/1.1\r\nHost : x\r\n\r\n',
  'bad name char': 'GET /a HTTP/1.1\r\nHo(st: x\r\n\r\n',
  'empty name': 'GET /a HTTP/1.1\r\n: x\r\n\r\n',
  'no colon': 'GET /a HTTP/1.1\r\nHost\r\n\r\n',
  'value control char': 'GET /a HTTP/1.1\r\nHost: x\x01y\r\n\r\n',
  'value NUL': 'GET /a HTTP/1.1\r\nHost: x\x00y\r\n\r\n',
  'value DEL': 'GET /a HTTP/1.1\r\nHost: x\x7fy\r\n\r\n',
  'value tabs': 'GET /a HTTP/1.1\r\nHost:\t x\ty \t\r\n\r\n',
  'value latin1': 'GET /a HTTP/1.1\r\nHost: x\xe9\x80\xffy\r\n\r\n',
  'empty values': 'GET /a HTTP/1.1\r\nX-A:\r\nX-B:   \r\n\r\n',
  'truncated body': 'POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nab',
  'truncated head': 'GET /a HTTP/1.1\r\nHost: x\r\n',
  'truncated chunk': TE + '3\r\nab',
  'target at the limit': `GET /${big(16382)} HTTP/1.1\r\n\r\n`,
  'target over the limit': `GET /${big(16383)} HTTP/1.1\r\n\r\n`,
  'value at the limit': `GET / HTTP/1.1\r\nX: ${big(16381)}\r\n\r\n`,
  'value over the limit': `GET / HTTP/1.1\r\nX: ${big(16382)}\r\n\r\n`,
  'trailing spaces count': `GET / HTTP/1.1\r\nX: ${big(16372)}          \r\n\r\n`,
  'leading spaces do not count': `GET / HTTP/1.1\r\nX:          ${big(16381)}\r\n\r\n`,
  // Names count too; kept under the 1000 fields Node's server keeps in rawHeaders, which is not the parser's.
  'many fields at the limit': `GET / HTTP/1.1\r\n${'X-123456789012345678:\r\n'.repeat(819)}\r\n`,
  'many fields over the limit': `GET / HTTP/1.1\r\n${'X-123456789012345678:\r\n'.repeat(820)}\r\n`,
  'trailer over the limit': TE + `0\r\nX: ${big(16383)}\r\n\r\n`,
  'trailer at the limit': TE + `0\r\nX: ${big(16382)}\r\n\r\n`,
  'overflow before the head ends': `GET / HTTP/1.1\r\nX: ${big(20000)}`,
  'big head with body': `POST / HTTP/1.1\r\nContent-Length: 20000\r\nX: ${big(16000)}\r\n\r\n${'b'.repeat(20000)}`,
};

const responses: Record<string, [text: string, requestMethod?: string]> = {
  basic: ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'],
  'no reason': ['HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nhi'],
  'empty reason': ['HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nhi'],
  'reason with spaces': ['HTTP/1.1 200  Very  OK \r\nContent-Length: 2\r\n\r\nhi'],
  'reason latin1': ['HTTP/1.1 200 \xe9t\xe9\r\nContent-Length: 2\r\n\r\nhi'],
  'reason control char': ['HTTP/1.1 200 O\x01K\r\nContent-Length: 2\r\n\r\nhi'],
  'reason tab': ['HTTP/1.1 200 O\tK\r\nContent-Length: 2\r\n\r\nhi'],
  'reason bare LF': ['HTTP/1.1 200 OK\nContent-Length: 2\r\n\r\nhi'],
  'until EOF': ['HTTP/1.1 200 OK\r\n\r\nhello world'],
  'until EOF 1.0': ['HTTP/1.0 200 OK\r\n\r\nhello'],
  HEAD: ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', 'HEAD'],
  'HEAD chunked': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', 'HEAD'],
  '204 with length': ['HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n'],
  '204 chunked': ['HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n'],
  '304 with length': ['HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n'],
  '100 then 200': ['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'],
  '103 then 200': [
    'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi',
  ],
  '101': ['HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: ws\r\n\r\n'],
  'status two digits': ['HTTP/1.1 20 OK\r\n\r\n'],
  'status four digits': ['HTTP/1.1 2000 OK\r\n\r\n'],
  'status 099': ['HTTP/1.1 099 OK\r\nContent-Length: 0\r\n\r\n'],
  'status 999': ['HTTP/1.1 999 OK\r\nContent-Length: 0\r\n\r\n'],
  'status letter': ['HTTP/1.1 2x0 OK\r\n\r\n'],
  'no space after version': ['HTTP/1.1200 OK\r\n\r\n'],
  'two spaces before status': ['HTTP/1.1  200 OK\r\n\r\n'],
  'HTTP/0.9': ['HTTP/0.9 200 OK\r\n\r\nhi'],
  'HTTP/2.0': ['HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nhi'],
  'not HTTP': ['FOO/1.1 200 OK\r\n\r\n'],
  'lower case http': ['http/1.1 200 OK\r\n\r\n'],
  'CL and TE': [
    'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  ],
  'TE gzip': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabc'],
  'TE chunked, gzip': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabc'],
  'TE gzip then CL': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 1\r\n\r\nabc'],
  chunked: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n'],
  'chunked on 1.0': ['HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'],
  'truncated body': ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab'],
  'truncated chunk': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab'],
  'garbage after': ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiXYZ'],
  'Connection: close': ['HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi'],
  'leading CRLF': ['\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'],
  'empty length': ['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'],
  'bare LF header': ['HTTP/1.1 200 OK\r\nA: b\n\r\n'],
  'obs-fold': ['HTTP/1.1 200 OK\r\nA: b\r\n c\r\nContent-Length: 0\r\n\r\n'],
  'value at the limit': [`HTTP/1.1 200 OK\r\nX: ${big(16364)}\r\nContent-Length: 0\r\n\r\n`],
  'value over the limit': [`HTTP/1.1 200 OK\r\nX: ${big(16365)}\r\nContent-Length: 0\r\n\r\n`],
  'reason at the limit': [`HTTP/1.1 200 ${big(16368)}\r\nContent-Length: 0\r\n\r\n`],
  'reason over the limit': [`HTTP/1.1 200 ${big(16369)}\r\nContent-Length: 0\r\n\r\n`],
};

type Comparable = Pick<ReferenceOutcome, 'error' | 'informational'> & { messages: unknown[] };

function comparable(outcome: ReferenceOutcome | Collected, kind: 'request' | 'response'): Comparable {
  let error = outcome.error;
  // Node's client turns a response cut off mid-message into an 'aborted' socket error; under it
  // is llhttp's EOF-state error, which is what our parser reports.
  if (error?.code === 'ECONNRESET') error = { code: 'HPE_INVALID_EOF_STATE', message: 'Parse Error' };
  const messages = outcome.messages.map((m) => {
    const { method, url, status, reason, versionMajor, versionMinor, rawHeaders, keepAlive, upgrade, body } =
      m;
    // Node hands an upgraded connection over without reading a body or judging keep-alive.
    if (upgrade) return { method, url, status, reason, versionMajor, versionMinor, rawHeaders, upgrade };
    // The client side does not expose keep-alive; the server side does.
    const persistence = kind === 'request' ? { keepAlive } : {};
    return {
      method,
      url,
      status,
      reason,
      versionMajor,
      versionMinor,
      rawHeaders,
      upgrade,
      body,
      ...persistence,
    };
  });
  return { error, messages, informational: kind === 'response' ? outcome.informational : [] };
}

function informationalOf(text: string): number[] {
  // Our parser skips 1xx heads silently; the statuses Node reports are read back from the input.
  return [...text.matchAll(/HTTP\/1\.1 (1\d\d) /g)].map((m) => Number(m[1])).filter((s) => s !== 101);
}

describe('requests parse as Node parses them', () => {
  const node = new NodeRequestReference();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  for (const [name, text] of Object.entries(requests)) {
    it(name, async () => {
      const input = bytes(text);
      const expected = comparable(await node.parse([input]), 'request');
      const actual = comparable(collect('request', [input]), 'request');
      expect(actual).toEqual(expected);
    });
  }
});

describe('responses parse as Node parses them', () => {
  for (const [name, [text, method = 'GET']] of Object.entries(responses)) {
    it(name, async () => {
      const input = bytes(text);
      const expected = comparable(await parseResponseWithNode(input, method), 'response');
      const ours = collect('response', [input], { responseTo: [method] });
      ours.informational = ours.error ? [] : informationalOf(text);
      // Node's client stops at its first response; ours goes on and refuses the garbage after it.
      expect(comparable(ours, 'response')).toEqual(expected);
    });
  }
});

/**
 * Parses 100,000 typical requests and responses with our HTTP/1.1 parser and with the
 * http-parser-js package, over one kept-alive connection each, and prints ns per message.
 * Run: npx tsx bench/http1.bench.ts
 */
import { HTTPParser } from 'http-parser-js';
import { Http1Parser } from '../runtime/core/http1/parser';

const COUNT = Number(process.env.BENCH_HTTP1_COUNT ?? 100_000);
const ROUNDS = 5;

const json = JSON.stringify({ id: 12345, name: 'example', tags: ['a', 'b', 'c'], ok: true });
const request = Buffer.from(
  'POST /api/orders?id=42 HTTP/1.1\r\nHost: localhost:7071\r\nUser-Agent: curl/8.5.0\r\n' +
    'Accept: */*\r\nContent-Type: application/json\r\nx-ms-client-request-id: 0f8fad5b-d9cb-469f-a165-70867728950e\r\n' +
    `Content-Length: ${json.length}\r\n\r\n${json}`,
  'latin1',
);
const response = Buffer.from(
  'HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nDate: Tue, 01 Jul 2025 10:00:00 GMT\r\n' +
    `Server: Kestrel\r\nContent-Length: ${json.length}\r\n\r\n${json}`,
  'latin1',
);
const chunkedResponse = Buffer.from(
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n' +
    `${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`,
  'latin1',
);

type Kind = 'request' | 'response';

function ours(kind: Kind, message: Buffer): () => number {
  let completed = 0;
  let bodyBytes = 0;
  const parser = new Http1Parser(kind, {
    onHead: () => undefined,
    onBody: (chunk) => void (bodyBytes += chunk.length),
    onComplete: () => void completed++,
  });
  return () => {
    if (kind === 'response') parser.expectResponseTo('GET');
    parser.execute(message);
    return completed + bodyBytes * 0;
  };
}

function httpParserJs(kind: Kind, message: Buffer): () => number {
  let completed = 0;
  const parser = new HTTPParser(kind === 'request' ? HTTPParser.REQUEST : HTTPParser.RESPONSE);
  parser[HTTPParser.kOnHeadersComplete] = () => undefined;
  parser[HTTPParser.kOnBody] = () => undefined;
  parser[HTTPParser.kOnMessageComplete] = () => void completed++;
  return () => {
    parser.execute(message);
    return completed;
  };
}

function measure(step: () => number): number {
  for (let i = 0; i < 20_000; i++) step(); // warm up the JIT
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < COUNT; i++) step();
    const ns = Number(process.hrtime.bigint() - start) / COUNT;
    best = Math.min(best, ns);
  }
  return best;
}

const cases: [string, Kind, Buffer][] = [
  ['request, JSON body', 'request', request],
  ['response, Content-Length', 'response', response],
  ['response, chunked', 'response', chunkedResponse],
];

console.log(`${COUNT} messages per round, best of ${ROUNDS} rounds (ns per message)`);
console.log('case'.padEnd(28), 'ours'.padStart(8), 'http-parser-js'.padStart(16));
for (const [name, kind, message] of cases) {
  const a = measure(ours(kind, message));
  const b = measure(httpParserJs(kind, message));
  console.log(name.padEnd(28), a.toFixed(0).padStart(8), b.toFixed(0).padStart(16));
}

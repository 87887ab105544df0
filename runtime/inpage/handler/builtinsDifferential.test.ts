import { describe, expect, it } from 'vitest';
import { runUnderBoth } from './testing/realNode';

// url, querystring and path in the page, checked against real Node: the same script prints the
// same lines.

const SCRIPT = String.raw`
const url = require('url');
const qs = require('querystring');
const path = require('path');
const query = qs.parse('a=1&a=2&b=%20c&empty=&flag');
console.log(query, typeof query.hasOwnProperty, Object.getPrototypeOf(query), qs.decode('x=1'));
console.log(qs.stringify({ a: [1, 2], b: 'x y', c: '' }), qs.escape('a b&'), qs.unescape('a%20b'));
const parsed = url.parse('http://u:p@host:8080/p/a?x=1&x=2&y=#h', true);
console.log(parsed.query, parsed.pathname, parsed.port, parsed.auth, parsed.hash, parsed.search);
console.log(url.parse('/only/path?q=1').query, url.format({ protocol: 'http', host: 'h', pathname: '/x', query: { a: 1 } }));
console.log(url.resolve('http://a/b/c', '../d'), url.resolve('/one/two', 'three'));
console.log(path.toNamespacedPath('/a/b'), path.posix === path, path.relative('/a/b', '/a/c/d'), path.parse('/x/y.tar.gz'));
`;

describe('url, querystring and path in the page', () => {
  it("parse, format and resolve as Node's do", async () => {
    const { node, page } = await runUnderBoth({ 'handler.js': SCRIPT });
    expect(node.stderr).toBe('');
    expect(page.code).toBe(0);
    expect(page.stdout).toBe(node.stdout);
    expect(page.stdout).toContain("[Object: null prototype] { x: [ '1', '2' ], y: '' }");
  });
});

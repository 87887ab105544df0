import { describe, expect, it } from 'vitest';
import { runUnderBoth } from './testing/realNode';

// What a handler prints (console, util.inspect, util.format), checked against real Node: the
// same script prints the same lines. Stack frames differ by place (Node's loader against the
// page's), so errors are compared without them. Known to differ, so left out: a settled Promise
// (the page cannot see its state: `Promise { <pending> }`) and an ArrayBuffer's byteLength.

const SCRIPT = String.raw`
const util = require('util');
const app = (text) => String(text).split(__dirname).join('<app>');
const noFrames = (text) => app(text).split('\n').filter((line) => !/^\s+at |lines matching cause/.test(line)).join('\n');
console.log({ a: 1, b: 'two', c: [1, 2, 3], d: { e: { f: { g: 1 } } } });
console.log(Array.from({ length: 30 }, (_, i) => i + 1), Array.from({ length: 120 }, (_, i) => i));
console.log(new Map([['a', 1], ['b', { c: 2 }]]), new Set([1, 'x']), new WeakMap());
console.log(null, undefined, true, 42, 4.5, -0, 10n, Symbol('s'), [1.5, -2, 3e21, NaN, Infinity]);
console.log(function named() {}, () => {}, class Foo {}, new (class Bar { constructor() { this.x = 1; } })());
console.log(Object.create(null), { 'key with space': 1, valid_id: 2 }, { __proto__: { inherited: 1 }, own: 2 });
console.log(new Date(0), /re/g, Buffer.from('hi'), new Uint8Array([1, 2]));
console.log('%s is %d years and %i, %f, %j %o %O %%', 'Bob', 42.5, 42.5, '1.5', { a: 1 }, [1], { b: 2 });
console.log('%c styled', 'color: red', '100%', 'done', '%s', 'x', 'y');
console.log([undefined, null, , 3], { long: 'x'.repeat(100), other: 'y'.repeat(30) });
console.log({ nested: [{ a: 1, b: [1, 2, { c: 3 }] }] }, [[1, [2, [3, [4, [5]]]]]]);
console.log(['apple', 'banana', 'cherry', 'date', 'elderberry', 'fig', 'grape', 'honeydew']);
console.log({ s: 'it\'s "q"', n: 'line\nbreak' }, Object.assign(() => {}, { prop: 1 }));
const circular = { name: 'c' };
circular.self = circular;
console.log(circular, Object.freeze({ frozen: true }), new String('boxed'), new Number(3));
console.log(new URL('http://x.test/a?b=1'), new URLSearchParams('a=1&b=2'));
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.log(util.inspect('str'), util.format('%s:%s', 'a'), util.inspect({ a: [1, 2] }, { compact: false }));
console.log(util.inspect(new Map([[{ k: 1 }, new Set([1])]]), { depth: 0 }), util.formatWithOptions({ compact: true }, '%O', { x: [1] }));
class Custom { [util.inspect.custom]() { return 'CUSTOM!'; } }
console.log(new Custom(), [new Custom()]);
const err = new Error('with props');
err.code = 'E_X';
err.status = 500;
console.log(noFrames(util.inspect(err)));
console.log(noFrames(util.inspect({ nested: new RangeError('deep') })));
console.log(noFrames(util.inspect(new Error('outer', { cause: new Error('inner') }))));
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
console.log(noFrames(util.format('%s | %o', new MyError('mine'), [1])));
console.error('to stderr %d', 5, { x: 1 });
`;

const TABLES = String.raw`
console.table([{ a: 1, b: 'x' }, { a: 2, c: true }]);
console.table(['p', 'q', 3]);
console.table({ first: { x: 1, y: [1, 2, 3, 4] }, second: { x: 'long value here', z: { deep: { er: 1 } } } });
console.table([{ a: 1, b: 2 }, 'prim', null], ['b']);
console.table([[1, 2], [3, 4, 5]]);
console.table(new Map([['k1', { v: 1 }], [{ o: 1 }, 'v2']]));
console.table(new Set(['s1', 2]));
console.table([]);
console.table(42);
console.table('text');
console.table([{ 'wide 日本': '漢字', e: '😀' }]);
console.table([{ a: 1 }, { a: 22 }], []);
console.table([{ a: 1 }], 'a');
`;

describe('printing in the page', () => {
  it("console.log, util.inspect and util.format print what Node's do", async () => {
    const { node, page } = await runUnderBoth({ 'handler.js': SCRIPT });
    expect(page.code).toBe(0);
    expect(page.stdout).toBe(node.stdout);
    expect(page.stderr).toBe(node.stderr);
    // What the script goes through, so a shorter run cannot pass unnoticed.
    expect(page.stdout).toContain("Map(2) { 'a' => 1, 'b' => { c: 2 } } Set(2) { 1, 'x' }");
    expect(page.stderr).toBe('to stderr 5 { x: 1 }\n');
  });

  it("console.table draws Node's tables: arrays, objects, Maps, Sets, picked columns, wide characters", async () => {
    const { node, page } = await runUnderBoth({ 'handler.js': TABLES });
    expect(page.stdout).toBe(node.stdout);
    expect(page.stdout).toContain('│ (iteration index) │ Key      │ Values   │');
    // A columns argument that is no array: the same TypeError, uncaught, as Node's.
    const refused =
      'TypeError [ERR_INVALID_ARG_TYPE]: The "properties" argument must be an instance of Array. Received type string (\'a\')';
    expect(page.stderr).toContain(refused);
    expect(node.stderr).toContain(refused);
    expect([page.code, node.code]).toEqual([1, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { InPageModuleError, unsupportedModuleMessage } from './modules/unsupported';
import { runInPage } from './testing/inPageHarness';
import { runNodeToExit, writeApp } from './testing/realNode';

/** Runs `files` to the end; the entry prints what the test checks. */
async function run(files: Record<string, string>, entry = '/app/handler.js', nodeStackFormat = false) {
  const page = runInPage(files, { entry, nodeStackFormat });
  const code = await page.exited;
  return { code, stdout: page.stdout(), stderr: page.stderr() };
}

describe('CommonJS', () => {
  it('resolves relative paths as Node: exact, .js, .json, /index.js, package.json main', async () => {
    const result = await run({
      'handler.js': `
        console.log(require('./lib/a').name, require('./lib/a.js') === require('./lib/a'));
        console.log(require('./data').answer, require('./dir').name, require('./pkg').name);
        console.log(require('./lib/c.cjs').name, require('./lib/../lib/a').name);
        console.log(Object.keys(require.cache).sort().join(','));`,
      'lib/a.js': `exports.name = 'a';`,
      'lib/c.cjs': `module.exports = { name: 'c' };`,
      'data.json': `{ "answer": 42 }`,
      'dir/index.js': `module.exports = { name: 'dir-index' };`,
      'pkg/package.json': `{ "main": "./src/main" }`,
      'pkg/src/main.js': `module.exports = { name: 'pkg-main' };`,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'a true\n42 dir-index pkg-main\nc a\n' +
        '/app/data.json,/app/dir/index.js,/app/handler.js,/app/lib/a.js,/app/lib/c.cjs,/app/pkg/src/main.js\n',
    );
    expect(result.code).toBe(0);
  });

  it('gives __filename, __dirname, module, exports and this as Node', async () => {
    const result = await run({
      'handler.js': `const sub = require('./sub/x');
        console.log(__filename, __dirname, module.id, require.main === module, this === module.exports);
        console.log(sub.file, sub.dir, sub.parent, sub.isMain);`,
      'sub/x.js': `exports.file = __filename; exports.dir = __dirname; exports.parent = module.parent.filename;
        exports.isMain = require.main === module;`,
    });
    expect(result.stdout).toBe(
      '/app/handler.js /app . true true\n/app/sub/x.js /app/sub /app/handler.js false\n',
    );
  });

  it('handles cycles with partial exports, as Node', async () => {
    const result = await run({
      'handler.js': `const a = require('./a'); console.log(a.done, a.sawB);`,
      'a.js': `exports.done = false; const b = require('./b'); exports.sawB = b.done; exports.done = true;`,
      'b.js': `const a = require('./a'); exports.sawA = a.done; exports.done = true;`,
    });
    expect(result.stdout).toBe('true true\n');
  });

  it('gives built-ins with and without node:, the same objects', async () => {
    const names = [
      'http',
      'events',
      'buffer',
      'url',
      'querystring',
      'util',
      'path',
      'timers',
      'crypto',
      'stream',
      'string_decoder',
      'os',
      'assert',
      'process',
    ];
    const result = await run({
      'handler.js': `const names = ${JSON.stringify(names)};
        console.log(names.every((n) => require(n) === require('node:' + n) && require(n) != null));
        console.log(typeof require('events'), typeof require('stream').Readable, require('buffer').Buffer === Buffer);
        console.log(require('path').join('/a', 'b', '../c'), require('path').resolve('x'), require('os').EOL === '\\n');
        console.log(require('querystring').stringify({ a: 1, b: 'x y' }), require('url').parse('http://h/p?q=1', true).query.q);
        console.log(require('util').format('%s=%d %j', 'n', 42, { a: 1 }), require('process') === process);
        console.log(typeof setImmediate, typeof Buffer.from, typeof structuredClone, typeof URL, typeof TextDecoder, global === globalThis);`,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'true\nfunction function true\n/a/c /app/x true\na=1&b=x%20y 1\nn=42 {"a":1} true\nfunction function function function function true\n',
    );
  });

  it('refuses packages and missing built-ins with a message that says where they run', async () => {
    const result = await run({
      'handler.js': `for (const name of ['express', 'zlib', 'node:child_process', './node_modules/x/index.js', './missing']) {
          try { require(name); } catch (e) { console.log(name, e.code, e.message.split('\\n')[0]); }
        }`,
      'node_modules/x/index.js': `module.exports = 1;`,
    });
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^express MODULE_NOT_FOUND Cannot find module 'express': the in-page engine runs Node built-ins only/,
    );
    expect(lines[0]).toMatch(/WebContainer engine, `npm start` \(the local engine\) or the CLI host/);
    expect(lines[1]).toMatch(/^zlib ERR_INPAGE_UNSUPPORTED The in-page engine cannot load 'zlib'/);
    expect(lines[2]).toMatch(
      /^node:child_process ERR_INPAGE_UNSUPPORTED .*'child_process' is not one of them/,
    );
    expect(lines[3]).toMatch(/^\.\/node_modules\/x\/index\.js MODULE_NOT_FOUND .*Node built-ins only/);
    expect(lines[4]).toBe("./missing MODULE_NOT_FOUND Cannot find module './missing'");
    expect(unsupportedModuleMessage('net')).toMatch(/'net'.*WebContainer/);
    expect(new InPageModuleError('x', 'm', 'MODULE_NOT_FOUND').code).toBe('MODULE_NOT_FOUND');
  });

  it('prints the missing module as an uncaught error with the require stack, exit 1', async () => {
    const result = await run({ 'handler.js': `\nconst express = require('express');\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\/app\/handler\.js:2\nconst express = require\('express'\);\n/);
    expect(result.stderr).toMatch(
      /Error: Cannot find module 'express': the in-page engine runs Node built-ins only/,
    );
    expect(result.stderr).toMatch(/\n\nNode\.js v20\.\d+\.\d+\n$/);
  });

  it('keeps stack traces on the lines and columns of the file, frames named as Node', async () => {
    const source = [
      `'use strict';`,
      `const http = require('http');`,
      `function fail() {`,
      `  return new Error('here');`,
      `}`,
      `const frame = (error) => error.stack.split('\\n')[1].trim();`,
      `console.log(frame(fail()));`,
      `console.log(frame(new Error('one')));`,
      `[0].forEach(function () { console.log(frame(new Error('two'))); });`,
      `[0].map(() => console.log(frame(new Error('three'))));`,
      `class Thing { method() { return new Error('m'); } }`,
      `console.log(frame(new Thing().method()));`,
      `const server = http.createServer();`,
      `server.on('custom', () => console.log(frame(new Error('emit'))));`,
      `server.emit('custom');`,
      `new (function Maker() { console.log(frame(new Error('new'))); })();`,
    ].join('\n');
    const root = writeApp({ 'handler.js': source });
    const expected = await runNodeToExit(root, 'handler.js');
    const result = await run({ 'handler.js': source }, '/app/handler.js', true);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(expected.stdout.replaceAll(root, '/app'));
    expect(result.stdout).toMatch(/^at fail \(\/app\/handler\.js:4:10\)\n/);
  });
});

describe('ES modules', () => {
  it('runs .mjs with every import and export form, import.meta and top-level await', async () => {
    const result = await run(
      {
        'main.mjs': `import def, { a as renamed, b } from './lib.mjs';
import * as ns from './lib.mjs';
import cjs, { named } from './old.cjs';
import './side.mjs';
import { EventEmitter } from 'node:events';
import http from 'http';
import { star, again } from './reexport.mjs';
const later = await Promise.resolve('awaited');
const dyn = await import('./lib.mjs');
console.log(def(), renamed, b, ns.a, Object.keys(ns).sort().join(','), cjs.named === named, named);
console.log(typeof EventEmitter, typeof http.createServer, star, again, later, dyn.b === b);
console.log(import.meta.url, globalThis.sideRan);`,
        'lib.mjs': `export default function greet() { return 'hi'; }
export const a = 1, b = 2;
export class Thing {}
const hidden = 3;
export { hidden as shown };`,
        'old.cjs': `module.exports = { named: 'cjs-named' };`,
        'side.mjs': `globalThis.sideRan = 'side';`,
        'reexport.mjs': `export * from './star.mjs';\nexport { a as again } from './lib.mjs';`,
        'star.mjs': `export const star = 'star';\nexport default 'not re-exported';`,
      },
      '/app/main.mjs',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'hi 1 2 1 Thing,a,b,default,shown true cjs-named\nfunction function star 1 awaited true\nfile:///app/main.mjs side\n',
    );
  });

  it('runs top-level await wherever Node allows it, not only where V8 names it in the first error', async () => {
    const result = await run(
      {
        'main.mjs': `import { readFileSync } from 'node:fs';
import { readFile } from 'fs/promises';
console.log(await readFile(new URL('./data.txt', import.meta.url), 'utf8'), readFileSync('data.txt', 'utf8'));
const both = [await Promise.resolve(1), await Promise.resolve(2)];
console.log(both.join('+'), (await import('./lib.mjs')).n);`,
        'lib.mjs': `export const n = await Promise.resolve(3);`,
        'data.txt': 'from a file',
      },
      '/app/main.mjs',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('from a file from a file\n1+2 3\n');
    const broken = await run({ 'main.mjs': `console.log(await 1);\nconst = 2;\n` }, '/app/main.mjs');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/main\.mjs:2[\s\S]*SyntaxError/);
  });

  it('treats .js as ESM under package.json "type": "module", and export default expressions', async () => {
    const result = await run({
      'package.json': `{ "type": "module" }`,
      'handler.js': `import value from './value.js';\nimport { createHash } from 'node:crypto';\nconsole.log(value.n, typeof createHash, typeof require);`,
      'value.js': `export default { n: 5 };`,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('5 function undefined\n');
  });

  it('reports a missing named export as Node does', async () => {
    const result = await run(
      { 'main.mjs': `import { nope } from './lib.mjs';\n`, 'lib.mjs': `export const yes = 1;` },
      '/app/main.mjs',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /SyntaxError: The requested module '\.\/lib\.mjs' does not provide an export named 'nope'/,
    );
  });

  it('gives import() in CommonJS', async () => {
    const result = await run({
      'handler.js': `import('./esm.mjs').then((m) => console.log(m.default, m.x));`,
      'esm.mjs': `export default 'd'; export const x = 'x';`,
    });
    expect(result.stdout).toBe('d x\n');
  });
});

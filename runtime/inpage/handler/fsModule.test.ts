import { describe, expect, it } from 'vitest';
import { runInPage } from './testing/inPageHarness';
import { runUnderBoth } from './testing/realNode';

// `fs` over the app's files (node/fs.ts), checked against real Node: the same script, run in a
// folder with the same files and in the page, prints the same lines (the folder's path replaced).

const SCRIPT = String.raw`
const fs = require('fs');
const fsp = require('node:fs/promises');
const path = require('path');
const app = (text) => String(text).split(__dirname).join('<app>');
const out = (...values) => console.log(values.map((v) => (typeof v === 'string' ? app(v) : JSON.stringify(v))).join(' '));
const fails = (label, call) => {
  try {
    call();
    out(label, 'no error');
  } catch (e) {
    out(label, e.code, e.syscall ?? '-', e.errno ?? '-', app(e.message));
  }
};
out('read', fs.readFileSync(path.join(__dirname, 'data.txt'), 'utf8'));
out('read relative', fs.readFileSync('./data.txt', { encoding: 'utf8' }), fs.readFileSync(Buffer.from('data.txt')).length);
out('buffer', Buffer.isBuffer(fs.readFileSync('data.txt')), fs.readFileSync('data.txt').length, fs.readFileSync('data.txt').toString('base64'));
out('url', fs.readFileSync(new URL('file://' + path.join(__dirname, 'data.txt')), 'utf8'));
out('exists', fs.existsSync('data.txt'), fs.existsSync('nope'), fs.existsSync('public'), fs.existsSync(__dirname), fs.existsSync(42));
out('readdir', fs.readdirSync(__dirname).sort().join(','));
out('readdir public', fs.readdirSync('public').sort().join(','));
out('dirents', fs.readdirSync('.', { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => d.name + (d.isDirectory() ? '/' : '') + (d.isFile() ? '' : '')).join(','));
const file = fs.statSync('data.txt');
out('stat', file.isFile(), file.isDirectory(), file.isSymbolicLink(), file.size, file.mtime instanceof Date, typeof file.mtimeMs);
const folder = fs.lstatSync('public');
out('stat folder', folder.isFile(), folder.isDirectory());
out('stat missing', fs.statSync('nope', { throwIfNoEntry: false }) === undefined);
fails('read missing', () => fs.readFileSync('nope.txt'));
fails('read folder', () => fs.readFileSync('public'));
fails('readdir file', () => fs.readdirSync('data.txt'));
fails('readdir missing', () => fs.readdirSync('nope'));
fails('stat missing', () => fs.statSync('nope'));
fails('access missing', () => fs.accessSync('nope', fs.constants.R_OK));
fails('write in a missing folder', () => fs.writeFileSync('nope/x.txt', 'x'));
fails('write over a folder', () => fs.writeFileSync('public', 'x'));
fails('mkdir existing', () => fs.mkdirSync('public'));
fails('mkdir without its parent', () => fs.mkdirSync('a/b'));
fails('unlink missing', () => fs.unlinkSync('nope'));
fails('rmdir not empty', () => fs.rmdirSync('public'));
fails('rename missing', () => fs.renameSync('nope', 'other'));
fails('path of a number', () => fs.readFileSync({}));
fs.writeFileSync('out.txt', 'hello');
fs.appendFileSync('out.txt', ' world');
fs.writeFileSync('out.txt', '!', { flag: 'a' });
out('written', fs.readFileSync('out.txt', 'utf8'), fs.statSync('out.txt').size);
fs.writeFileSync('bin.dat', Buffer.from([1, 2, 255]));
fs.writeFileSync('hex.txt', '6869', 'hex');
out('binary', [...fs.readFileSync('bin.dat')].join(','), fs.readFileSync('hex.txt', 'utf8'));
out('mkdir recursive', app(fs.mkdirSync('a/b/c', { recursive: true })), fs.mkdirSync('a/b', { recursive: true }) === undefined);
fs.writeFileSync('a/b/c/d.txt', 'deep');
fs.renameSync('a/b/c/d.txt', 'a/e.txt');
fs.copyFileSync('a/e.txt', 'a/f.txt');
out('tree', fs.readdirSync('a').sort().join(','), fs.readdirSync('a/b/c').length, fs.readFileSync('a/f.txt', 'utf8'));
out('realpath', app(fs.realpathSync('a/../data.txt')));
fs.rmSync('a', { recursive: true });
fs.rmSync('nope', { force: true });
out('removed', fs.existsSync('a'), fs.existsSync('a/e.txt'));
fs.unlinkSync('out.txt');
out('unlinked', fs.existsSync('out.txt'));
fs.readFile('data.txt', 'utf8', (error, text) => {
  out('callback', error, text);
  fs.readFile('nope', (missing) => {
    out('callback error', missing.code, missing.syscall);
    fs.exists('data.txt', (found) => {
      out('exists callback', found);
      fsp.readFile('data.txt', 'utf8').then(async (text2) => {
        out('promise', text2, fs.promises.readFile === fsp.readFile);
        out('promise readdir', (await fsp.readdir('public')).sort().join(','));
        await fsp.writeFile('p.txt', 'promised');
        out('promise write', await fsp.readFile('p.txt', 'utf8'));
        await fsp.stat('nope').catch((e) => out('promise error', e.code, app(e.message)));
        const chunks = [];
        fs.createReadStream('public/index.html', { encoding: 'utf8' })
          .on('data', (chunk) => chunks.push(chunk))
          .on('end', () => {
            out('stream', chunks.join(''));
            const sink = fs.createWriteStream('log.txt');
            sink.write('one ');
            sink.end('two', () => {
              out('write stream', fs.readFileSync('log.txt', 'utf8'));
              fs.createReadStream('nope').on('error', (e) => out('stream error', e.code, e.syscall));
            });
          });
      });
    });
  });
});
`;

const FILES = {
  'handler.js': SCRIPT,
  'data.txt': 'Some data, and é',
  'public/index.html': '<!doctype html><title>Hello</title>\n',
};

describe('fs in the page', () => {
  it("reads and writes the app's files as Node's fs does, errors included", async () => {
    const { node, page } = await runUnderBoth(FILES);
    expect(node.stderr).toBe('');
    expect(page.code).toBe(0);
    expect(page.stderr).toBe('');
    expect(page.stdout).toBe(node.stdout);
    // What the script goes through, so a shorter run cannot pass unnoticed.
    expect(page.stdout).toContain('write stream one two\nstream error ENOENT open\n');
  });

  it('keeps writes in the handler process: a new process starts from the saved files', async () => {
    const files = {
      'handler.js': `const fs = require('fs');
        console.log(fs.readFileSync('data.txt', 'utf8'));
        fs.writeFileSync('data.txt', 'changed');`,
      'data.txt': 'saved',
    };
    const first = runInPage(files);
    expect(await first.exited).toBe(0);
    const second = runInPage(files);
    expect(await second.exited).toBe(0);
    expect(first.stdout()).toBe('saved\n');
    expect(second.stdout()).toBe('saved\n');
  });
});

import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { validateInbound } from '../embed/messageApi';
import { decodeShareFragment } from '../share/codec';
import { v1LinkOf } from '../share/testing';
import { createFilesStore } from '../stores/filesStore';
import { importZip } from '../transfer/importApp';

/**
 * Bad inputs tried around the file rules, each with what it gets now: the same rules whichever way
 * the file arrives (zip, share link, message API, editor).
 */

const APP = { 'host.json': '{"version":"2.0"}', 'handler.js': 'x' };
const zip = (files: Record<string, string | Uint8Array>) =>
  zipSync(
    Object.fromEntries(
      Object.entries(files).map(([p, t]) => [`app/${p}`, typeof t === 'string' ? strToU8(t) : t]),
    ),
  );

/** A zip whose extra entry's name is exactly these four bytes (then `.js`). */
function zipWithRawName(name: readonly number[]): Uint8Array {
  const bytes = Buffer.from(zip({ ...APP, 'XXXX.js': 'y' }));
  for (let at = bytes.indexOf('XXXX.js'); at >= 0; at = bytes.indexOf('XXXX.js')) bytes.set(name, at);
  return new Uint8Array(bytes);
}

const warningsOf = (result: ReturnType<typeof importZip>) =>
  result.ok ? result.warnings.join('\n') : result.error;
const env = { source: 'fchp', version: 1 };
const setFile = (path: unknown, text: unknown) =>
  validateInbound({ ...env, type: 'setFile', id: 'x', path, text });
const link = (state: Record<string, unknown>) =>
  decodeShareFragment(
    v1LinkOf({ openTabs: [], composer: { method: 'GET', path: '/', headers: [], body: '' }, ...state }),
  );

describe('zip entries', () => {
  test('a name with a trailing space (Windows would drop it) is skipped, saying why', () => {
    const result = importZip(zip({ ...APP, 'a.js ': 'x' }));
    expect(result).toMatchObject({ ok: true, skipped: ['a.js '] });
    expect(warningsOf(result)).toContain("'a.js ' starts or ends with a space, or ends with a '.'.");
  });

  test('a name that is not UTF-8, or holds a NUL, is skipped; the NUL is shown escaped', () => {
    expect(warningsOf(importZip(zipWithRawName([0xff, 0xfe, 0x41, 0x42])))).toMatch(
      /Skipped '\uFFFD\uFFFDAB\.js'/,
    );
    const nul = warningsOf(importZip(zipWithRawName([0x41, 0x00, 0x42, 0x43])));
    expect(nul).toContain("Skipped 'A\\u0000BC.js'");
    expect(nul).not.toContain('\u0000');
  });

  test('text with a control character an editor never writes is binary: skipped', () => {
    expect(importZip(zip({ ...APP, 'a.txt': 'a\u0001b' }))).toMatchObject({ ok: true, skipped: ['a.txt'] });
  });

  test('UTF-8 with a BOM is kept as it is; UTF-16 BE is decoded; an odd UTF-16 or a lone surrogate is binary', () => {
    const bom = importZip(zip({ ...APP, 'host.json': new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]) }));
    expect(bom).toMatchObject({ ok: true, files: { 'host.json': '\uFEFF{}' } });
    const be = importZip(zip({ ...APP, 'host.json': new Uint8Array([0xfe, 0xff, 0, 0x7b, 0, 0x7d]) }));
    expect(be).toMatchObject({ ok: true, files: { 'host.json': '{}' } });
    expect(warningsOf(be)).toContain('host.json was UTF-16 BE; it is kept as UTF-8.');
    // host.json unreadable: the app has no host.json, and says which file was skipped.
    const odd = importZip(zip({ ...APP, 'host.json': new Uint8Array([0xff, 0xfe, 0x7b]) }));
    expect(odd).toMatchObject({ ok: true, skipped: ['host.json'] });
    const lone = importZip(zip({ ...APP, 'h.txt': new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]) }));
    expect(lone).toMatchObject({ ok: true, skipped: ['h.txt'] });
  });

  test('an empty step in a name is skipped; a file and a folder of the same name load nothing', () => {
    expect(importZip(zip({ ...APP, 'a//b.js': '1' }))).toMatchObject({ ok: true, skipped: ['a//b.js'] });
    expect(importZip(zip({ ...APP, notes: '1', 'NOTES/a.txt': '2' }))).toEqual({
      ok: false,
      error: "'notes' is a file, so it cannot be a folder of 'NOTES/a.txt'. Nothing was loaded.",
    });
  });
});

describe('share links', () => {
  test('a file named __proto__ or valueOf is a file; a tab on it opens it', () => {
    const proto = link({ files: JSON.parse('{"__proto__":"x","host.json":"{}"}') as unknown });
    expect(proto.ok && Object.getOwnPropertyDescriptor(proto.state.files, '__proto__')?.value).toBe('x');
    expect(link({ files: { valueOf: 'v' }, openTabs: ['valueOf'] })).toMatchObject({
      ok: true,
      state: { openTabs: ['valueOf'] },
    });
  });

  test('an activeFile naming an inherited name it does not hold is refused', () => {
    expect(link({ files: { 'a.js': '' }, activeFile: 'hasOwnProperty' })).toEqual({
      ok: false,
      error: 'This share link has an invalid activeFile: "hasOwnProperty" is not one of its files.',
    });
  });

  test('case twins and over-long names are refused as a zip refuses them', () => {
    expect(link({ files: { 'a.js': '', 'A.JS': '' } })).toEqual({
      ok: false,
      error:
        "This share link holds files that cannot sit side by side: 'A.JS' and 'a.js' differ only in case.",
    });
    expect(link({ files: { [`${'a'.repeat(300)}`]: '' } })).toMatchObject({ ok: false });
  });
});

describe('message API setFile', () => {
  test.each([
    ['a lone surrogate in the text', 'a.js', '\ud800', /"text" must be text/],
    ['a path ending in /', 'a/', '', /A path must name a file inside the app/],
    ['a path that is a list', ['a.js'], '', /"path" must be a string/],
    ['a path with a letter outside ASCII', 'café.js', '', /may only use letters/],
    ['a path ending in a dot', 'a.', '', /ends with a '\.'/],
  ])('refuses %s', (_name, path, text, error) => {
    const checked = setFile(path, text);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.error).toMatch(error);
  });

  test('accepts __proto__ as a path', () => {
    expect(setFile('__proto__', '')).toMatchObject({ ok: true });
  });
});

describe('the editor', () => {
  test('rename onto a folder, into a file, or by case only', () => {
    const files = createFilesStore();
    files.getState().load({ 'handler.js': '', 'order/function.json': '{}', notes: '' }, 't');
    expect(files.getState().rename('handler.js', 'ORDER')).toBe(
      "'ORDER' is already a folder (it holds 'order/function.json').",
    );
    expect(files.getState().rename('handler.js', 'notes/handler.js')).toBe(
      "'notes' is a file, so it cannot be a folder of 'notes/handler.js'.",
    );
    expect(files.getState().create('valueOf')).toBeUndefined();
    expect(files.getState().rename('handler.js', 'HANDLER.js')).toBeUndefined();
    expect(Object.keys(files.getState().files).sort()).toEqual([
      'HANDLER.js',
      'notes',
      'order/function.json',
      'valueOf',
    ]);
  });
});

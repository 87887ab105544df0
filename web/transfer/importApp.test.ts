import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, test } from 'vitest';
import { MAX_BYTES, MAX_FILES, importFolder, importZip, type FolderEntry } from './importApp';

const APP: Record<string, string> = {
  'host.json': '{"version":"2.0"}',
  'local.settings.json': '{"Values":{"FUNCTIONS_WORKER_RUNTIME":"custom"}}',
  'hello/function.json': '{"bindings":[]}',
  'handler.js': '// hi\n',
};

/** A zip of text files (or raw bytes), each under `prefix`. */
function zip(files: Record<string, string | Uint8Array>, prefix = ''): Uint8Array {
  // fromEntries, not assignment: a file named __proto__ must stay an entry.
  const zippable: Zippable = Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      prefix + path,
      typeof content === 'string' ? strToU8(content) : content,
    ]),
  );
  return zipSync(zippable, { mtime: new Date(2020, 0, 1) });
}

/** Rewrites the uncompressed size that the central directory declares for `name`. */
function declare(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const wanted = strToU8(name);
  for (let o = 0; o + 46 < out.length; o++) {
    if (view.getUint32(o, true) !== 0x02014b50 || view.getUint16(o + 28, true) !== wanted.length) continue;
    if (out.subarray(o + 46, o + 46 + wanted.length).every((b, i) => b === wanted[i])) {
      view.setUint32(o + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

function error(result: ReturnType<typeof importZip>): string {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
}

describe('importZip: where the app is', () => {
  test('an app at the top of the zip is named after the zip file', () => {
    expect(importZip(zip(APP), 'My Demo.zip')).toEqual({
      ok: true,
      name: 'My-Demo',
      files: APP,
      skipped: [],
      warnings: [],
    });
  });

  test('an app in a top folder (or deeper) loses that prefix and takes its name', () => {
    const top = importZip(zip(APP, 'order/'));
    expect(top).toMatchObject({ ok: true, name: 'order', files: APP });
    const deep = importZip(zip({ ...APP, 'notes.txt': 'not in the app' }, 'projects/order/'));
    expect(deep).toMatchObject({ ok: true, name: 'order', files: APP });
  });

  test('files outside the app folder are left out and listed', () => {
    const result = importZip(zip({ 'order/host.json': '{}', 'notes.txt': 'x' }));
    expect(result).toMatchObject({ ok: true, files: { 'host.json': '{}' }, skipped: ['notes.txt'] });
    if (result.ok) expect(result.warnings).toContain('Left out 1 file(s) outside the app folder: notes.txt.');
  });

  test('two apps are an error naming both, with nothing loaded', () => {
    const both = zip({ 'a/host.json': '{}', 'b/host.json': '{}', 'a/handler.js': '' });
    expect(importZip(both)).toEqual({
      ok: false,
      error: 'Found 2 apps (a/host.json, b/host.json); import one app at a time.',
    });
  });

  test('no host.json, or no zip at all, is an error', () => {
    expect(error(importZip(zip({ 'handler.js': '' })))).toMatch(/^No host.json found/);
    expect(error(importZip(strToU8('just text')))).toBe('This is not a zip file (or it is damaged).');
    expect(error(importZip(new Uint8Array(0)))).toBe('This is not a zip file (or it is damaged).');
  });
});

describe('importZip: what is skipped', () => {
  test('directories, tool folders and OS junk are not loaded; tool folders are listed', () => {
    const result = importZip(
      zip(
        {
          ...APP,
          'hello/': new Uint8Array(0),
          'node_modules/left-pad/index.js': 'module.exports = 1;',
          '.git/config': '[core]',
          '.vscode/settings.json': '{}',
          '.DS_Store': new Uint8Array([0, 0, 0, 1]),
          'hello/._function.json': new Uint8Array([0, 5]),
        },
        'order/',
      ),
    );
    expect(result).toEqual({
      ok: true,
      name: 'order',
      files: APP,
      skipped: ['.git/', '.vscode/', 'node_modules/'],
      warnings: [
        'Left out node_modules/: it belongs to tools, not to the app.',
        'Left out .git/: it belongs to tools, not to the app.',
        'Left out .vscode/: it belongs to tools, not to the app.',
      ],
    });
  });

  test('a __MACOSX folder beside the app is dropped silently', () => {
    const result = importZip(zip({ ...APP, '__MACOSX/order/._host.json': new Uint8Array([0]) }, ''));
    expect(result).toMatchObject({ ok: true, files: APP, skipped: [], warnings: [] });
  });

  test('binary files (NUL bytes or not UTF-8) are skipped with a note; the rest loads', () => {
    const result = importZip(
      zip({
        ...APP,
        'logo.png': new Uint8Array([0x89, 0x50, 0, 0]),
        'latin1.txt': new Uint8Array([0x63, 0xe9]),
      }),
    );
    expect(result).toEqual({
      ok: true,
      name: 'app',
      files: APP,
      skipped: ['latin1.txt', 'logo.png'],
      warnings: ['Skipped 2 binary file(s) the editor cannot hold: latin1.txt, logo.png.'],
    });
  });

  test('names the editor cannot hold are skipped with the reason', () => {
    const result = importZip(zip({ ...APP, 'hello/a#b.txt': 'x' }));
    expect(result).toMatchObject({ ok: true, files: APP, skipped: ['hello/a#b.txt'] });
    if (result.ok) expect(result.warnings[0]).toMatch(/^Skipped 'hello\/a#b.txt': 'a#b.txt' may only use/);
  });

  test('a missing local.settings.json or function folder is a warning', () => {
    const result = importZip(zip({ 'host.json': '{}', 'handler.js': '' }));
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        'No local.settings.json: a default one will be used.',
        'No function folders (<name>/function.json) yet: the app has no functions.',
      ],
    });
  });
});

describe('importZip: hostile zips load nothing', () => {
  test.each([
    ['../evil', "'../evil' points outside the app with '..'. Nothing was loaded."],
    ['order/../../evil', "'order/../../evil' points outside the app with '..'. Nothing was loaded."],
    ['/abs', "'/abs' is an absolute path. Nothing was loaded."],
    ['C:/abs', "'C:/abs' is an absolute path. Nothing was loaded."],
    ['a\\b', "'a\\b' uses backslashes; zip and folder paths must use '/'. Nothing was loaded."],
  ])('%s', (name, message) => {
    expect(importZip(zip({ ...APP, [name]: 'x' }))).toEqual({ ok: false, error: message });
  });

  test('a huge declared size is refused before anything is inflated', () => {
    const bomb = declare(zip({ ...APP, 'big.txt': 'small' }), 'big.txt', 0xfffffff0);
    expect(error(importZip(bomb))).toBe("The app's files add up to 4096.0 MB; at most 5.0 MB can be loaded.");
  });

  test('an entry holding more than it declares is refused, without inflating it all', () => {
    const liar = declare(zip({ ...APP, 'big.txt': 'a'.repeat(4 * 1024 * 1024) }), 'big.txt', 10);
    expect(error(importZip(liar))).toBe(
      "'big.txt' holds more bytes than the 10 its zip entry declares. Nothing was loaded.",
    );
  });

  test('an entry holding less than it declares is refused', () => {
    const liar = declare(zip({ ...APP, 'small.txt': 'abc' }), 'small.txt', 1000);
    expect(error(importZip(liar))).toBe(
      "'small.txt' holds fewer bytes than the 1000 its zip entry declares. Nothing was loaded.",
    );
  });

  test('more actual bytes than the limit are refused', () => {
    const big = zip({ ...APP, 'big.txt': 'a'.repeat(MAX_BYTES + 1) });
    expect(error(importZip(big))).toMatch(
      /^The app's files add up to 5\.0 MB; at most 5\.0 MB can be loaded\.$/,
    );
  });

  test('too many files are refused', () => {
    const many: Record<string, string> = { ...APP };
    for (let i = 0; Object.keys(many).length <= MAX_FILES; i++) many[`f/${i}.txt`] = '';
    expect(error(importZip(zip(many)))).toBe(
      `The app has ${MAX_FILES + 1} files; at most ${MAX_FILES} can be loaded.`,
    );
  });
});

/** A picked folder's file: its bytes (a string is taken as UTF-8). */
const entry = (path: string, content: string | Uint8Array, size?: number): FolderEntry => {
  const bytes = typeof content === 'string' ? strToU8(content) : content;
  return { path, size: size ?? bytes.length, bytes: () => Promise.resolve(bytes) };
};
const unread = (path: string): FolderEntry => ({
  path,
  size: 1,
  bytes: () => Promise.reject(new Error(`${path} should not be read`)),
});

/** Sets the CRC-32 the central directory declares for `name` to a wrong value. */
function breakCrc(bytes: Uint8Array, name: string): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const wanted = strToU8(name);
  for (let o = 0; o + 46 < out.length; o++) {
    if (view.getUint32(o, true) !== 0x02014b50 || view.getUint16(o + 28, true) !== wanted.length) continue;
    if (out.subarray(o + 46, o + 46 + wanted.length).every((b, i) => b === wanted[i])) {
      view.setUint32(o + 16, view.getUint32(o + 16, true) ^ 1, true);
      return out;
    }
  }
  throw new Error(`no central directory entry for ${name}`);
}

const utf16le = (text: string) =>
  new Uint8Array([
    0xff,
    0xfe,
    ...Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
  ]);

describe('zip and folder import follow the file rules of share links', () => {
  test('a 5,004-character file name is skipped with the reason, not loaded', async () => {
    const long = `${'a'.repeat(5001)}.js`;
    for (const result of [
      importZip(zip({ ...APP, [long]: 'x' })),
      await importFolder([...folder(APP), entry(long, 'x')]),
    ]) {
      expect(result).toMatchObject({ ok: true, files: APP, skipped: [long] });
      if (result.ok)
        expect(result.warnings[0]).toMatch(/^Skipped 'a{20}.*': A path may be at most 260 characters/);
      if (result.ok) expect(result.warnings[0]!.length).toBeLessThan(300);
    }
  });

  test('two files whose names differ only in case load nothing, naming both', async () => {
    const twins = { ...APP, 'Handler.js': '// other\n' };
    const expected = {
      ok: false,
      error: "'Handler.js' and 'handler.js' differ only in case. Nothing was loaded.",
    };
    expect(importZip(zip(twins))).toEqual(expected);
    expect(await importFolder(folder(twins))).toEqual(expected);
    expect(importZip(zip({ ...APP, notes: 'x', 'Notes/a.txt': 'y' }))).toEqual({
      ok: false,
      error: "'notes' is a file, so it cannot be a folder of 'Notes/a.txt'. Nothing was loaded.",
    });
  });

  test('an entry whose CRC-32 is wrong is damaged: nothing is loaded', () => {
    expect(importZip(breakCrc(zip(APP), 'handler.js'))).toEqual({
      ok: false,
      error: "'handler.js' is damaged: its CRC-32 does not match its contents. Nothing was loaded.",
    });
  });

  test('files named like what every object inherits load as files', async () => {
    const odd = {
      ...APP,
      toString: 'a',
      constructor: 'b',
      'valueOf/x.js': 'c',
      hasOwnProperty: 'd',
      __proto__x: 'e',
    };
    const named = Object.fromEntries([...Object.entries(odd), ['__proto__', 'f']]);
    // In a folder: fflate itself cannot write a top-level entry named __proto__.
    for (const result of [importZip(zip(named, 'odd/')), await importFolder(folder(named))]) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(Object.keys(result.files).sort()).toEqual(Object.keys(named).sort());
      expect(Object.getPrototypeOf(result.files)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(result.files, '__proto__')?.value).toBe('f');
    }
  });

  test('a UTF-16 host.json (with its byte order mark) loads as text, with a note', async () => {
    const bytes = utf16le('{"version":"2.0"}');
    for (const result of [
      importZip(zip({ ...APP, 'host.json': bytes })),
      await importFolder([...folder(APP).filter((e) => e.path !== 'host.json'), entry('host.json', bytes)]),
    ]) {
      expect(result).toMatchObject({ ok: true, files: APP });
      if (result.ok) expect(result.warnings).toContain('host.json was UTF-16 LE; it is kept as UTF-8.');
    }
  });
});

function folder(files: Record<string, string | Uint8Array>): FolderEntry[] {
  return Object.entries(files).map(([p, t]) => entry(p, t));
}

describe('importFolder', () => {
  test('loads a picked folder by the same rules, reading nothing it skips', async () => {
    const entries = [
      ...Object.entries(APP).map(([p, t]) => entry(`order/${p}`, t)),
      unread('order/node_modules/x/index.js'),
      unread('order/.DS_Store'),
      entry('order/icon.ico', '\0\0\u0001'),
      entry('order/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])),
    ];
    expect(await importFolder(entries)).toEqual({
      ok: true,
      name: 'order',
      files: APP,
      skipped: ['icon.ico', 'latin1.txt', 'node_modules/'],
      warnings: [
        'Left out node_modules/: it belongs to tools, not to the app.',
        'Skipped 2 binary file(s) the editor cannot hold: icon.ico, latin1.txt.',
      ],
    });
  });

  test('hostile paths and several apps load nothing', async () => {
    expect(await importFolder([entry('host.json', '{}'), unread('../evil')])).toEqual({
      ok: false,
      error: "'../evil' points outside the app with '..'. Nothing was loaded.",
    });
    expect(await importFolder([unread('a/host.json'), unread('b/host.json')])).toMatchObject({ ok: false });
  });

  test('checks what was read, not only what the size said', async () => {
    const result = await importFolder([
      entry('host.json', '{}'),
      entry('big.txt', 'a'.repeat(MAX_BYTES + 1), 10),
    ]);
    expect(result).toEqual({
      ok: false,
      error: "The app's files add up to more than 5 MB. Nothing was loaded.",
    });
  });

  test('a file that cannot be read is an error', async () => {
    expect(await importFolder([entry('host.json', '{}'), unread('handler.js')])).toEqual({
      ok: false,
      error: "'handler.js' could not be read. Nothing was loaded.",
    });
  });
});

import { describe, expect, test } from 'vitest';
import {
  checkShareable,
  decodeShareFragment,
  encodeShareFragment,
  SHARE_LINK_WARN_LENGTH,
  shareLinkStatus,
} from './codec';
import { V1_ORDER_LINK, V1_ORDER_STATE, V1_SMALL_STATE } from './fixtures/v1';
import type { SharedState } from './shareState';
import { rawV1Link, v1LinkOf } from './testing';
import { toBase64Url } from './base64url';
import { zlibCompress } from './zlib';

function decoded(fragment: string): SharedState {
  const result = decodeShareFragment(fragment);
  if (!result.ok) throw new Error(result.error);
  return result.state;
}

function errorOf(fragment: string): string {
  const result = decodeShareFragment(fragment);
  expect(result.ok).toBe(false);
  // Nothing half-loaded: a failed decode carries no state at all.
  expect(Object.keys(result).sort()).toEqual(['error', 'ok']);
  return result.ok ? '' : result.error;
}

/** Some text that does not compress away, so sizes mean something. */
function noise(length: number, seed = 1): string {
  let x = seed;
  let out = '';
  while (out.length < length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += 'abcdefghijklmnopqrstuvwxyz0123456789 \n{}();'[x % 43];
  }
  return out;
}

describe('pinned links', () => {
  test('the v1 link from the order example decodes to exactly its state', () => {
    expect(decoded(V1_ORDER_LINK)).toStrictEqual(V1_ORDER_STATE);
    expect(decoded(`#${V1_ORDER_LINK}`)).toStrictEqual(V1_ORDER_STATE);
  });

  test('the current encoder still writes the pinned v1 link', () => {
    // If this fails after a dependency upgrade, old links still open (the test above): pin the new
    // output as another fixture instead of replacing this one.
    expect(encodeShareFragment(V1_ORDER_STATE)).toBe(V1_ORDER_LINK);
  });
});

describe('round trip', () => {
  test('state → fragment → the same state', () => {
    const fragment = encodeShareFragment(V1_ORDER_STATE);
    expect(fragment.startsWith('s1.')).toBe(true);
    expect(fragment).toMatch(/^s1\.[A-Za-z0-9_-]+$/);
    expect(decoded(fragment)).toStrictEqual(V1_ORDER_STATE);
  });

  test('files named like what every object inherits survive, as files', () => {
    const link = rawV1Link(
      '{"files":{"__proto__":"p","toString":"t","constructor":"c","valueOf/x.js":"v","hasOwnProperty":"h"},' +
        '"activeFile":"toString","openTabs":["__proto__"],"composer":{"method":"GET","path":"/","headers":[],"body":""}}',
    );
    const state = decoded(link);
    expect(Object.keys(state.files).sort()).toEqual([
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
      'valueOf/x.js',
    ]);
    expect(Object.getOwnPropertyDescriptor(state.files, '__proto__')?.value).toBe('p');
    expect(state.activeFile).toBe('toString');
    expect(state.openTabs).toEqual(['__proto__']);
    expect(decoded(encodeShareFragment(state))).toStrictEqual(state);
  });

  test('optional fields left out stay out', () => {
    expect(decoded(encodeShareFragment(V1_SMALL_STATE))).toStrictEqual(V1_SMALL_STATE);
  });

  test('unicode in files, bodies and headers survives', () => {
    const state: SharedState = {
      files: {
        'handler.js': 'const s = "héllo wörld — 日本語 עברית 👩‍💻 e\u0301";\n\tconsole.log(s);\r\n',
        'data/emoji.txt': '🎉🚀 \u001b[31mred\u001b[0m\f',
      },
      activeFile: 'data/emoji.txt',
      openTabs: ['data/emoji.txt', 'handler.js'],
      composer: {
        method: 'PUT',
        path: '/api/ünï?q=✓',
        headers: [['X-Naïve', 'café ☕']],
        body: '{"name":"Zoë 🐱"}',
      },
      recent: [],
      example: 'hello',
      layout: { tree: 180.5, side: 0 },
    };
    expect(decoded(encodeShareFragment(state))).toStrictEqual(state);
  });

  test('a large app (1.5 MB) survives and the link says it is too long for chat', () => {
    const state: SharedState = {
      ...V1_SMALL_STATE,
      files: { ...V1_SMALL_STATE.files, 'big.js': noise(1_500_000) },
    };
    const fragment = encodeShareFragment(state);
    expect(decoded(fragment)).toStrictEqual(state);
    expect(shareLinkStatus(`https://example.test/#${fragment}`)).toBe('too-long');
  });

  test('the same app gives the same link, whatever order its files were added in', () => {
    const reversed = Object.fromEntries(Object.entries(V1_ORDER_STATE.files).reverse());
    expect(encodeShareFragment({ ...V1_ORDER_STATE, files: reversed })).toBe(V1_ORDER_LINK);
  });

  test('a composer target still being typed gets its leading slash', () => {
    const state = { ...V1_SMALL_STATE, composer: { ...V1_SMALL_STATE.composer, path: 'api/hello' } };
    expect(decoded(encodeShareFragment(state)).composer.path).toBe('/api/hello');
  });
});

describe('link length', () => {
  test('the order example fits in a chat message', () => {
    expect(shareLinkStatus(`https://playground.example/#${V1_ORDER_LINK}`)).toBe('ok');
    expect(V1_ORDER_LINK.length).toBeLessThan(3000);
  });

  test('warns above the limit', () => {
    expect(shareLinkStatus('x'.repeat(SHARE_LINK_WARN_LENGTH))).toBe('ok');
    expect(shareLinkStatus('x'.repeat(SHARE_LINK_WARN_LENGTH + 1))).toBe('too-long');
  });
});

describe('unshareable states are refused before making a link', () => {
  test.each([
    [{ 'a\u0000.js': 'x' }, 'This app cannot be shared: it holds an unsafe file name "a\\u0000.js"'],
    [{ 'bin.dat': 'a\u0000b' }, 'This app cannot be shared: it holds a file that is not text: "bin.dat".'],
    [{ 'big.js': noise(2_200_000) }, 'This app is too large to share (more than 2 MB).'],
  ])('%#', (files, message) => {
    const state = { ...V1_SMALL_STATE, files };
    expect(checkShareable(state)).toContain(message);
    expect(() => encodeShareFragment(state)).toThrow(message);
  });

  test('a shareable state has no problem', () => {
    expect(checkShareable(V1_ORDER_STATE)).toBeUndefined();
  });
});

describe('damaged links', () => {
  test.each([
    ['', 'This share link is empty.'],
    ['#', 'This share link is empty.'],
    ['hello', 'This share link was not made by this playground (it should start with #s1.).'],
    ['code/abc', 'This share link was not made by this playground (it should start with #s1.).'],
    ['s1', 'This share link is damaged: it was cut short.'],
    ['s1.', 'This share link is damaged: it was cut short.'],
    [
      's9.eNrLSM3JyQcABiwCFQ',
      'This share link was made by a newer version of the playground (s9). Reload the page to update it.',
    ],
    ['s0.eNrLSM3JyQcABiwCFQ', 'This share link has a format this playground does not know (s0).'],
    [
      's1.abc+def',
      'This share link is damaged: it holds a character a share link never has ("+" at position 4).',
    ],
    [
      's1.abc/def',
      'This share link is damaged: it holds a character a share link never has ("/" at position 4).',
    ],
    [
      's1.abcd=',
      'This share link is damaged: it holds a character a share link never has ("=" at position 5).',
    ],
    [
      's1.ab cd',
      'This share link is damaged: it holds a character a share link never has (" " at position 3).',
    ],
    [
      's1.%41bc',
      'This share link is damaged: it holds a character a share link never has ("%" at position 1).',
    ],
    [
      's1.abé',
      'This share link is damaged: it holds a character a share link never has ("é" at position 3).',
    ],
    [
      's1.AAAAAAAAAAA',
      'This share link is damaged: its data is not in the compressed form the playground writes.',
    ],
  ])('%j', (fragment, message) => {
    expect(errorOf(fragment)).toBe(message);
  });

  test('a link cut anywhere says it was cut short', () => {
    const link = V1_ORDER_LINK;
    for (let end = 3; end < link.length; end += end < 40 || end > link.length - 40 ? 1 : 97) {
      expect(errorOf(link.slice(0, end)), `cut at ${end}`).toBe(
        'This share link is damaged: it was cut short.',
      );
    }
  });

  test('a link with a changed character does not load', () => {
    const link = V1_ORDER_LINK;
    for (const at of [3, 4, 100, 1000, link.length - 10, link.length - 3]) {
      const changed = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
      expect(errorOf(changed), `changed at ${at}`).toMatch(/^This share link is damaged: /);
    }
  });

  test('a zip bomb is stopped at the size cap', () => {
    // 64 MB of one letter compresses to about 64 kB; decoding stops once 2 MB came out.
    const bomb = rawV1Link(`{"files":{"a.txt":"${'a'.repeat(64 * 1024 * 1024)}"}}`);
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    expect(errorOf(bomb)).toBe('This share link holds too much: more than 2 MB once unpacked.');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('a link longer than any browser keeps is refused before decoding', () => {
    expect(errorOf(`s1.${'A'.repeat(2_000_001)}`)).toBe(
      'This share link is too long to open (2000001 characters; at most 2000000).',
    );
  });

  test('payloads that are not UTF-8 or not JSON', () => {
    expect(errorOf(rawV1Link('{"files": '))).toBe(
      'This share link is damaged: its contents are not valid JSON.',
    );
    const latin1 = `s1.${encodeBytes(new Uint8Array([0x7b, 0xff, 0x7d]))}`;
    expect(errorOf(latin1)).toBe('This share link is damaged: its contents are not valid UTF-8 text.');
  });
});

const encodeBytes = (bytes: Uint8Array) => toBase64Url(zlibCompress(bytes));

const base = JSON.parse(JSON.stringify(V1_SMALL_STATE)) as Record<string, unknown>;
const withState = (patch: Record<string, unknown>) => v1LinkOf({ ...base, ...patch });
const withComposer = (patch: Record<string, unknown>) =>
  withState({ composer: { ...(base.composer as object), ...patch } });
const manyFiles = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}.js`, '']));

describe('hostile or malformed contents', () => {
  test.each([
    // The shape of the whole.
    [v1LinkOf(null), 'does not hold an app: expected an object with files.'],
    [v1LinkOf([]), 'does not hold an app: expected an object with files.'],
    [v1LinkOf('files'), 'does not hold an app: expected an object with files.'],
    [v1LinkOf(42), 'does not hold an app: expected an object with files.'],
    [withState({ evil: true }), 'has an unexpected field "evil".'],
    // Files.
    [withState({ files: [] }), 'has an invalid files: expected an object.'],
    [withState({ files: 'x' }), 'has an invalid files: expected an object.'],
    [withState({ files: {} }), 'holds no files.'],
    [withState({ files: manyFiles(301) }), 'holds too many files (301; at most 300).'],
    [
      withState({ files: { '../x': '' } }),
      `holds an unsafe file name "../x": '../x' has an empty, '.' or '..' segment.`,
    ],
    [
      withState({ files: { '/etc/passwd': '' } }),
      'holds an unsafe file name "/etc/passwd": A path must name a file inside the app.',
    ],
    [
      withState({ files: { '<script>.js': '' } }),
      `holds an unsafe file name "<script>.js": '<script>.js' may only use letters, digits, '.', '_', '-', '@' and spaces.`,
    ],
    [
      withState({ files: { 'a//b': '' } }),
      `holds an unsafe file name "a//b": 'a//b' has an empty, '.' or '..' segment.`,
    ],
    [
      withState({ files: { 'a\u0000b': '' } }),
      `holds an unsafe file name "a\\u0000b": 'a\\u0000b' may only use letters, digits, '.', '_', '-', '@' and spaces.`,
    ],
    [
      withState({ files: { 'C:\\x.js': '' } }),
      `holds an unsafe file name "C:\\\\x.js": 'C:\\x.js' may only use letters, digits, '.', '_', '-', '@' and spaces.`,
    ],
    [
      withState({ files: { 'a/./b': '' } }),
      `holds an unsafe file name "a/./b": 'a/./b' has an empty, '.' or '..' segment.`,
    ],
    [
      withState({ files: { '': '' } }),
      'holds an unsafe file name "": A path must name a file inside the app.',
    ],
    [
      withState({ files: { ['a'.repeat(261)]: '' } }),
      `holds an unsafe file name "${'a'.repeat(77)}…": A path may be at most 260 characters (this one has 261).`,
    ],
    [
      withState({ files: { 'a.js': 5 } }),
      'has an invalid content for "a.js": expected the file as text (a string).',
    ],
    [
      withState({ files: { 'a.js': null } }),
      'has an invalid content for "a.js": expected the file as text (a string).',
    ],
    [
      withState({ files: { 'a.js': ['x'] } }),
      'has an invalid content for "a.js": expected the file as text (a string).',
    ],
    [withState({ files: { 'x.bin': 'PK\u0003\u0004\u0000' } }), 'holds a file that is not text: "x.bin".'],
    [withState({ files: { 'x.txt': 'half \ud800 a pair' } }), 'holds a file that is not text: "x.txt".'],
    [
      withState({ files: { 'a.js': '', 'A.js': '' } }),
      `holds files that cannot sit side by side: 'A.js' and 'a.js' differ only in case.`,
    ],
    [
      withState({ files: { 'lib/a.js': '', 'LIB/b.js': '', lib: '' } }),
      `holds files that cannot sit side by side: 'lib' is a file, so it cannot be a folder of 'LIB/b.js'.`,
    ],
    [
      withState({ files: { 'Lib/a.js': '', lib: '' } }),
      `holds files that cannot sit side by side: 'lib' is a file, so it cannot be a folder of 'Lib/a.js'.`,
    ],
    // Tabs and the active file.
    [withState({ openTabs: 'host.json' }), 'has an invalid openTabs: expected a list.'],
    [withState({ openTabs: [5] }), 'has an invalid openTabs[0]: expected a string.'],
    [
      withState({ openTabs: ['missing.js'] }),
      'has an invalid openTabs[0]: "missing.js" is not one of its files.',
    ],
    [withState({ openTabs: ['host.json', 'host.json'] }), 'has "host.json" open in two tabs.'],
    [withState({ activeFile: 5 }), 'has an invalid activeFile: expected a string.'],
    [withState({ activeFile: '../x' }), 'has an invalid activeFile: "../x" is not one of its files.'],
    [withState({ activeFile: 'toString' }), 'has an invalid activeFile: "toString" is not one of its files.'],
    // The composer and recent requests.
    [withState({ composer: null }), 'has an invalid composer: expected an object.'],
    [withState({ composer: undefined }), 'has an invalid composer: expected an object.'],
    [withComposer({ method: 5 }), 'has an invalid composer.method: expected a string.'],
    [
      withComposer({ method: 'GE T' }),
      'has an invalid composer.method: expected an HTTP method such as GET or POST.',
    ],
    [
      withComposer({ method: '' }),
      'has an invalid composer.method: expected an HTTP method such as GET or POST.',
    ],
    [withComposer({ path: 5 }), 'has an invalid composer.path: expected a string.'],
    ...['api/x', '', '//evil.example/x', '/\\evil.example/x', '/a\r\nHost: evil'].map((path) => [
      withComposer({ path }),
      'has an invalid composer.path: expected a path that starts with a single "/" and has no control characters.',
    ]),
    [withComposer({ headers: 'x' }), 'has an invalid composer.headers: expected a list.'],
    [
      withComposer({ headers: [['a']] }),
      'has an invalid composer.headers[0]: expected a [name, value] pair.',
    ],
    [
      withComposer({ headers: [['a', 'b', 'c']] }),
      'has too many entries in composer.headers[0] (3; at most 2).',
    ],
    [withComposer({ headers: [['a', 5]] }), 'has an invalid composer.headers[0] value: expected a string.'],
    [
      withComposer({ headers: [['X-A', 'b\r\nSet-Cookie: x']] }),
      'has an invalid composer.headers[0]: expected a header without line breaks or control characters.',
    ],
    [withComposer({ body: 5 }), 'has an invalid composer.body: expected a string.'],
    [withComposer({ extra: 1 }), 'has an unexpected field "extra" in composer.'],
    [withState({ recent: 'x' }), 'has an invalid recent: expected a list.'],
    [withState({ recent: [null] }), 'has an invalid recent[0]: expected an object.'],
    [
      withState({ recent: Array(21).fill(base.composer) }),
      'has too many entries in recent (21; at most 20).',
    ],
    // Example and layout.
    [withState({ example: 5 }), 'has an invalid example: expected a string.'],
    [withState({ example: '../order' }), 'has an invalid example: expected an example name such as "order".'],
    [withState({ layout: [] }), 'has an invalid layout: expected an object.'],
    [withState({ layout: { tree: '200' } }), 'has an invalid layout.tree: expected a size from 0 to 100000.'],
    [withState({ layout: { tree: -1 } }), 'has an invalid layout.tree: expected a size from 0 to 100000.'],
    [withState({ layout: { tree: 1e9 } }), 'has an invalid layout.tree: expected a size from 0 to 100000.'],
    [withState({ layout: { '<img>': 1 } }), 'has an unexpected layout entry "<img>".'],
    [withState({ layout: { constructor: 1 } }), 'has an unexpected layout entry "constructor".'],
  ] as [string, string][])('%#: %s', (fragment, message) => {
    expect(errorOf(fragment)).toBe(`This share link ${message}`);
  });
});

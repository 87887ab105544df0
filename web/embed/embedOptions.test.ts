import { describe, expect, test } from 'vitest';
import type { EmbedSnippetInput } from './embedOptions';
import {
  ALL_PANELS,
  DEFAULT_EMBED_PANELS,
  embedSnippet,
  embedUrl,
  fullPlaygroundUrl,
  parseOrigin,
  readEmbedOptions,
} from './embedOptions';

describe('reading embed options', () => {
  test('no embed: the full page, every panel, no click-to-run', () => {
    expect(readEmbedOptions('')).toEqual({
      options: { embed: false, panels: ALL_PANELS, clickToRun: false, theme: 'system' },
      problems: [],
    });
    expect(readEmbedOptions('?embed=0').options.embed).toBe(false);
    expect(readEmbedOptions('?embed=false').options.embed).toBe(false);
  });

  test.each(['?embed', '?embed=', '?embed=1', '?embed=true', '?embed=TRUE'])(
    '%s turns embed on',
    (search) => {
      expect(readEmbedOptions(search)).toEqual({
        options: { embed: true, panels: DEFAULT_EMBED_PANELS, clickToRun: true, theme: 'system' },
        problems: [],
      });
    },
  );

  test('an odd embed value still embeds, and says so', () => {
    const { options, problems } = readEmbedOptions('?embed=yes');
    expect(options.embed).toBe(true);
    expect(problems).toHaveLength(1);
  });

  test.each([
    ['panels=editor,exchanges', ['editor', 'exchanges'], 0],
    ['panels=triggers,editor', ['editor', 'triggers'], 0],
    ['panels=files, Editor ,terminal,exchanges,triggers', ALL_PANELS, 0],
    ['panels=editor,editor', ['editor'], 0],
    ['panels=editor,preview', ['editor'], 1],
    ['panels=preview', DEFAULT_EMBED_PANELS, 2],
    ['panels=', DEFAULT_EMBED_PANELS, 1],
  ] as const)('%s', (query, panels, problemCount) => {
    const { options, problems } = readEmbedOptions(`?embed&${query}`);
    expect(options.panels).toEqual(panels);
    expect(problems).toHaveLength(problemCount);
  });

  test('an unknown panel is named in the problem', () => {
    expect(readEmbedOptions('?embed&panels=editor,preview').problems[0]).toContain('"preview"');
  });

  test.each([
    ['file=handler.js', 'handler.js'],
    ['file=order/function.json', 'order/function.json'],
    ['file=./handler.js', 'handler.js'],
  ])('%s opens %s', (query, file) => {
    expect(readEmbedOptions(`?embed&${query}`)).toMatchObject({ options: { file }, problems: [] });
  });

  test.each([
    'file=../etc/passwd',
    'file=/abs.js',
    'file=a//b.js',
    'file=dir/',
    'file=%3Cscript%3E.js',
    `file=${'a'.repeat(300)}`,
  ])('%s is refused', (query) => {
    const { options, problems } = readEmbedOptions(`?embed&${query}`);
    expect(options.file).toBeUndefined();
    expect(problems).toHaveLength(1);
  });

  test.each([
    ['?embed', true, 0],
    ['?embed&run=click', true, 0],
    ['?embed&run=auto', false, 0],
    ['?embed&run=later', true, 1],
    ['?run=click', true, 0],
  ] as const)('run mode %s', (search, clickToRun, problemCount) => {
    const { options, problems } = readEmbedOptions(search);
    expect(options.clickToRun).toBe(clickToRun);
    expect(problems).toHaveLength(problemCount);
  });

  test.each([
    ['', 'system', 0],
    ['&theme=light', 'light', 0],
    ['&theme=Dark', 'dark', 0],
    ['&theme=system', 'system', 0],
    ['&theme=purple', 'system', 1],
  ] as const)('theme %s', (query, theme, problemCount) => {
    const { options, problems } = readEmbedOptions(`?embed${query}`);
    expect(options.theme).toBe(theme);
    expect(problems).toHaveLength(problemCount);
  });

  test.each([
    ['https://docs.example.com', 'https://docs.example.com'],
    ['https://docs.example.com/', 'https://docs.example.com'],
    ['https://Docs.Example.com:443', 'https://docs.example.com'],
    ['http://localhost:4280', 'http://localhost:4280'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('origin %s', (value, origin) => {
    const { options, problems } = readEmbedOptions(`?embed&origin=${encodeURIComponent(value)}`);
    expect(options.parentOrigin).toBe(origin);
    expect(problems).toEqual([]);
  });

  test.each([
    'https://docs.example.com/page',
    'https://docs.example.com?x=1',
    'https://docs.example.com#x',
    'https://user:pw@docs.example.com',
    'docs.example.com',
    'javascript:alert(1)',
    'file:///etc',
    'null',
    '*',
    '',
  ])('origin %j is refused', (value) => {
    const { options, problems } = readEmbedOptions(`?embed&origin=${encodeURIComponent(value)}`);
    expect(options.parentOrigin).toBeUndefined();
    expect(problems).toHaveLength(1);
  });

  test('height', () => {
    expect(readEmbedOptions('?embed&height=600').options.height).toBe(600);
    for (const bad of ['10', '99999', '5e2', '-600', 'tall']) {
      const { options, problems } = readEmbedOptions(`?embed&height=${bad}`);
      expect(options.height).toBeUndefined();
      expect(problems).toHaveLength(1);
    }
  });

  test('several problems at once are all reported, none fatal', () => {
    const { options, problems } = readEmbedOptions('?embed&panels=x&file=..&run=x&theme=x&origin=x&height=x');
    expect(problems).toHaveLength(7);
    expect(options).toEqual({ embed: true, panels: DEFAULT_EMBED_PANELS, clickToRun: true, theme: 'system' });
  });

  test('a problem quotes at most 80 characters of the value', () => {
    const { problems } = readEmbedOptions(`?embed&theme=${'x'.repeat(5000)}`);
    expect(problems[0]!.length).toBeLessThan(200);
  });
});

describe('parseOrigin', () => {
  test('keeps scheme, host and port only', () => {
    expect(parseOrigin('https://a.example:8443')).toBe('https://a.example:8443');
    expect(parseOrigin('https://a.example:8443/x')).toBeUndefined();
  });
});

describe('the full playground link', () => {
  test('drops embed options, keeps the example, other parameters and the hash', () => {
    expect(
      fullPlaygroundUrl(
        'https://play.example/app/?embed&example=hello&panels=editor&file=handler.js&run=click&theme=dark&origin=https%3A%2F%2Fdocs.example.com&height=500&engine=local#s1.abc',
      ),
    ).toBe('https://play.example/app/?example=hello&engine=local#s1.abc');
  });

  test('an embed of the default app becomes the bare address', () => {
    expect(fullPlaygroundUrl('https://play.example/?embed')).toBe('https://play.example/');
  });
});

const BASE: EmbedSnippetInput = {
  baseUrl: 'https://play.example/app/?embed&example=old#s1.old',
  example: 'order',
  panels: DEFAULT_EMBED_PANELS,
  clickToRun: true,
  theme: 'system',
  height: 560,
};

describe('embed URL', () => {
  test('defaults are left out', () => {
    expect(embedUrl(BASE)).toBe('https://play.example/app/?embed&example=order&height=560');
  });

  test('every option', () => {
    expect(
      embedUrl({
        ...BASE,
        panels: ['triggers', 'editor', 'files'],
        file: 'order/function.json',
        clickToRun: false,
        theme: 'dark',
        parentOrigin: 'https://docs.example.com/',
        height: 99999,
      }),
    ).toBe(
      'https://play.example/app/?embed&example=order&panels=files,editor,triggers&file=order/function.json&run=auto&theme=dark&origin=https://docs.example.com&height=2000',
    );
  });

  test('the engine the page was told to use goes along, and the full playground keeps it', () => {
    const url = embedUrl({ ...BASE, engine: 'webcontainer' });
    expect(url).toBe('https://play.example/app/?embed&example=order&height=560&engine=webcontainer');
    expect(fullPlaygroundUrl(url)).toBe('https://play.example/app/?example=order&engine=webcontainer');
  });

  test('a share fragment replaces the example', () => {
    expect(embedUrl({ ...BASE, fragment: '#s1.abc' })).toBe(
      'https://play.example/app/?embed&height=560#s1.abc',
    );
    expect(embedUrl({ ...BASE, fragment: 's1.abc' })).toBe(
      'https://play.example/app/?embed&height=560#s1.abc',
    );
  });

  test('reads back as the same options', () => {
    const url = new URL(
      embedUrl({ ...BASE, panels: ['editor'], file: 'handler.js', theme: 'light', clickToRun: false }),
    );
    expect(readEmbedOptions(url.search)).toEqual({
      options: {
        embed: true,
        panels: ['editor'],
        file: 'handler.js',
        clickToRun: false,
        theme: 'light',
        height: 560,
      },
      problems: [],
    });
  });
});

describe('embed snippet', () => {
  test('an iframe with the isolation permission, lazy loading and a title', () => {
    const snippet = embedSnippet(BASE);
    expect(snippet).toMatch(/^<iframe\n/);
    expect(snippet).toContain('src="https://play.example/app/?embed&amp;example=order&amp;height=560"');
    expect(snippet).toContain('allow="cross-origin-isolated"');
    expect(snippet).toContain('loading="lazy"');
    expect(snippet).toContain('title="Functions Custom Handler Playground: order"');
    expect(snippet).toContain('height: 560px');
    expect(snippet).toMatch(/><\/iframe>$/);
  });

  test('quotes and < are escaped in every attribute', () => {
    const hostile = `x"'><script>alert(1)</script>`;
    const snippet = embedSnippet({
      ...BASE,
      baseUrl: `https://play.example/a"b<c'/`,
      example: hostile,
      file: hostile,
    });
    const attributes = [...snippet.matchAll(/ (\w+)="([^"]*)"/g)];
    expect(attributes.map((m) => m[1])).toEqual(['src', 'title', 'style', 'allow', 'loading']);
    for (const [, , value] of attributes) {
      expect(value).not.toMatch(/[<>"']/);
    }
    // The only markup is the iframe itself.
    expect(snippet.match(/</g)).toHaveLength(2);
    expect(snippet).toContain('&lt;script&gt;');
  });
});

import { unzipSync } from 'fflate';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { exportAppZip, exportedFiles, zipFileName } from './exportZip';
import { COMMONJS_PACKAGE_JSON, DEFAULT_LOCAL_SETTINGS, generateReadme } from './generated';
import { importZip } from './importApp';

const HOST_NODE = JSON.stringify({
  version: '2.0',
  customHandler: { description: { defaultExecutablePath: 'node', defaultWorkerPath: 'handler.js' } },
});

/** The order example's shape, with a README and local.settings.json of its own. */
const ORDER: Record<string, string> = {
  'host.json': HOST_NODE,
  'local.settings.json': '{ "Values": { "FUNCTIONS_WORKER_RUNTIME": "custom" } }\n',
  'order/function.json': '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"}]}',
  'processOrder/function.json': '{"bindings":[{"type":"queueTrigger","direction":"in","name":"order"}]}',
  'handler.js': "require('node:http');\r\n// CRLF, ünïcödé and a BOM kept as they are\n",
  'README.md': '\uFEFF# order\n',
};

/** A Python app with neither README nor local.settings.json: no .js, so no package.json. */
const PYTHON: Record<string, string> = {
  'host.json': '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"python3"}}}',
  'hello/function.json': '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req","route":"hi"}]}',
  'handler.py': 'print("hi")\n',
};

/** Unzips with fflate alone; ignoreBOM keeps a BOM, to show the bytes are the file's own. */
function unzipText(bytes: Uint8Array): Record<string, string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, decoder.decode(data)]),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('exportAppZip', () => {
  test('puts every file under one folder named after the app, sorted, with package.json added', () => {
    const zip = unzipText(exportAppZip(ORDER, { name: 'order' }));
    const expected = { ...ORDER, 'package.json': COMMONJS_PACKAGE_JSON };
    expect(Object.keys(zip)).toEqual(
      Object.keys(expected)
        .sort()
        .map((p) => `order/${p}`),
    );
    for (const [path, text] of Object.entries(expected)) expect(zip[`order/${path}`]).toBe(text);
  });

  test('export then import gives back the same files, plus only the package.json it added', () => {
    const back = importZip(exportAppZip(ORDER, { name: 'order' }));
    expect(back).toEqual({
      ok: true,
      name: 'order',
      files: { ...ORDER, 'package.json': COMMONJS_PACKAGE_JSON },
      skipped: [],
      warnings: [],
    });
  });

  test('adds README.md and local.settings.json when missing, and no package.json without .js', () => {
    const back = importZip(exportAppZip(PYTHON, { name: 'hello' }));
    if (!back.ok) throw new Error(back.error);
    expect(back.files).toEqual({
      ...PYTHON,
      'README.md': generateReadme('hello', PYTHON),
      'local.settings.json': DEFAULT_LOCAL_SETTINGS,
    });
    expect(JSON.parse(DEFAULT_LOCAL_SETTINGS)).toEqual({
      IsEncrypted: false,
      Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', AzureWebJobsStorage: 'UseDevelopmentStorage=true' },
    });
  });

  test("keeps the app's own package.json and readme, whatever their case", () => {
    const own: Record<string, string> = { ...ORDER, 'package.json': '{"type":"commonjs","name":"mine"}' };
    delete own['README.md'];
    own['readme.md'] = 'mine';
    expect(exportedFiles(own, 'order')).toEqual(own);
  });

  test('the same files give the same bytes, whatever the clock or the key order', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    const first = exportAppZip(ORDER, { name: 'order' });
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const reversed = Object.fromEntries(Object.entries(ORDER).reverse());
    expect(exportAppZip(reversed, { name: 'order' })).toEqual(first);
  });

  test('makes the name a safe folder name', () => {
    const zip = unzipText(exportAppZip(PYTHON, { name: 'My App!' }));
    expect(Object.keys(zip).every((p) => p.startsWith('My-App/'))).toBe(true);
    expect(zipFileName('My App!')).toBe('My-App.zip');
    expect(zipFileName('')).toBe('app.zip');
  });

  test('refuses a path that would leave the folder', () => {
    expect(() => exportAppZip({ ...PYTHON, '../evil.js': '' }, { name: 'x' })).toThrow(/\.\./);
  });
});

describe('generateReadme', () => {
  test('says how to run the app with Core Tools and with this host', () => {
    const readme = generateReadme('order', ORDER);
    expect(readme).toMatch(/^# order\n/);
    expect(readme).toContain('`func start`');
    expect(readme).toContain('`FUNCTIONS_WORKER_RUNTIME` is `custom`');
    expect(readme).toContain('`node` must be on your PATH');
    expect(readme).toContain('`npm run host -- <path to this folder>`');
    expect(readme).toContain('- `order`: httpTrigger, `http://localhost:7071/api/order`');
    expect(readme).toContain('- `processOrder`: queueTrigger');
    // A queue trigger needs storage, so Azurite is a step, not an aside.
    expect(readme).toContain('Start [Azurite]');
  });

  test('an HTTP-only app needs no Azurite, and a broken function.json is still listed', () => {
    const readme = generateReadme('hello', { ...PYTHON, 'broken/function.json': '{' });
    expect(readme).toContain('- `hello`: httpTrigger, `http://localhost:7071/api/hi`');
    expect(readme).toContain('- `broken`: function.json does not parse');
    expect(readme).not.toContain('Start [Azurite]');
    expect(readme).not.toContain('`node` must be on your PATH');
  });
});

import { describe, expect, test } from 'vitest';
import { readSharedStateFile, sharedStateFile } from './shareFile';
import { V1_ORDER_STATE, V1_SMALL_FILE, V1_SMALL_STATE } from './fixtures/v1';

const fileWith = (patch: Record<string, unknown>) =>
  JSON.stringify({ format: 'fchp-share', version: 1, state: V1_SMALL_STATE, ...patch });

describe('share files', () => {
  test('the pinned v1 file reads to exactly its state', () => {
    expect(readSharedStateFile(V1_SMALL_FILE)).toStrictEqual({ ok: true, state: V1_SMALL_STATE });
  });

  test('round trip, named after the example', () => {
    const file = sharedStateFile(V1_ORDER_STATE);
    expect(file.name).toBe('order.fchp.json');
    expect(JSON.parse(file.text)).toMatchObject({ format: 'fchp-share', version: 1 });
    expect(readSharedStateFile(file.text)).toStrictEqual({ ok: true, state: V1_ORDER_STATE });
    expect(sharedStateFile(V1_SMALL_STATE).name).toBe('playground.fchp.json');
  });

  test('a byte order mark added by an editor is fine', () => {
    expect(readSharedStateFile(`\uFEFF${V1_SMALL_FILE}`).ok).toBe(true);
  });

  test.each([
    ['{"format":', 'This share file is damaged: it is not valid JSON.'],
    ['[]', 'This is not a playground share file (.fchp.json).'],
    ['null', 'This is not a playground share file (.fchp.json).'],
    ['{"name":"package"}', 'This is not a playground share file (.fchp.json).'],
    [fileWith({ extra: 1 }), 'This share file has an unexpected field "extra".'],
    [
      fileWith({ version: '1' }),
      'This share file has an invalid version: expected a whole number such as 1.',
    ],
    [
      fileWith({ version: 1.5 }),
      'This share file has an invalid version: expected a whole number such as 1.',
    ],
    [
      fileWith({ version: 7 }),
      'This share file was made by a newer version of the playground (s7). Reload the page to update it.',
    ],
    [fileWith({ state: null }), 'This share file does not hold an app: expected an object with files.'],
    [
      fileWith({ state: { ...V1_SMALL_STATE, files: { '../x': '' } } }),
      `This share file holds an unsafe file name "../x": '../x' has an empty, '.' or '..' segment.`,
    ],
    [
      fileWith({ state: { ...V1_SMALL_STATE, files: { 'a.js': 'x'.repeat(2_100_000) } } }),
      'This share file holds too much: more than 2 MB.',
    ],
    [' '.repeat(9_000_000), 'This share file is too large to open.'],
  ])('%#', (text, message) => {
    const result = readSharedStateFile(text);
    expect(result).toStrictEqual({ ok: false, error: message });
  });
});

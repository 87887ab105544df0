import { describe, expect, test } from 'vitest';
import {
  clampSize,
  createLayoutStore,
  DEFAULT_LAYOUT,
  LAYOUT_LIMITS,
  LAYOUT_STORAGE_KEY,
  parseLayout,
  serializeLayout,
} from './layoutStore';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('layout store', () => {
  test('starts from the defaults and persists each change', () => {
    const storage = memoryStorage();
    const layout = createLayoutStore(storage);
    expect(layout.getState().tree).toBe(DEFAULT_LAYOUT.tree);
    layout.getState().resize('tree', 300);
    expect(layout.getState().tree).toBe(300);
    expect(parseLayout(storage.data.get(LAYOUT_STORAGE_KEY))).toEqual({ ...DEFAULT_LAYOUT, tree: 300 });
  });

  test('reads stored sizes back', () => {
    const storage = memoryStorage({
      [LAYOUT_STORAGE_KEY]: serializeLayout({ tree: 200, side: 500, terminal: 150, triggers: 250 }),
    });
    const state = createLayoutStore(storage).getState();
    expect([state.tree, state.side, state.terminal, state.triggers]).toEqual([200, 500, 150, 250]);
  });

  test('sizes are clamped to each pane limits', () => {
    const layout = createLayoutStore();
    layout.getState().resize('terminal', 5);
    expect(layout.getState().terminal).toBe(LAYOUT_LIMITS.terminal[0]);
    layout.getState().resize('side', 1e6);
    expect(layout.getState().side).toBe(LAYOUT_LIMITS.side[1]);
    layout.getState().reset();
    expect(layout.getState().side).toBe(DEFAULT_LAYOUT.side);
  });

  test.each([[null], ['not json'], ['[]'], ['{"v":2,"sizes":{"tree":300}}'], ['{"v":1}']])(
    'parseLayout(%j) gives the defaults',
    (text) => {
      expect(parseLayout(text)).toEqual(DEFAULT_LAYOUT);
    },
  );

  test('parseLayout keeps good fields and clamps or drops bad ones', () => {
    expect(parseLayout('{"v":1,"sizes":{"tree":10,"side":"wide","terminal":123.4}}')).toEqual({
      ...DEFAULT_LAYOUT,
      tree: LAYOUT_LIMITS.tree[0],
      terminal: 123,
    });
  });

  test('a storage that throws is survived', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const layout = createLayoutStore(broken);
    expect(() => layout.getState().resize('tree', 250)).not.toThrow();
    expect(layout.getState().tree).toBe(250);
    expect(clampSize('tree', 250.6)).toBe(251);
  });
});

import { describe, expect, test } from 'vitest';
import { createFilesStore } from '../stores/filesStore';
import { createTriggersStore } from '../stores/triggersStore';
import type { ComposedRequest } from '../stores/triggersStore';
import { V1_ORDER_STATE } from '../share/fixtures/v1';
import { createLayoutStore, DEFAULT_LAYOUT, LAYOUT_LIMITS } from '../shell/layoutStore';
import { applySharedState, sharedLayout, sharedStateFrom } from './sharedStateMapping';

const HANDLER_HOST_JSON = '{"customHandler":{"description":{"defaultWorkerPath":"src/main.js"}}}';
const EMPTY: ComposedRequest = { method: 'GET', path: '/', headers: [], body: '' };

function targets() {
  return { files: createFilesStore(), triggers: createTriggersStore(EMPTY), layout: createLayoutStore() };
}

/** What of the stores a share link is meant to carry. */
function snapshot(t: ReturnType<typeof targets>) {
  const { files, drafts, openTabs, active, source } = t.files.getState();
  const { composer, recent } = t.triggers.getState();
  const { tree, side, terminal, triggers } = t.layout.getState();
  return {
    files,
    drafts,
    openTabs,
    active,
    source,
    composer,
    recent,
    sizes: { tree, side, terminal, triggers },
  };
}

function filledStores() {
  const t = targets();
  t.files
    .getState()
    .load(
      { 'host.json': '{}', 'handler.js': 'a', 'order/function.json': '{"bindings":[]}', 'lib/x.js': 'x' },
      'order',
      'handler.js',
    );
  t.files.getState().open('lib/x.js');
  t.files.getState().open('order/function.json');
  t.files.getState().open('lib/x.js');
  t.triggers.getState().compose({ method: 'PUT', path: '/api/x?y=1', headers: [['A', 'b']], body: 'hi' });
  t.triggers.getState().remember({ method: 'GET', path: '/api/one', headers: [], body: '' });
  t.triggers.getState().remember({ method: 'POST', path: '/api/two', headers: [['C', 'd']], body: '{}' });
  t.layout.getState().resize('tree', 300);
  t.layout.getState().resize('terminal', 150);
  return t;
}

describe('shared state ↔ stores', () => {
  test('building a state from the stores and applying it to fresh stores gives the same stores', () => {
    const source = filledStores();
    const state = sharedStateFrom(source, 'order');
    const copy = targets();
    applySharedState(state, copy, 'order');
    expect(snapshot(copy)).toEqual(snapshot(source));
    expect(copy.files.getState().openTabs).toEqual(['handler.js', 'lib/x.js', 'order/function.json']);
    expect(copy.files.getState().active).toBe('lib/x.js');
  });

  test('the state names the example, the tabs in order, the composer, the recent requests and the sizes', () => {
    const state = sharedStateFrom(filledStores(), 'order');
    expect(state.example).toBe('order');
    expect(state.activeFile).toBe('lib/x.js');
    expect(state.openTabs).toEqual(['handler.js', 'lib/x.js', 'order/function.json']);
    expect(state.composer.method).toBe('PUT');
    expect(state.recent?.map((r) => r.path)).toEqual(['/api/two', '/api/one']);
    expect(state.layout).toEqual({ ...DEFAULT_LAYOUT, tree: 300, terminal: 150 });
    expect(sharedStateFrom(targets(), undefined)).not.toHaveProperty('example');
  });

  test('unsaved changes go into the link and come back saved', () => {
    const source = filledStores();
    source.files.getState().edit('handler.js', 'edited');
    const state = sharedStateFrom(source, 'order');
    expect(state.files['handler.js']).toBe('edited');
    const copy = targets();
    applySharedState(state, copy, 'order');
    expect(copy.files.getState().files['handler.js']).toBe('edited');
    expect(copy.files.getState().drafts).toEqual({});
  });

  test('a pinned v1 link state applies as it is', () => {
    const copy = targets();
    applySharedState(V1_ORDER_STATE, copy, 'order');
    expect(copy.files.getState().files).toEqual(V1_ORDER_STATE.files);
    expect(copy.files.getState().openTabs).toEqual(V1_ORDER_STATE.openTabs);
    expect(copy.files.getState().active).toBe(V1_ORDER_STATE.activeFile);
    expect(copy.triggers.getState().composer).toEqual(V1_ORDER_STATE.composer);
    expect(copy.triggers.getState().recent).toEqual(V1_ORDER_STATE.recent);
    expect(sharedStateFrom(copy, 'order').files).toEqual(V1_ORDER_STATE.files);
  });

  test('sizes are clamped, unknown panes ignored; an active file missing from the tabs gets a tab', () => {
    const copy = targets();
    applySharedState(
      {
        files: { 'a.js': '', 'b.js': '' },
        activeFile: 'b.js',
        openTabs: ['a.js'],
        composer: EMPTY,
        layout: { tree: 99_999, side: 0, bogus: 5 },
      },
      copy,
      'shared',
    );
    expect(copy.layout.getState().tree).toBe(LAYOUT_LIMITS.tree[1]);
    expect(copy.layout.getState().side).toBe(LAYOUT_LIMITS.side[0]);
    expect(copy.layout.getState().terminal).toBe(DEFAULT_LAYOUT.terminal);
    expect(copy.files.getState().openTabs).toEqual(['a.js', 'b.js']);
    expect(copy.files.getState().source).toBe('shared');
    expect(sharedLayout({ files: {}, openTabs: [], composer: EMPTY, layout: { bogus: 1 } })).toEqual({});
  });

  test('without an active file, the first tab is shown; the recent requests are replaced', () => {
    const copy = filledStores();
    applySharedState(
      { files: { 'a.js': '', 'b.js': '' }, openTabs: ['b.js', 'a.js'], composer: EMPTY },
      copy,
      's',
    );
    expect(copy.files.getState().openTabs).toEqual(['b.js', 'a.js']);
    expect(copy.files.getState().active).toBe('b.js');
    expect(copy.triggers.getState().recent).toEqual([]);
  });

  test('without tabs or an active file, the first sensible file opens (the handler, a function)', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'host.json': HANDLER_HOST_JSON, 'src/main.js': '', 'a/function.json': '' }, 'src/main.js'],
      [{ 'host.json': '{}', 'z/function.json': '', 'a/function.json': '', 'handler.js': '' }, 'handler.js'],
      [{ 'host.json': '{}', 'z/function.json': '', 'a/function.json': '' }, 'a/function.json'],
      [{ 'notes.txt': '', 'b.txt': '' }, 'b.txt'],
    ];
    for (const [files, expected] of cases) {
      const copy = filledStores();
      applySharedState({ files, openTabs: [], composer: EMPTY }, copy, 'shared');
      expect(copy.files.getState().active, expected).toBe(expected);
      expect(copy.files.getState().openTabs, expected).toEqual([expected]);
    }
  });
});

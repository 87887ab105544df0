import { describe, expect, test } from 'vitest';
import { createUiStore } from '../../shell/uiStore';
import { createFilesStore } from '../filesStore';
import { createTriggersStore } from '../triggersStore';
import { createClaims } from './tabClaims';
import type { HistoryLike } from './workPersistence';
import { createWorkPersistence, HISTORY_KEY } from './workPersistence';
import type { KeyValueStorage } from './workStorage';
import { MAX_WORKSPACES, readIndex, saveWork } from './workStorage';
import type { WorkSnapshot } from './workSnapshot';
import { readWork } from './workSnapshot';

/** localStorage as a map, optionally refusing writes past a size, as a full quota does. */
function memoryStorage(limit = Infinity): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  const size = () => [...map.values()].reduce((n, v) => n + v.length, 0);
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      const before = map.get(k);
      map.set(k, v);
      if (size() > limit) {
        if (before === undefined) map.delete(k);
        else map.set(k, before);
        throw new Error('QuotaExceededError');
      }
    },
    removeItem: (k) => void map.delete(k),
  };
}

/** One browser's lock manager, shared by the "tabs" of a test. */
function lockManager() {
  const held = new Set<string>();
  const waiting = new Map<string, (() => void)[]>();
  return {
    request(
      name: string,
      options: { ifAvailable?: boolean; signal?: AbortSignal },
      callback: (lock: unknown) => Promise<void> | void,
    ): Promise<unknown> {
      const grant = async () => {
        held.add(name);
        await callback({ name });
        held.delete(name);
        waiting.get(name)?.shift()?.();
      };
      if (!held.has(name)) return grant();
      if (options.ifAvailable) return Promise.resolve(callback(null));
      return new Promise((resolve, reject) => {
        const queue = waiting.get(name) ?? [];
        const go = () => resolve(grant());
        queue.push(go);
        waiting.set(name, queue);
        options.signal?.addEventListener('abort', () => {
          queue.splice(queue.indexOf(go), 1);
          reject(new Error('aborted'));
        });
      });
    },
  };
}

function memoryHistory(state: unknown = null): HistoryLike & { state: unknown } {
  return {
    state,
    replaceState(data) {
      this.state = data;
    },
  };
}

/** One tab: its stores and its persistence over the shared storage and locks. */
function tab(storage: KeyValueStorage, locks: ReturnType<typeof lockManager>, history = memoryHistory()) {
  const stores = {
    files: createFilesStore(),
    triggers: createTriggersStore({ method: 'GET', path: '/', headers: [], body: '' }),
    ui: createUiStore({ kind: 'example', name: 'order', example: 'order' }),
  };
  const claims = createClaims(locks);
  const persistence = createWorkPersistence({ storage, claims, stores, history, debounceMs: 1 });
  return { stores, persistence, history, claims };
}

const ORDER = { 'host.json': '{}', 'handler.js': 'order' };

function openOrder(t: ReturnType<typeof tab>, draft?: string) {
  t.stores.files.getState().load({ ...ORDER }, 'order', 'handler.js');
  t.stores.ui.getState().setOrigin({ kind: 'example', name: 'order', example: 'order' });
  if (draft !== undefined) t.stores.files.getState().edit('handler.js', draft);
}

describe('work kept as you type', () => {
  test('a reload of the tab restores the files, saved and unsaved, the tabs and the composer', async () => {
    const storage = memoryStorage();
    const locks = lockManager();
    const first = tab(storage, locks);
    expect(await first.persistence.restore({ kind: 'none' })).toBeUndefined();
    first.persistence.start();
    openOrder(first, 'edited, not saved');
    first.stores.files.getState().create('notes.txt', 'mine');
    first.stores.triggers.getState().compose({ path: '/api/order?x=1' });
    first.stores.triggers.getState().setTab('queues');
    first.persistence.flush();
    first.claims.release(first.persistence.id!); // the page went away

    const reloaded = tab(storage, locks, memoryHistory(first.history.state));
    const work = await reloaded.persistence.restore({ kind: 'none' });
    expect(work).toMatchObject({
      files: { ...ORDER, 'notes.txt': 'mine' },
      drafts: { 'handler.js': 'edited, not saved' },
      openTabs: ['handler.js', 'notes.txt'],
      active: 'notes.txt',
      composer: { path: '/api/order?x=1' },
      tab: 'queues',
    });
    expect(reloaded.persistence.id).toBe(first.persistence.id);
  });

  test('a fresh tab adopts the newest work no open tab holds, never one that is held', async () => {
    const storage = memoryStorage();
    const locks = lockManager();
    const closed = tab(storage, locks);
    await closed.persistence.restore({ kind: 'none' });
    closed.persistence.start();
    openOrder(closed, 'from the closed tab');
    closed.persistence.flush();
    closed.claims.release(closed.persistence.id!);
    await settle(); // the browser lets a closed tab's locks go

    const open = tab(storage, locks);
    const adopted = await open.persistence.restore({ kind: 'none' });
    expect(adopted?.drafts).toEqual({ 'handler.js': 'from the closed tab' });

    // A second fresh tab finds the only work held by the first: it starts afresh, under its own id.
    const second = tab(storage, locks);
    expect(await second.persistence.restore({ kind: 'none' })).toBeUndefined();
    expect(second.persistence.id).not.toBe(open.persistence.id);
    expect(second.history.state).toEqual({ [HISTORY_KEY]: second.persistence.id });
  });

  test("two tabs each write their own work and never overwrite the other's", async () => {
    const storage = memoryStorage();
    const locks = lockManager();
    const a = tab(storage, locks);
    await a.persistence.restore({ kind: 'none' });
    a.persistence.start();
    const b = tab(storage, locks);
    await b.persistence.restore({ kind: 'none' });
    b.persistence.start();
    openOrder(a, 'A');
    openOrder(b, 'B');
    a.persistence.flush();
    b.persistence.flush();
    openOrder(a, 'A again');
    a.persistence.flush();
    const byId = (id: string) => readWork(storage.getItem(`fchp.work.${id}`))?.drafts['handler.js'];
    expect(byId(a.persistence.id!)).toBe('A again');
    expect(byId(b.persistence.id!)).toBe('B');
  });

  test('a duplicated tab (same history entry, still held) gets a copy and leaves the original alone', async () => {
    const storage = memoryStorage();
    const locks = lockManager();
    const original = tab(storage, locks);
    await original.persistence.restore({ kind: 'none' });
    original.persistence.start();
    openOrder(original, 'original');
    original.persistence.flush();

    const duplicate = tab(storage, locks, memoryHistory(original.history.state));
    const copy = (async () => duplicate.persistence.restore({ kind: 'none' }))();
    expect((await copy)?.drafts).toEqual({ 'handler.js': 'original' });
    expect(duplicate.persistence.id).not.toBe(original.persistence.id);
  }, 10_000);

  test('an address naming another example, or another share link, does not restore this work', async () => {
    const storage = memoryStorage();
    const locks = lockManager();
    const first = tab(storage, locks);
    await first.persistence.restore({ kind: 'state', hash: '#s1.a' });
    first.persistence.setLink('#s1.a');
    first.persistence.start();
    openOrder(first, 'edited');
    first.persistence.flush();
    first.claims.release(first.persistence.id!);
    await settle();

    const same = () => tab(storage, locks, memoryHistory(first.history.state));
    expect(await same().persistence.restore({ kind: 'state', hash: '#s1.b' })).toBeUndefined();
    expect(await same().persistence.restore({ kind: 'example', name: 'hello' })).toBeUndefined();
    const reload = same();
    expect((await reload.persistence.restore({ kind: 'state', hash: '#s1.a' }))?.drafts).toEqual({
      'handler.js': 'edited',
    });
  });

  test('beginNew keeps the old work under its id; switchTo brings it back', async () => {
    const storage = memoryStorage();
    const t = tab(storage, locks());
    await t.persistence.restore({ kind: 'none' });
    t.persistence.start();
    openOrder(t, 'first app');
    const firstId = t.persistence.id;
    await t.persistence.beginNew();
    t.stores.files.getState().load({ 'host.json': '{}' }, 'hello');
    t.persistence.flush();
    const back = await t.persistence.switchTo(firstId);
    expect(back?.drafts).toEqual({ 'handler.js': 'first app' });
    expect(t.persistence.id).toBe(firstId);
  });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function locks() {
  return lockManager();
}

describe('workStorage', () => {
  const work = (savedAt: number, text = ''): WorkSnapshot => ({
    v: 1,
    savedAt,
    files: { 'a.txt': text },
    drafts: {},
    openTabs: [],
    origin: { kind: 'example', name: 'order', example: 'order' },
    composer: { method: 'GET', path: '/', headers: [], body: '' },
    recent: [],
    tab: 'http',
    queueDraft: { queue: '', text: '' },
  });

  test(`keeps the newest ${MAX_WORKSPACES} workspaces`, () => {
    const storage = memoryStorage();
    for (let i = 0; i < MAX_WORKSPACES + 3; i++) expect(saveWork(storage, `w${i}`, work(i))).toBeUndefined();
    const ids = readIndex(storage).map((e) => e.id);
    expect(ids).toHaveLength(MAX_WORKSPACES);
    expect(ids[0]).toBe(`w${MAX_WORKSPACES + 2}`);
    expect(storage.getItem('fchp.work.w0')).toBeNull();
  });

  test('when storage is full, the oldest other work goes first; alone and too big, it says why', () => {
    const storage = memoryStorage(2500);
    expect(saveWork(storage, 'old', work(1, 'x'.repeat(900)))).toBeUndefined();
    expect(saveWork(storage, 'mid', work(2, 'y'.repeat(900)))).toBeUndefined();
    expect(saveWork(storage, 'new', work(3, 'z'.repeat(900)))).toBeUndefined();
    expect(readIndex(storage).map((e) => e.id)).toEqual(['new', 'mid']);
    expect(saveWork(storage, 'huge', work(4, 'h'.repeat(5000)))).toMatch(
      /could not be kept.*QuotaExceededError/,
    );
  });

  test('stored work that is not ours reads as nothing', () => {
    expect(readWork('{')).toBeUndefined();
    expect(readWork(JSON.stringify({ ...work(1), v: 2 }))).toBeUndefined();
    expect(readWork(JSON.stringify({ ...work(1), files: { a: 1 } }))).toBeUndefined();
    expect(readWork(JSON.stringify({ ...work(1), tab: 'mcp' }))).toBeUndefined();
    expect(readWork(JSON.stringify(work(1)))).toEqual(work(1));
  });
});

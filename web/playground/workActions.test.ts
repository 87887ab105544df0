import { describe, expect, test } from 'vitest';
import { createClaims } from '../stores/persistence/tabClaims';
import { HISTORY_KEY } from '../stores/persistence/workPersistence';
import { HELLO, ORDER, setup } from './testPlayground';
import { leaveQuestion, resetQuestion } from './workActions';

function withStorage(answer = true) {
  const map = new Map<string, string>();
  const history = {
    state: null as unknown,
    replaceState(data: unknown) {
      this.state = data;
    },
  };
  const playground = setup({
    answer,
    workStorage: {
      storage: {
        getItem: (k) => map.get(k) ?? null,
        setItem: (k, v) => void map.set(k, v),
        removeItem: (k) => void map.delete(k),
      },
      claims: createClaims(undefined),
      history,
    },
  });
  return { ...playground, history };
}

describe('switching examples with the work kept', () => {
  test('asks, opens the new example in a new history entry, and Back brings the old work back', async () => {
    const { app, base, stores, persistence, work, questions, addresses } = withStorage();
    await persistence!.restore({ kind: 'none' });
    persistence!.start();
    await base.openExample('order');
    stores.files.getState().edit('handler.js', 'my change');
    const orderEntry = { [HISTORY_KEY]: persistence!.id };

    await app.openExample('hello');
    expect(questions).toEqual([leaveQuestion('order', "'hello'", true)]);
    expect(addresses).toContainEqual({ example: 'hello', clearHash: true, push: true });
    expect(stores.files.getState().files).toEqual(HELLO);
    expect(persistence!.id).not.toBe(orderEntry[HISTORY_KEY]);

    // Back: the browser hands the order entry's state to popstate.
    await work.openHistoryEntry(orderEntry, '?example=order');
    expect(stores.files.getState().files).toEqual(ORDER);
    expect(stores.files.getState().drafts).toEqual({ 'handler.js': 'my change' });
    expect(persistence!.id).toBe(orderEntry[HISTORY_KEY]);
  });

  test('an entry whose work is gone opens the example its address names', async () => {
    const { stores, persistence, work } = withStorage();
    await persistence!.restore({ kind: 'none' });
    persistence!.start();
    await work.openHistoryEntry({ [HISTORY_KEY]: 'gone' }, '?example=hello');
    expect(stores.files.getState().files).toEqual(HELLO);
  });
});

describe('Reset to example', () => {
  test('asks, then puts the example files back (saved and unsaved changes gone)', async () => {
    const { app, base, stores, questions } = setup();
    await base.openExample('order');
    stores.files.getState().edit('handler.js', 'saved');
    stores.files.getState().save('handler.js');
    stores.files.getState().edit('host.json', 'draft');
    await app.resetToExample();
    expect(questions).toEqual([resetQuestion('order')]);
    expect(stores.files.getState().files).toEqual(ORDER);
    expect(stores.files.getState().drafts).toEqual({});
  });

  test('a no keeps the changes; nothing to lose asks nothing', async () => {
    const { app, base, stores, questions } = setup({ answer: false });
    await base.openExample('order');
    await app.resetToExample();
    expect(questions).toEqual([]);
    stores.files.getState().edit('handler.js', 'draft');
    await app.resetToExample();
    expect(questions).toHaveLength(1);
    expect(stores.files.getState().drafts).toEqual({ 'handler.js': 'draft' });
  });
});

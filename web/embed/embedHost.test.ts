import { describe, expect, test } from 'vitest';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { V1_ORDER_STATE } from '../share/fixtures/v1';
import { changedExchanges, createEmbedHost } from './embedHost';
import { ORDER, settle, setup } from '../playground/testPlayground';
import { SHOW_EVERY_MS } from '../stores/exchangesStore';

const exchange = (id: string, state: string) => ({ id, state }) as unknown as Exchange;

describe('the embed message API host', () => {
  test('changedExchanges lists new and updated exchanges, oldest first', () => {
    const a = exchange('a', 'in-progress');
    const b = exchange('b', 'in-progress');
    const before = { order: ['a'], byId: { a }, filter: '' };
    const a2 = exchange('a', 'succeeded');
    const after = { order: ['a', 'b'], byId: { a: a2, b }, filter: '' };
    expect(changedExchanges(after, before)).toEqual([a2, b]);
    expect(changedExchanges(after, after)).toEqual([]);
  });

  test('setFile edits and saves an existing file, or creates a new one', async () => {
    const t = setup();
    t.stores.files.getState().load({ ...ORDER }, 'order');
    const host = createEmbedHost({ ...t, actions: t.app });
    await host.setFile('handler.js', 'new');
    expect(t.stores.files.getState().files['handler.js']).toBe('new');
    expect(t.stores.files.getState().drafts).toEqual({});
    await host.setFile('lib/util.js', 'u');
    expect(t.stores.files.getState().files['lib/util.js']).toBe('u');
  });

  test('setFile keeps the file rules of the editor: no case twin, any ordinary name', async () => {
    const t = setup();
    t.stores.files.getState().load({ ...ORDER }, 'order');
    const host = createEmbedHost({ ...t, actions: t.app });
    await expect(host.setFile('Handler.js', 'x')).rejects.toThrow(
      "'Handler.js' differs from 'handler.js' only in case.",
    );
    for (const name of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__']) {
      await host.setFile(name, name);
      expect(Object.getOwnPropertyDescriptor(t.stores.files.getState().files, name)?.value).toBe(name);
    }
    // Setting it again edits that file; it is not "already there" as something objects inherit.
    await host.setFile('toString', 'again');
    expect(Object.getOwnPropertyDescriptor(t.stores.files.getState().files, 'toString')?.value).toBe('again');
  });

  test('subscribe reports status changes and exchanges; getState is plain data', async () => {
    const t = setup({ kind: 'webcontainer' });
    t.stores.files.getState().load({ ...ORDER }, 'order');
    const host = createEmbedHost({ ...t, actions: t.app });
    const events: string[] = [];
    const off = host.subscribe((e) =>
      events.push(e.type === 'status' ? `status:${(e.engine as { phase: string }).phase}` : 'exchange'),
    );
    await host.run();
    t.stores.exchanges.getState().upsert(exchange('x', 'succeeded'));
    off();
    t.stores.exchanges.getState().upsert(exchange('y', 'succeeded'));
    // 'y' came within the showing window of 'x': it is in the store once the window ends.
    await new Promise((resolve) => setTimeout(resolve, SHOW_EVERY_MS + 5));
    expect(events).toEqual(['status:booting', 'status:starting-host', 'exchange']);
    expect(JSON.parse(JSON.stringify(host.getState()))).toEqual(host.getState());
    expect(host.getState()).toMatchObject({ app: 'order', files: Object.keys(ORDER).sort(), exchanges: 2 });
  });

  test('run waits for the confirmation of held code, and fails when the reader declines', async () => {
    const t = setup({ kind: 'local' });
    await t.app.openShared(V1_ORDER_STATE, 'link', { askNow: false });
    const host = createEmbedHost({ ...t, actions: t.app });
    const run = host.run();
    await settle();
    expect(t.ui.getState().confirm).toBe('link');
    await t.app.confirmRun(false);
    await expect(run).rejects.toThrow(/chose not to run/);
    expect(t.fake.processes).toHaveLength(0);
  });
});

import { describe, expect, test } from 'vitest';
import { V1_ORDER_LINK, V1_ORDER_STATE } from '../share/fixtures/v1';
import { readStartRequest, startPlayground, unknownExampleMessage } from './startup';
import type { StartupOptions } from './startup';
import { EXAMPLES, HELLO, loadExample, ORDER, realModules, setup } from './testPlayground';

function start(
  t: ReturnType<typeof setup>,
  address: { search?: string; hash?: string },
  embed: StartupOptions['embed'] = { clickToRun: false },
) {
  return startPlayground({
    stores: t.stores,
    session: t.session,
    ui: t.ui,
    gate: t.gate,
    actions: t.app,
    modules: realModules,
    examples: EXAMPLES,
    defaultExample: 'order',
    loadExample,
    embed,
    search: address.search ?? '',
    hash: address.hash ?? '',
  });
}

describe('what the address asks for', () => {
  test('no hash needs no decoding: an example name, or nothing', async () => {
    const never = {
      share: () => Promise.reject(new Error('not loaded')),
      transfer: () => Promise.reject(new Error('not loaded')),
    };
    await expect(readStartRequest('?example=hello', '', never)).resolves.toEqual({
      kind: 'example',
      name: 'hello',
    });
    await expect(readStartRequest('?test', '#', never)).resolves.toEqual({ kind: 'none' });
    await expect(readStartRequest('', '#s1.x', never)).resolves.toMatchObject({ kind: 'error' });
  });

  test('an unknown example lists the ones there are', () => {
    expect(unknownExampleMessage('nope', EXAMPLES, 'order')).toBe(
      'There is no example named "nope". The examples are: hello, order. The \'order\' example is open instead.',
    );
  });
});

describe('start-up', () => {
  test('the default example opens and runs', async () => {
    const t = setup({ kind: 'local' });
    await start(t, {});
    expect(t.stores.files.getState().files).toEqual(ORDER);
    expect(t.stores.files.getState().source).toBe('order');
    expect(t.fake.processes).toHaveLength(1);
  });

  test('?example= opens it by name', async () => {
    const t = setup();
    await start(t, { search: '?example=hello' });
    expect(t.stores.files.getState().files).toEqual(HELLO);
    expect(t.ui.getState().origin).toEqual({ kind: 'example', name: 'hello', example: 'hello' });
  });

  test('an unknown example opens the default one and says which there are', async () => {
    const t = setup();
    await start(t, { search: '?example=nope' });
    expect(t.stores.files.getState().source).toBe('order');
    expect(t.ui.getState().linkError).toMatch(/no example named "nope".*hello, order/);
    expect(t.fake.processes).toHaveLength(1);
  });

  test('a bad link opens the default example, says why, and loads nothing from it', async () => {
    const t = setup({ kind: 'local' });
    await start(t, { hash: '#s1.xyz' });
    expect(t.stores.files.getState().files).toEqual(ORDER);
    expect(t.ui.getState().linkError).toMatch(/damaged.*Nothing from the link was loaded/);
    expect(t.gate.held).toBe(false);
    expect(t.fake.processes).toHaveLength(1);
  });

  test('a link with the local engine loads its state and asks before anything starts', async () => {
    const t = setup({ kind: 'local' });
    await start(t, { hash: `#${V1_ORDER_LINK}` });
    expect(t.stores.files.getState().files).toEqual(V1_ORDER_STATE.files);
    expect(t.stores.triggers.getState().composer).toEqual(V1_ORDER_STATE.composer);
    expect(t.ui.getState().confirm).toBe('link');
    expect(t.stores.runtime.getState().engine.phase).toBe('idle');
    expect(t.fake.processes).toHaveLength(0);
  });

  test('a link with the WebContainer starts as usual', async () => {
    const t = setup({ kind: 'webcontainer' });
    await start(t, { hash: `#${V1_ORDER_LINK}` });
    expect(t.ui.getState().confirm).toBeUndefined();
    expect(t.fake.processes).toHaveLength(1);
  });

  test('click-to-run boots nothing until Run; a link then still asks first', async () => {
    const t = setup({ kind: 'local' });
    await start(t, { hash: `#${V1_ORDER_LINK}` }, { clickToRun: true });
    expect(t.ui.getState().awaitingClick).toBe(true);
    expect(t.ui.getState().confirm).toBeUndefined();
    expect(t.stores.runtime.getState().engine.phase).toBe('idle');
    void t.app.run();
    expect(t.ui.getState().awaitingClick).toBe(false);
    expect(t.ui.getState().confirm).toBe('link');
  });

  test('the embed file opens when the app has it, and is reported when not', async () => {
    const t = setup();
    await start(t, { search: '?example=order' }, { clickToRun: true, file: 'order/function.json' });
    expect(t.stores.files.getState().active).toBe('order/function.json');
    const u = setup();
    await start(u, {}, { clickToRun: true, file: 'nope.js' });
    expect(u.stores.files.getState().active).toBe('handler.js');
    expect(u.ui.getState().embedProblems).toEqual(['file="nope.js" is not a file of this app.']);
  });
});

describe('the engine starts early', () => {
  test('it is prepared before the app is opened, except in a click-to-run embed', async () => {
    const t = setup();
    const calls: string[] = [];
    t.session.prepare = () =>
      void calls.push(`prepare (files: ${Object.keys(t.stores.files.getState().files).length})`);
    await start(t, {});
    expect(calls).toEqual(['prepare (files: 0)']);

    const embed = setup();
    let prepared = false;
    embed.session.prepare = () => void (prepared = true);
    await start(embed, {}, { clickToRun: true });
    expect(prepared).toBe(false);
  });
});

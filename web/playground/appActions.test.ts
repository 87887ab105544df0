import { describe, expect, test } from 'vitest';
import { V1_ORDER_LINK, V1_ORDER_STATE } from '../share/fixtures/v1';
import { listZip, readEntry } from '../transfer/readZip';
import { HELD_MESSAGE } from './appActions';
import { leaveQuestion } from './workActions';
import { HELLO, ORDER, settle, setup } from './testPlayground';

describe('opening a shared app', () => {
  test('with the local engine it loads everything but runs nothing until the person says yes', async () => {
    const { app, stores, ui, gate, fake } = setup({ kind: 'local' });
    await app.openShared(V1_ORDER_STATE, 'link');
    expect(stores.files.getState().files).toEqual(V1_ORDER_STATE.files);
    expect(ui.getState().confirm).toBe('link');
    expect(ui.getState().origin).toEqual({ kind: 'link', name: 'order', example: 'order' });
    expect(gate.held).toBe(true);

    await app.confirmRun(true);
    expect(gate.held).toBe(false);
    expect(ui.getState().confirm).toBeUndefined();
    expect(fake.processes).toHaveLength(1);
    expect(fake.synced.at(-1)).toEqual(new Map(Object.entries(V1_ORDER_STATE.files)));
  });

  test('saying no keeps the files editable; Run asks again and waits for the answer', async () => {
    const { app, stores, ui, fake, session } = setup({ kind: 'local' });
    await app.openShared(V1_ORDER_STATE, 'link');
    await app.confirmRun(false);
    expect(ui.getState().confirm).toBeUndefined();
    stores.files.getState().edit('handler.js', 'changed');
    await session.save('handler.js');
    // Starting by another way is held back too.
    await expect(session.start()).rejects.toThrow(/not been allowed to run/);
    expect(fake.processes).toHaveLength(0);
    expect(fake.synced).toHaveLength(0);

    let ran = false;
    const run = app.run().then(() => (ran = true));
    await settle();
    expect(ui.getState().confirm).toBe('link');
    expect(ran).toBe(false);
    await app.confirmRun(true);
    await run;
    expect(fake.processes).toHaveLength(1);
  });

  test('a share file opened while an app runs stops it and holds the new code back', async () => {
    const { app, stores, ui, fake, session } = setup({ kind: 'local' });
    stores.files.getState().load({ ...ORDER }, 'order');
    await session.start();
    expect(fake.processes).toHaveLength(1);
    await app.openShared(V1_ORDER_STATE, 'file');
    expect(fake.processes[0]!.killed).toBe(true);
    expect(fake.processes).toHaveLength(1);
    expect(stores.runtime.getState().engine).toEqual({ phase: 'stopped', message: HELD_MESSAGE });
    expect(stores.runtime.getState().host).toBeUndefined();
    expect(ui.getState().confirm).toBe('file');
    await app.confirmRun(true);
    expect(fake.processes).toHaveLength(2);
  });

  test('with the WebContainer it runs in its sandbox without asking', async () => {
    const { app, ui, gate, fake, session, stores } = setup({ kind: 'webcontainer' });
    stores.files.getState().load({ ...ORDER }, 'order');
    await session.start();
    await app.openShared(V1_ORDER_STATE, 'link');
    expect(ui.getState().confirm).toBeUndefined();
    expect(gate.held).toBe(false);
    expect(fake.processes).toHaveLength(2);
  });

  test('opening a bundled example afterwards releases the hold', async () => {
    const { app, ui, gate } = setup({ kind: 'local' });
    await app.openShared(V1_ORDER_STATE, 'link');
    const run = app.run();
    await app.openExample('hello');
    await run;
    expect(gate.held).toBe(false);
    expect(ui.getState().confirm).toBeUndefined();
    expect(ui.getState().origin).toEqual({ kind: 'example', name: 'hello', example: 'hello' });
  });

  test('a link pasted into the address bar: a bad one says why and changes nothing', async () => {
    const { app, stores, ui } = setup();
    stores.files.getState().load({ ...ORDER }, 'order');
    await app.openLink('', '#s1.xyz');
    expect(ui.getState().linkError).toMatch(/damaged.*Nothing from the link was loaded/);
    expect(stores.files.getState().files).toEqual(ORDER);
    await app.openLink('', `#${V1_ORDER_LINK}`);
    expect(stores.files.getState().files).toEqual(V1_ORDER_STATE.files);
    expect(ui.getState().linkError).toBeUndefined();
  });
});

describe('switching examples', () => {
  test('asks first when a file has unsaved changes, and a no keeps the app', async () => {
    const { app, stores, questions, base } = setup({ answer: false });
    await base.openExample('order');
    stores.files.getState().edit('handler.js', 'draft');
    await app.openExample('hello');
    expect(questions).toEqual([leaveQuestion('order', "'hello'", false)]);
    expect(stores.files.getState().source).toBe('order');
  });

  test('asks too when the changes are saved: the files differ from the example', async () => {
    const { app, stores, questions, base } = setup({ answer: false });
    await base.openExample('order');
    stores.files.getState().edit('handler.js', 'saved change');
    stores.files.getState().save('handler.js');
    await app.openExample('hello');
    expect(questions).toHaveLength(1);
    expect(stores.files.getState().files['handler.js']).toBe('saved change');
  });

  test('does not ask when the files are the example', async () => {
    const { app, stores, questions, base } = setup();
    await base.openExample('order');
    await app.openExample('hello');
    expect(questions).toEqual([]);
    expect(stores.files.getState().files).toEqual(HELLO);
  });
});

describe('import and download', () => {
  test('an import loads the app, names it, and notes what was left out', async () => {
    const { app, stores, ui, addresses } = setup();
    await app.openImported(
      Promise.resolve({
        ok: true as const,
        name: 'mine',
        files: { ...HELLO },
        skipped: ['node_modules/', 'other/x.txt'],
        warnings: ['Left out node_modules/: it belongs to tools, not to the app.'],
      }),
    );
    expect(stores.files.getState().files).toEqual(HELLO);
    expect(stores.files.getState().source).toBe('mine');
    expect(stores.triggers.getState().composer.path).toBe('/api/hello');
    expect(ui.getState().origin).toEqual({ kind: 'import', name: 'mine' });
    expect(ui.getState().note?.lines).toEqual([
      'Left out node_modules/: it belongs to tools, not to the app.',
      'Not loaded: other/x.txt.',
    ]);
    expect(addresses).toEqual([{ example: null, clearHash: true }]);
  });

  test('a failed import says why and loads nothing', async () => {
    const { app, stores, ui } = setup();
    stores.files.getState().load({ ...ORDER }, 'order');
    await app.openImported(Promise.resolve({ ok: false as const, error: 'No host.json found.' }));
    expect(ui.getState().note).toEqual({
      tone: 'error',
      title: 'Nothing was opened',
      lines: ['No host.json found.'],
    });
    expect(stores.files.getState().files).toEqual(ORDER);
  });

  test('Download zip carries the unsaved changes, as Share does, under the app name', async () => {
    const { app, stores, ui, downloads } = setup();
    stores.files.getState().load({ ...ORDER }, 'order');
    stores.files.getState().edit('handler.js', 'draft');
    await app.downloadZip();
    expect(downloads.map((d) => [d.name, d.type])).toEqual([['order.zip', 'application/zip']]);
    const bytes = downloads[0]!.bytes;
    const entries = listZip(bytes);
    if (typeof entries === 'string') throw new Error(entries);
    const handler = entries.find((e) => e.name.endsWith('handler.js'))!;
    const text = readEntry(bytes, handler);
    if (typeof text === 'string') throw new Error(text);
    expect(new TextDecoder().decode(text)).toBe('draft');
    expect(ui.getState().note).toBeUndefined();
  });

  test('a share file that does not decode says why and loads nothing', async () => {
    const { app, stores, ui } = setup();
    stores.files.getState().load({ ...ORDER }, 'order');
    await app.openShareFile(new File(['{"format":"other"}'], 'x.fchp.json'));
    expect(ui.getState().note?.tone).toBe('error');
    expect(ui.getState().note?.lines[0]).toMatch(/not a playground share file/);
    expect(stores.files.getState().files).toEqual(ORDER);
  });

  test('a share file made by Share opens the same app, held for a yes with the local engine', async () => {
    const { app, stores, ui } = setup({ kind: 'local' });
    const { sharedStateFile } = await import('../share/shareFile');
    const file = sharedStateFile(V1_ORDER_STATE);
    await app.openShareFile(new File([file.text], file.name));
    expect(stores.files.getState().files).toEqual(V1_ORDER_STATE.files);
    expect(ui.getState().confirm).toBe('file');
  });
});

describe('opening the full playground from an embed', () => {
  const FULL = 'https://play.example/?example=hello';

  test('the link holds the current files, unsaved changes included, and no ?example=', async () => {
    const { app, stores, ui } = setup();
    stores.files.getState().load({ ...HELLO }, 'hello');
    stores.files.getState().edit('handler.js', 'edited in the embed\n');
    const url = await app.fullPlaygroundLink(FULL);
    expect(url).toMatch(/^https:\/\/play\.example\/#s1\./);
    const { decodeShareFragment } = await import('../share/codec');
    const decoded = decodeShareFragment(new URL(url).hash);
    expect(decoded.ok && decoded.state.files).toEqual({ ...HELLO, 'handler.js': 'edited in the embed\n' });
    expect(ui.getState().note).toBeUndefined();
  });

  test('an app that cannot go in a link: the plain address, and a note that says why', async () => {
    const { app, stores, ui } = setup();
    stores.files.setState({ files: { '../x.js': 'x' }, drafts: {} });
    expect(await app.fullPlaygroundLink(FULL)).toBe(FULL);
    expect(ui.getState().note?.title).toBe('Your edits were not carried to the full playground');
    expect(ui.getState().note?.lines[0]).toMatch(/cannot be shared/);
  });

  test('a link that would be too long: the plain address, and a note that says so', async () => {
    const { app, stores, ui } = setup();
    // Text that does not compress: a link for it is far over the limit.
    let seed = 1;
    const noise = Array.from({ length: 40_000 }, () => {
      seed = (seed * 48271) % 2147483647;
      return String.fromCharCode(33 + (seed % 90));
    }).join('');
    stores.files.getState().load({ ...HELLO, 'noise.txt': noise }, 'hello');
    expect(await app.fullPlaygroundLink(FULL)).toBe(FULL);
    expect(ui.getState().note?.lines[0]).toMatch(/too long/);
  });

  test('when the share code cannot be loaded: the plain address, and a note', async () => {
    const { app, stores, ui } = setup({
      modules: {
        share: () => Promise.reject(new Error('offline')),
        transfer: () => import('./lazy/transfer'),
      },
    });
    stores.files.getState().load({ ...HELLO }, 'hello');
    expect(await app.fullPlaygroundLink(FULL)).toBe(FULL);
    expect(ui.getState().note?.lines[0]).toMatch(/offline/);
  });
});

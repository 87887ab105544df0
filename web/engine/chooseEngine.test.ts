import { describe, expect, it } from 'vitest';
import { bootTimeoutFromLocation, chooseEngine } from './chooseEngine';
import type { EngineFactories } from './chooseEngine';
import type { Engine, EngineKind } from './engine';
import { EngineBootError } from './engine';

/** A stand-in page: `meta` is what the local server would have put in <meta name="fchp-engine">. */
interface FakeDocument {
  readonly meta?: { kind: 'local'; token: string };
}

function stub(kind: EngineKind, config?: unknown): Engine & { config?: unknown } {
  const noop = () => Promise.resolve();
  return { kind, config, boot: noop, syncFiles: noop, startHost: () => Promise.reject(), dispose: noop };
}

const factories: EngineFactories<{ kind: 'local'; token: string }> = {
  local: (config) => stub('local', config),
  webcontainer: () => stub('webcontainer'),
  fake: () => stub('fake'),
};

const withInPage: EngineFactories<{ kind: 'local'; token: string }> = {
  ...factories,
  inpage: () => stub('inpage'),
};

const NODE_APP = new Map([
  [
    'host.json',
    '{"customHandler":{"description":{"defaultExecutablePath":"node","defaultWorkerPath":"server.js"}}}',
  ],
]);
const PYTHON_APP = new Map([
  [
    'host.json',
    '{"customHandler":{"description":{"defaultExecutablePath":"python3","arguments":["app.py"]}}}',
  ],
]);

function choose(search: string, document: FakeDocument, f = factories) {
  return chooseEngine({ search }, document, {
    factories: f,
    readLocalEngineConfig: (d: FakeDocument) => d.meta,
  });
}

const served = { meta: { kind: 'local' as const, token: 't0k3n' } };

describe('chooseEngine', () => {
  it('uses a WebContainer on the static site', () => {
    expect(choose('', {}).kind).toBe('webcontainer');
  });

  it('uses the local engine, with its config, when the local server served the page', () => {
    const engine = choose('', served) as ReturnType<typeof stub>;
    expect(engine.kind).toBe('local');
    expect(engine.config).toEqual({ kind: 'local', token: 't0k3n' });
  });

  it('lets ?engine= win over the page', () => {
    expect(choose('?engine=webcontainer', served).kind).toBe('webcontainer');
    expect(choose('?engine=fake', served).kind).toBe('fake');
    expect(choose('?engine=fake', {}).kind).toBe('fake');
    expect(choose('?engine=local', served).kind).toBe('local');
  });

  it('refuses ?engine=local on a page the local server did not serve', async () => {
    const engine = choose('?engine=local', {});
    expect(engine.kind).toBe('local');
    const error = await engine.boot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineBootError);
    expect(error).toMatchObject({ reason: 'refused', message: expect.stringMatching(/npm start/) });
  });

  it('refuses an engine it has no factory for, and an unknown name', async () => {
    const { fake: _fake, local: _local, ...webcontainerOnly } = factories;
    await expect(choose('?engine=fake', {}, webcontainerOnly).boot()).rejects.toMatchObject({
      reason: 'refused',
    });
    await expect(choose('?engine=local', served, webcontainerOnly).boot()).rejects.toMatchObject({
      reason: 'refused',
    });
    expect(choose('', served, webcontainerOnly).kind).toBe('webcontainer');
    await expect(choose('?engine=wasm', {}).boot()).rejects.toMatchObject({
      reason: 'refused',
      message: expect.stringMatching(/"wasm"/),
    });
  });
});

describe('chooseEngine with the in-page engine', () => {
  const chosen: string[] = [];
  const chooseWith = (search: string, document: FakeDocument, app: ReadonlyMap<string, string>) =>
    chooseEngine({ search }, document, {
      factories: withInPage,
      readLocalEngineConfig: (d: FakeDocument) => d.meta,
      appFiles: () => app,
      onEngineChosen: (kind, reason) => chosen.push(reason ? `${kind}: ${reason}` : kind),
    });

  it('runs a node app in the page on the static site, deciding at boot', async () => {
    chosen.length = 0;
    const engine = chooseWith('', {}, NODE_APP);
    expect(engine.kind).toBe('inpage');
    expect(chosen).toEqual([]);
    await engine.boot();
    expect(chosen).toEqual(['inpage']);
  });

  it('falls back to a WebContainer for an app the in-page engine cannot run, and says why', async () => {
    chosen.length = 0;
    const engine = chooseWith('', {}, PYTHON_APP);
    await engine.boot();
    await engine.syncFiles(PYTHON_APP);
    expect(chosen).toEqual([
      'webcontainer: its handler runs "python3", and the in-page engine runs node only',
    ]);
  });

  it('says why the app needed a WebContainer when that cannot boot either', async () => {
    const engine = chooseEngine({ search: '' }, {} as FakeDocument, {
      factories: {
        ...withInPage,
        webcontainer: () => ({
          ...stub('webcontainer'),
          boot: () =>
            Promise.reject(new EngineBootError('not-isolated', 'This page is not cross-origin isolated.')),
        }),
      },
      readLocalEngineConfig: (d: FakeDocument) => d.meta,
      appFiles: () => PYTHON_APP,
    });
    await expect(engine.boot()).rejects.toMatchObject({
      reason: 'not-isolated',
      message:
        'This app cannot run in the page: its handler runs "python3", and the in-page engine runs node only. ' +
        'This page is not cross-origin isolated.',
    });
  });

  it('keeps the local engine under npm start, and lets ?engine=inpage force the in-page one', async () => {
    expect(chooseWith('', served, NODE_APP).kind).toBe('local');
    expect(chooseWith('?engine=inpage', served, PYTHON_APP).kind).toBe('inpage');
    expect(chooseWith('?engine=webcontainer', {}, NODE_APP).kind).toBe('webcontainer');
  });

  it('refuses ?engine=inpage when the page has no in-page engine', async () => {
    await expect(choose('?engine=inpage', {}).boot()).rejects.toMatchObject({ reason: 'refused' });
  });

  it('names every engine when the name is unknown', async () => {
    await expect(choose('?engine=wasm', {}).boot()).rejects.toMatchObject({
      message: expect.stringMatching(/inpage, local, webcontainer or fake/),
    });
  });
});

describe('bootTimeoutFromLocation', () => {
  it('reads ?bootTimeout=<ms> and ignores nonsense', () => {
    expect(bootTimeoutFromLocation({ search: '?bootTimeout=1500' })).toBe(1500);
    expect(bootTimeoutFromLocation({ search: '' })).toBeUndefined();
    expect(bootTimeoutFromLocation({ search: '?bootTimeout=soon' })).toBeUndefined();
    expect(bootTimeoutFromLocation({ search: '?bootTimeout=-1' })).toBeUndefined();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { bootedEngine, fake, load, stubBrowser, useFakeWebContainer } from './webcontainerTestKit';
import type { FakeContainer } from './webcontainerTestKit';

// Hoisted above the imports, but called only when a test loads the engine (load()), by when `fake`
// is imported.
vi.mock('@webcontainer/api', () => ({
  WebContainer: fake.WebContainer,
  configureAPIKey: fake.configureAPIKey,
}));
vi.mock('./hostBundle', () => ({ loadHostBundle: vi.fn(async () => '// host bundle') }));

useFakeWebContainer();

describe('boot pre-checks', () => {
  async function bootFailure() {
    const { WebContainerEngine } = await load();
    return new WebContainerEngine().boot().then(
      () => expect.fail('boot() should have failed'),
      (e: unknown) => e as { name: string; reason: string; message: string },
    );
  }

  it('refuses a page that is not cross-origin isolated', async () => {
    stubBrowser({ isolated: false });
    const error = await bootFailure();
    expect(error).toMatchObject({ name: 'EngineBootError', reason: 'not-isolated' });
    expect(error.message).toMatch(/COOP and COEP/);
  });

  it('says "embedded" when a non-isolated page runs in a frame', async () => {
    stubBrowser({ isolated: false, embedded: true });
    expect(await bootFailure()).toMatchObject({ reason: 'embedded' });
  });

  it('refuses iPhone and iPad (which reports itself as a Mac with a touch screen)', async () => {
    stubBrowser({ navigator: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' } });
    expect(await bootFailure()).toMatchObject({ reason: 'unsupported-browser' });
    stubBrowser({
      navigator: {
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
        platform: 'MacIntel',
        maxTouchPoints: 5,
      },
    });
    expect(await bootFailure()).toMatchObject({ reason: 'unsupported-browser' });
    expect(fake.state.bootCalls).toEqual([]);
  });

  it('lets a desktop Mac through', async () => {
    stubBrowser({
      navigator: {
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
        platform: 'MacIntel',
        maxTouchPoints: 0,
      },
    });
    await (await bootedEngine()).engine.dispose();
    expect(fake.state.bootCalls).toHaveLength(1);
  });

  it('refuses an isolated page without SharedArrayBuffer', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    expect(await bootFailure()).toMatchObject({ reason: 'unsupported-browser' });
  });

  it('refuses when the browser is offline, without calling the library', async () => {
    stubBrowser({ navigator: { onLine: false } });
    expect(await bootFailure()).toMatchObject({ reason: 'offline' });
    expect(fake.state.bootCalls).toEqual([]);
  });
});

describe('boot', () => {
  it('boots with require-corp and a named workdir', async () => {
    await bootedEngine();
    expect(fake.state.bootCalls).toEqual([{ coep: 'require-corp', workdirName: 'playground' }]);
  });

  it('gives up after 20 s by default, saying that a retry needs a reload', async () => {
    vi.useFakeTimers();
    fake.state.boot = () => new Promise(() => {}); // what boot() does offline: never settles
    const { WebContainerEngine } = await load();
    const outcome = new WebContainerEngine().boot().then(
      () => 'booted',
      (e: { reason: string; message: string }) => e,
    );
    await vi.advanceTimersByTimeAsync(19_999);
    expect(await Promise.race([outcome, 'pending'])).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toMatchObject({ reason: 'timeout' });
    expect((error as { message: string }).message).toMatch(/within 20 s.*reload/);
  });

  it('uses the timeout from the options, and a later boot fails fast without asking the library again', async () => {
    fake.state.boot = () => new Promise(() => {});
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine({ bootTimeoutMs: 10 }).boot()).rejects.toMatchObject({
      reason: 'timeout',
    });
    expect(fake.state.bootCalls).toHaveLength(1);

    const started = Date.now();
    const again = new WebContainerEngine({ bootTimeoutMs: 60_000 }).boot();
    await expect(again).rejects.toMatchObject({
      reason: 'timeout',
      message: expect.stringMatching(/reload/),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.state.bootCalls).toHaveLength(1);
  });

  it('tears down an instance that arrives after the timeout', async () => {
    let arrive!: (c: FakeContainer) => void;
    fake.state.boot = () => new Promise((resolve) => (arrive = resolve));
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine({ bootTimeoutMs: 10 }).boot()).rejects.toMatchObject({
      reason: 'timeout',
    });
    const late = new fake.FakeWebContainer();
    arrive(late);
    await vi.waitFor(() => expect(late.tornDown).toBe(true));
  });

  it('reports a library failure as reason "error"', async () => {
    fake.state.boot = () => Promise.reject(new Error('Unable to create more instances'));
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine().boot()).rejects.toMatchObject({
      name: 'EngineBootError',
      reason: 'error',
      message: expect.stringContaining('Unable to create more instances'),
    });
  });

  it('boots once per page: engines share the instance until one is disposed', async () => {
    const { WebContainerEngine } = await load();
    const first = new WebContainerEngine();
    const second = new WebContainerEngine();
    await Promise.all([first.boot(), second.boot()]);
    expect(fake.state.bootCalls).toHaveLength(1);
    const container = fake.state.last as FakeContainer;

    await first.dispose();
    expect(container.tornDown).toBe(true);
    // teardown() frees the page's slot, so booting again is allowed.
    await new WebContainerEngine().boot();
    expect(fake.state.bootCalls).toHaveLength(2);
  });

  it('does not come alive when disposed while booting, and leaves the boot to the next engine', async () => {
    let arrive!: (c: FakeContainer) => void;
    fake.state.boot = () => new Promise((resolve) => (arrive = resolve));
    const { WebContainerEngine } = await load();
    const first = new WebContainerEngine();
    const booting = first.boot();
    await vi.waitFor(() => expect(fake.state.bootCalls).toHaveLength(1));
    await first.dispose();
    const container = new fake.FakeWebContainer();
    arrive(container);
    await expect(booting).rejects.toThrow(/disposed/);
    expect(container.tornDown).toBe(false);

    const second = new WebContainerEngine();
    await second.boot();
    await second.syncFiles(new Map());
    expect(container.mounts).toHaveLength(1);
    expect(fake.state.bootCalls).toHaveLength(1);
  });

  it('stops waiting when the signal aborts', async () => {
    fake.state.boot = () => new Promise(() => {});
    const { WebContainerEngine } = await load();
    const controller = new AbortController();
    const booting = new WebContainerEngine({ bootTimeoutMs: 500 }).boot(controller.signal);
    controller.abort(new Error('navigated away'));
    await expect(booting).rejects.toThrow('navigated away');
  });

  it("surfaces the instance's error events, buffered until someone listens", async () => {
    const { engine, container } = await bootedEngine();
    for (const listener of container.errorListeners) listener({ message: 'storage is blocked' });
    const seen: string[] = [];
    engine.onError((message) => seen.push(message));
    for (const listener of container.errorListeners) listener({ message: 'again' });
    expect(seen).toEqual(['storage is blocked', 'again']);
    await engine.dispose();
    expect(container.errorListeners.size).toBe(0);
  });

  it('keeps only the newest 20 errors for a late listener, and says how many it dropped', async () => {
    const { engine, container } = await bootedEngine();
    for (let i = 1; i <= 25; i++)
      for (const listener of container.errorListeners) listener({ message: `e${i}` });
    const seen: string[] = [];
    engine.onError((message) => seen.push(message));
    expect(seen[0]).toBe('(5 earlier runtime errors were dropped)');
    expect(seen.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `e${i + 6}`));
  });

  it('configures the API key from VITE_WEBCONTAINER_API_KEY before booting, once per page', async () => {
    vi.stubEnv('VITE_WEBCONTAINER_API_KEY', ' wc_api_key_123 ');
    const { WebContainerEngine } = await load();
    const first = new WebContainerEngine();
    await first.boot();
    expect(fake.state.calls).toEqual(['configureAPIKey wc_api_key_123', 'boot']);
    // The library refuses the key once it has booted; a boot after teardown must still work.
    await first.dispose();
    await new WebContainerEngine().boot();
    expect(fake.state.calls).toEqual(['configureAPIKey wc_api_key_123', 'boot', 'boot']);
  });

  it('boots without a key when none is set (the free tier)', async () => {
    vi.stubEnv('VITE_WEBCONTAINER_API_KEY', '');
    await bootedEngine();
    expect(fake.state.calls).toEqual(['boot']);
  });
});

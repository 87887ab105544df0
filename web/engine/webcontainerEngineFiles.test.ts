import { describe, expect, it, vi } from 'vitest';
import { bootedEngine, fake, load, useFakeWebContainer } from './webcontainerTestKit';

// Hoisted above the imports, but called only when a test loads the engine (load()), by when `fake`
// is imported.
vi.mock('@webcontainer/api', () => ({
  WebContainer: fake.WebContainer,
  configureAPIKey: fake.configureAPIKey,
}));
vi.mock('./hostBundle', () => ({ loadHostBundle: vi.fn(async () => '// host bundle') }));

useFakeWebContainer();

describe('syncFiles', () => {
  const app = new Map([
    ['host.json', '{"version":"2.0"}'],
    ['orders/function.json', '{"bindings":[]}'],
    ['handler.js', 'v1'],
  ]);

  it('first mounts the app under app/ with the host bundle next to it', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(app);
    expect(container.ops).toEqual(['rm app -r -f', 'mount']);
    expect(container.mounts[0]).toEqual({
      'host.mjs': { file: { contents: '// host bundle' } },
      app: {
        directory: {
          'host.json': { file: { contents: '{"version":"2.0"}' } },
          orders: { directory: { 'function.json': { file: { contents: '{"bindings":[]}' } } } },
          'handler.js': { file: { contents: 'v1' } },
        },
      },
    });
  });

  it('then writes and removes only what changed', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(app);
    container.ops.length = 0;

    const next = new Map(app);
    next.set('handler.js', 'v2');
    next.delete('orders/function.json');
    next.set('payments/deep/function.json', '{}');
    await engine.syncFiles(next);
    expect(container.ops).toEqual([
      'rm app/orders/function.json -f',
      'rm app/orders -r -f',
      'write app/handler.js v2',
      'mkdir app/payments/deep -p',
      'write app/payments/deep/function.json {}',
    ]);
    expect(container.mounts).toHaveLength(1);

    container.ops.length = 0;
    await engine.syncFiles(next);
    expect(container.ops).toEqual([]);
  });

  it('refuses paths that would leave the app folder', async () => {
    const { engine, container } = await bootedEngine();
    await expect(engine.syncFiles(new Map([['../host.mjs', 'x']]))).rejects.toThrow(/app-relative/);
    await expect(engine.syncFiles(new Map([['/etc/passwd', 'x']]))).rejects.toThrow(/app-relative/);
    expect(container.ops).toEqual([]);
  });

  it('removes folders left without files, and keeps those that still hold one', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(
      new Map([
        ['host.json', '{}'],
        ['a/b/c/function.json', '{}'],
        ['a/keep.js', 'k'],
        ['x/y/function.json', '{}'],
      ]),
    );
    await engine.syncFiles(
      new Map([
        ['host.json', '{}'],
        ['a/keep.js', 'k'],
      ]),
    );
    expect(container.disk.list('app')).toEqual(['app/a/', 'app/a/keep.js', 'app/host.json']);
  });

  it('replaces a folder by a file of the same name, and a file by a folder', async () => {
    const { engine, container } = await bootedEngine();
    await engine.syncFiles(
      new Map([
        ['orders/function.json', '{}'],
        ['notes', 'a file'],
      ]),
    );
    await engine.syncFiles(
      new Map([
        ['orders', 'now a file'],
        ['notes/today.md', 'now in a folder'],
      ]),
    );
    expect(container.disk.list('app')).toEqual(['app/notes/', 'app/notes/today.md', 'app/orders']);
    // And back again: nothing is left in the way of the next sync either.
    await engine.syncFiles(
      new Map([
        ['orders/function.json', '{}'],
        ['notes', 'a file'],
      ]),
    );
    expect(container.disk.list('app')).toEqual(['app/notes', 'app/orders/', 'app/orders/function.json']);
  });

  it('mounts files named like what a plain object inherits: constructor, toString, __proto__', async () => {
    const { engine, container } = await bootedEngine();
    const files = new Map([
      ['constructor', 'a'],
      ['toString/function.json', 'b'],
      ['__proto__', 'c'],
      ['hasOwnProperty/__proto__/x.js', 'd'],
    ]);
    await engine.syncFiles(files);
    expect(container.disk.list('app')).toEqual([
      'app/__proto__',
      'app/constructor',
      'app/hasOwnProperty/',
      'app/hasOwnProperty/__proto__/',
      'app/hasOwnProperty/__proto__/x.js',
      'app/toString/',
      'app/toString/function.json',
    ]);
    container.ops.length = 0;
    await engine.syncFiles(files);
    expect(container.ops).toEqual([]); // all of them are known to be there
  });

  it('needs a booted engine', async () => {
    const { WebContainerEngine } = await load();
    await expect(new WebContainerEngine().syncFiles(app)).rejects.toThrow(/boot/);
  });
});

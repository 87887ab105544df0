import { describe, expect, it } from 'vitest';
import { inPageSupport } from './inPageSupport';

const app = (hostJson: unknown) =>
  new Map([['host.json', typeof hostJson === 'string' ? hostJson : JSON.stringify(hostJson)]]);
const handler = (description: Record<string, unknown>) => app({ customHandler: { description } });

describe('inPageSupport', () => {
  it('runs node handlers with a JavaScript entry, in either handler section', () => {
    expect(inPageSupport(handler({ defaultExecutablePath: 'node', defaultWorkerPath: 'server.js' }))).toEqual(
      {
        ok: true,
      },
    );
    expect(
      inPageSupport(handler({ defaultExecutablePath: 'node', arguments: ['--trace-warnings', 'app.mjs'] })),
    ).toEqual({ ok: true });
    expect(
      inPageSupport(
        app({
          httpWorker: { description: { defaultExecutablePath: '/usr/bin/node', defaultWorkerPath: 'a.cjs' } },
        }),
      ),
    ).toEqual({ ok: true });
  });

  it('refuses other runtimes and non-JavaScript entries, saying which', () => {
    expect(inPageSupport(handler({ defaultExecutablePath: 'python3', arguments: ['app.py'] }))).toEqual({
      ok: false,
      reason: 'its handler runs "python3", and the in-page engine runs node only',
    });
    expect(inPageSupport(handler({ defaultExecutablePath: 'handler.exe' })).ok).toBe(false);
    expect(inPageSupport(handler({ defaultExecutablePath: 'node', defaultWorkerPath: 'server.ts' }))).toEqual(
      {
        ok: false,
        reason: `its handler's entry "server.ts" is not a JavaScript file`,
      },
    );
  });

  it('counts an app it cannot judge as runnable, so the host reports the problem', () => {
    expect(inPageSupport(new Map())).toEqual({ ok: true });
    expect(inPageSupport(app('{ not json'))).toEqual({ ok: true });
    expect(inPageSupport(app({ version: '2.0' }))).toEqual({ ok: true });
  });
});

const galleryHostJson = import.meta.glob<string>('/examples/*/host.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('inPageSupport and the gallery', () => {
  it('runs every example in the page', () => {
    const entries = Object.entries(galleryHostJson);
    expect(entries.length).toBeGreaterThan(5);
    for (const [path, text] of entries) {
      expect([path, inPageSupport(new Map([['host.json', text]]))]).toEqual([path, { ok: true }]);
    }
  });
});

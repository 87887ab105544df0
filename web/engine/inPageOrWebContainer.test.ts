import { describe, expect, it } from 'vitest';
import type { Engine, EngineKind } from './engine';
import { inPageOrWebContainer } from './inPageOrWebContainer';

/** An engine that records what was asked of it. */
function recorder(kind: EngineKind, log: string[]): Engine {
  const note = (what: string) => () => {
    log.push(`${kind} ${what}`);
    return Promise.resolve();
  };
  return {
    kind,
    prepare: () => void log.push(`${kind} prepare`),
    boot: note('boot'),
    syncFiles: note('sync'),
    startHost: () => Promise.reject(new Error('not here')),
    dispose: note('dispose'),
  };
}

const NODE_APP = new Map([
  [
    'host.json',
    '{"customHandler":{"description":{"defaultExecutablePath":"node","defaultWorkerPath":"server.js"}}}',
  ],
  ['server.js', 'require("http").createServer().listen(process.env.FUNCTIONS_CUSTOMHANDLER_PORT)'],
]);
const PYTHON_APP = new Map([
  [
    'host.json',
    '{"customHandler":{"description":{"defaultExecutablePath":"python3","arguments":["app.py"]}}}',
  ],
]);

function choice(app: ReadonlyMap<string, string>) {
  const log: string[] = [];
  let made = 0;
  const engine = inPageOrWebContainer({
    inpage: () => {
      made++;
      return recorder('inpage', log);
    },
    webcontainer: () => recorder('webcontainer', log),
    appFiles: () => app,
  });
  return { engine, log, made: () => made };
}

describe('preparing before the app is known', () => {
  it('prepares the in-page engine, and boot uses that same engine when the app fits', async () => {
    const t = choice(NODE_APP);
    t.engine.prepare?.();
    t.engine.prepare?.();
    expect(t.log).toEqual(['inpage prepare']);
    await t.engine.boot();
    expect(t.log).toEqual(['inpage prepare', 'inpage boot']);
    expect(t.made()).toBe(1);
  });

  it('drops the prepared in-page engine when the app needs a WebContainer', async () => {
    const t = choice(PYTHON_APP);
    t.engine.prepare?.();
    await t.engine.boot();
    expect(t.log).toEqual(['inpage prepare', 'inpage dispose', 'webcontainer boot']);
  });

  it('boots as before without a preparation', async () => {
    const t = choice(NODE_APP);
    await t.engine.boot();
    expect(t.log).toEqual(['inpage boot']);
  });
});

// The in-page engine with no playground around it: the engine's part of a call's latency, for
// bench/page.bench.ts. The bench bundles this with esbuild and serves it next to dist/; it hands
// the page the built scripts (build/inpage/*.js) as globalThis.__bundles and the app's files as
// globalThis.__files. Plain JavaScript, as tests/browser/support/inPageHarness.mjs.
import { InPageEngine } from '../../web/engine/inPageEngine.ts';
import { HostConnection } from '../../web/host/hostConnection.ts';

/** Boots the engine, starts the host on the files, and resolves once the host runs. */
globalThis.__startEngineOnly = async () => {
  const engine = new InPageEngine({ loadBundles: async () => globalThis.__bundles });
  await engine.boot();
  await engine.syncFiles(new Map(Object.entries(globalThis.__files)));
  const process = await engine.startHost();
  let running;
  const up = new Promise((resolve) => (running = resolve));
  const connection = new HostConnection(process, {
    onEvent: (event) => {
      if (event.type === 'host.status' && event.state === 'Running') running();
    },
    onText: () => {},
    onProtocolError: () => {},
  });
  await up;
  globalThis.__connection = connection;
};

/** `n` sequential calls after `warm` more, each timed from the command to its answer. */
globalThis.__engineOnlyLatencies = async (request, warm, n) => {
  const times = [];
  for (let i = 0; i < warm + n; i++) {
    const started = performance.now();
    await globalThis.__connection.send({ type: 'http.request', request });
    if (i >= warm) times.push(performance.now() - started);
  }
  return times;
};

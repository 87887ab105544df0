// A page with nothing but the in-page engine on it, to check its plumbing in Chromium without
// the playground around it. The test bundles this with esbuild and hands the page the built
// scripts (build/inpage/*.js) as globalThis.__bundles. Plain JavaScript: the test's own
// TypeScript project has no DOM types, and this file needs no more than the engine's.
import { InPageEngine } from '../../../web/engine/inPageEngine.ts';

globalThis.__makeEngine = () =>
  new InPageEngine({
    loadBundles: async () => {
      if (!globalThis.__bundles) throw new Error('The test did not provide the bundles.');
      return globalThis.__bundles;
    },
  });

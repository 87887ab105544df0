/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

// WebContainer needs SharedArrayBuffer, which needs a cross-origin isolated page.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * V8's explicit compile hint (Chromium 136+) on the entry chunk: nearly all of it (React DOM and
 * the page's first render) runs at page open, so compiling it while it streams in, off the main
 * thread, beats compiling each function on its first call on the main thread. The comment must
 * open the file, so it is added after Vite has written its own preamble. Other browsers ignore it.
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
function eagerEntryCompile(): Plugin {
  return {
    name: 'eager-entry-compile',
    apply: 'build',
    enforce: 'post',
    // In the name's hash too, so a cached copy without it is never taken for this one.
    augmentChunkHash: (chunk) => (chunk.isEntry ? COMPILE_HINT : undefined),
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle))
          if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = `${COMPILE_HINT}\n${chunk.code}`;
      },
    },
  };
}

export default defineConfig({
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  worker: { format: 'es' },
  plugins: [eagerEntryCompile()],
  build: { target: 'es2022' },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['runtime/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['**/*.chromium.test.ts', '**/node_modules/**'],
        },
      },
      {
        // The host as a real process, with real Node and Python handlers over real sockets.
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
        },
      },
      {
        // A real Chromium against the built site and the local engine, as a person would use it.
        extends: true,
        test: {
          name: 'browser',
          // `*.chromium.test.ts` beside the code: a piece checked in a real Chromium on its own.
          include: ['tests/browser/**/*.test.ts', 'runtime/**/*.chromium.test.ts'],
          globalSetup: ['tests/browser/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// WebContainer needs SharedArrayBuffer, which needs a cross-origin isolated page.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  worker: { format: 'es' },
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

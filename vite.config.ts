/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { defineConfig } from 'vite';
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

// WebContainer needs SharedArrayBuffer, which needs a cross-origin isolated page.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** A build-only plugin that adds tags to index.html from the written bundle, with the base. */
function htmlTagsPlugin(
  name: string,
  tags: (
    html: string,
    bundle: Rollup.OutputBundle,
    base: string,
  ) => HtmlTagDescriptor[] | Promise<HtmlTagDescriptor[]>,
): Plugin {
  let base = '/';
  return {
    name,
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: { order: 'post', handler: (html, ctx) => tags(html, ctx.bundle ?? {}, base) },
  };
}

/**
 * The entry (web/main.tsx) is small and imports the playground (web/page.tsx) at once, after it
 * has opened the engine's sandbox. Fetching the playground's chunks and stylesheet from the HTML
 * head, while the entry itself is on its way, saves that round trip.
 */
function preloadPlayground(): Plugin {
  return htmlTagsPlugin('preload-playground', (html, bundle, base) => {
    const page = Object.values(bundle).find(
      (c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/web/page.tsx'),
    );
    if (!page || page.type !== 'chunk') return [];
    const tags: HtmlTagDescriptor[] = [];
    const seen = new Set<string>();
    const add = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (html.includes(`${base}${file}"`)) return; // the entry, or preloaded with it already
      const chunk = bundle[file];
      if (chunk?.type !== 'chunk') return;
      tags.push({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
        injectTo: 'head',
      });
      chunk.imports.forEach(add);
    };
    add(page.fileName);
    for (const css of page.viteMetadata?.importedCss ?? []) {
      tags.push({
        tag: 'link',
        attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${css}` },
        injectTo: 'head',
      });
    }
    return tags;
  });
}

/**
 * Puts web/engine/earlyFrameScript.ts inline at the top of the page's head, with the sandbox's
 * program and the workers' addresses of this build: the sandbox iframe then opens while the HTML
 * is read, a round trip before the entry module arrives (the entry adopts it).
 */
/** The inline script's id: the page's own, told apart from anything a link could bring. */
const EARLY_SANDBOX_SCRIPT_ID = 'fchp-early-sandbox';

function inlineEarlySandbox(): Plugin {
  return htmlTagsPlugin('inline-early-sandbox', async (_html, bundle, base) => {
    // The scripts as files (`?url` assets), not the `?raw` chunks that hold their text.
    const files = Object.values(bundle)
      .filter((output) => output.type === 'asset')
      .map((output) => output.fileName);
    const worker = (name: string) => files.find((f) => new RegExp(`/${name}-[\\w-]+\\.js$`).test(`/${f}`));
    const hostWorker = worker('host-worker');
    const handlerWorker = worker('handler-worker');
    if (!hostWorker || !handlerWorker) return [];
    const sandboxScript = readFileSync(new URL('./build/inpage/sandbox.js', import.meta.url), 'utf8');
    const built = await esbuild({
      entryPoints: [new URL('./web/engine/earlyFrameScript.ts', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      minify: true,
      target: 'es2022',
      write: false,
      logLevel: 'warning',
      define: {
        __FCHP_SANDBOX_SCRIPT__: JSON.stringify(sandboxScript),
        __FCHP_WORKER_URLS__: JSON.stringify({
          hostWorker: `${base}${hostWorker}`,
          handlerWorker: `${base}${handlerWorker}`,
        }),
      },
    });
    // Inside an HTML <script>, only "</script" could end it early.
    const code = built.outputFiles[0]!.text.replace(/<\/(script)/gi, '<\\/$1');
    // First in the head: a script after a stylesheet waits for it to load.
    return [
      { tag: 'script', attrs: { id: EARLY_SANDBOX_SCRIPT_ID }, children: code, injectTo: 'head-prepend' },
    ];
  });
}

export default defineConfig({
  plugins: [preloadPlayground(), inlineEarlySandbox()],
  // The UI is written against React's API and types, and runs on Preact's compatibility layer:
  // the page's script is about half the size, and each render less work (docs/architecture.md).
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },

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
          include: [
            'tests/browser/**/*.test.ts',
            'runtime/**/*.chromium.test.ts',
            'web/**/*.chromium.test.ts',
          ],
          globalSetup: ['tests/browser/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

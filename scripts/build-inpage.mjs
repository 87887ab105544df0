// Builds the in-page engine's three scripts, each one self-contained classic script (IIFE):
//   build/inpage/host-worker.js     the Functions host on the in-page platform (a Web Worker)
//   build/inpage/handler-worker.js  the Node compatibility layer that runs the user's handler
//   build/inpage/sandbox.js         the sandbox iframe's program, which starts both
// The page imports them as text (web/engine/inPageBundles.ts): an opaque-origin iframe can only
// start classic workers from blob: URLs it makes itself, so the sources travel by postMessage.
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = resolve(ROOT, 'build/inpage');
const HANDLER_ENTRY = resolve(ROOT, 'runtime/inpage/handler/handlerWorker.ts');
const HANDLER_OPTIONS = resolve(ROOT, 'runtime/inpage/handler/buildOptions.mjs');

/** What every script shares: a browser target the playground supports, minified. */
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** The output shape is ours: each script must be one classic IIFE, whatever else is set. */
const SHAPE = { bundle: true, format: 'iife', platform: 'browser', write: true };

/** The handler layer's own esbuild settings (polyfill aliases, defines), when it has any. */
async function handlerOptions() {
  const own = existsSync(HANDLER_OPTIONS) ? await import(pathToFileURL(HANDLER_OPTIONS).href) : {};
  return { ...(own.handlerWorkerBuildOptions ?? own.default ?? {}), entryPoints: [HANDLER_ENTRY] };
}

/**
 * Builds the three scripts and returns their sizes.
 * @param {{ quiet?: boolean }} [options]
 */
export async function buildInPage(options = {}) {
  const started = performance.now();
  const handler = await handlerOptions();
  const targets = [
    { name: 'host-worker.js', options: { entryPoints: [resolve(ROOT, 'runtime/inpage/hostWorker.ts')] } },
    { name: 'handler-worker.js', options: handler },
    {
      name: 'sandbox.js',
      options: { entryPoints: [resolve(ROOT, 'runtime/inpage/sandbox/sandboxMain.ts')] },
    },
  ];
  await Promise.all(
    targets.map(({ name, options: own }) =>
      build({ ...COMMON, ...own, ...SHAPE, outfile: resolve(OUT_DIR, name) }),
    ),
  );
  const sizes = targets.map(({ name }) => {
    const file = resolve(OUT_DIR, name);
    return { file, bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length };
  });
  if (!options.quiet) {
    const ms = performance.now() - started;
    for (const { file, bytes, gzipBytes } of sizes) {
      console.log(
        `built ${relative(process.cwd(), file) || file}: ${(bytes / 1024).toFixed(1)} kB (${(gzipBytes / 1024).toFixed(1)} kB gzip)`,
      );
    }
    console.log(`in-page engine built in ${ms.toFixed(0)} ms`);
  }
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildInPage().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

// Builds the host (runtime/node/cli.ts) into ONE self-contained ESM file that runs with plain
// `node host.mjs <appDir>` from a folder with no node_modules (reference/toolchain.md §7).
//
//   node scripts/build-host.mjs                  → build/host.mjs
//   HOST_BUNDLE_OUTFILE=/tmp/x/host.mjs node scripts/build-host.mjs   → elsewhere (tests)
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTFILE = resolve(ROOT, 'build/host.mjs');

// A bundled CommonJS module that calls require('node:…') fails in ESM output with
// "Dynamic require of "node:os" is not supported" unless `require` exists (toolchain.md §7).
const REQUIRE_BANNER =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Builds the host bundle into `outfile` and returns its size in bytes.
 * @param {{ outfile?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ outfile: string, bytes: number, gzipBytes: number, ms: number }>}
 */
export async function buildHost(options = {}) {
  const outfile = resolve(options.outfile ?? DEFAULT_OUTFILE);
  const started = performance.now();
  await build({
    absWorkingDir: ROOT,
    entryPoints: [resolve(ROOT, 'runtime/node/cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    minify: false, // readable stack traces
    legalComments: 'none',
    banner: { js: REQUIRE_BANNER },
    // Loaded only by `--storage` (from the repository's node_modules): the bundle that ships into a
    // WebContainer stays small and self-contained.
    external: ['@azure/storage-queue'],
    logLevel: 'warning',
  });
  const ms = performance.now() - started;
  const bytes = statSync(outfile).size;
  const gzipBytes = gzipSync(readFileSync(outfile)).length;
  if (!options.quiet) {
    const where = relative(process.cwd(), outfile) || outfile;
    console.log(
      `built ${where}: ${(bytes / 1024).toFixed(1)} kB (${(gzipBytes / 1024).toFixed(1)} kB gzip) in ${ms.toFixed(0)} ms`,
    );
  }
  return { outfile, bytes, gzipBytes, ms };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildHost({ outfile: process.env.HOST_BUNDLE_OUTFILE || DEFAULT_OUTFILE }).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

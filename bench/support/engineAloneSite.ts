/**
 * The engine-alone page (engineAlonePage.ts) for a build: its HTML, which keeps the built page's
 * inline early-sandbox script, and the routes that serve its script, bundled with one example's
 * files and its first request (the one the playground's composer opens with).
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRequestSpec } from '../../runtime/core/control/protocol';
import type { ExtraRoute } from '../../tests/browser/support/staticServer';

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'engineAlonePage.ts');
const SCRIPT_PATH = '/__bench/engine-alone.js';
/** The playground's own settings for an example: not a file of the app. */
const NOT_APP_FILES = new Set(['playground.json']);

export interface EngineAloneSite {
  readonly html: string;
  readonly routes: Record<string, ExtraRoute>;
}

export async function engineAloneSite(dist: string, exampleDir: string): Promise<EngineAloneSite> {
  const built = readFileSync(join(dist, 'index.html'), 'utf8');
  const inline = /<script id="fchp-early-sandbox">[\s\S]*?<\/script>/.exec(built)?.[0];
  const urls = /hostWorker:"([^"]+)",handlerWorker:"([^"]+)"/.exec(inline ?? '');
  if (!inline || !urls) {
    throw new Error(`${join(dist, 'index.html')} has no early-sandbox script naming the workers' scripts`);
  }
  const files = Object.fromEntries(
    appFiles(exampleDir)
      .filter((path) => !NOT_APP_FILES.has(path))
      .map((path) => [path, readFileSync(join(exampleDir, path), 'utf8')]),
  );
  const playground = JSON.parse(readFileSync(join(exampleDir, 'playground.json'), 'utf8')) as {
    request: { method: string; path: string; headers?: Record<string, string>; body?: string };
  };
  const request: HttpRequestSpec = {
    method: playground.request.method,
    path: playground.request.path,
    headers: Object.entries(playground.request.headers ?? {}),
    ...(playground.request.body !== undefined && { body: playground.request.body }),
  };
  const bundle = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'warning',
    define: {
      __ENGINE_ALONE__: JSON.stringify({
        files,
        request,
        workerUrls: { hostWorker: urls[1], handlerWorker: urls[2] },
      }),
    },
  });
  return {
    html:
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
      `<title>The in-page engine alone</title>${inline}</head>` +
      `<body><script src="${SCRIPT_PATH}"></script></body></html>`,
    routes: { [SCRIPT_PATH]: { type: 'text/javascript', body: bundle.outputFiles[0]!.text } },
  };
}

/** The app-relative paths of the files under `dir`. */
export function appFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? appFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

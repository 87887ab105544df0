import { build } from 'esbuild';

/**
 * Two routes for the static server: `<base>.html`, a blank page that runs `<base>.js`, and that
 * script, bundled from `entry` for the browser. The harness pages of the in-page tests and benches.
 */
export async function scriptPageRoutes(
  entry: string,
  base: string,
  title: string,
): Promise<Record<string, { type: string; body: string }>> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return {
    [`${base}.html`]: {
      type: 'text/html; charset=utf-8',
      body:
        `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>` +
        `<script src="${base}.js"></script>`,
    },
    [`${base}.js`]: { type: 'text/javascript', body: bundle.outputFiles[0]!.text },
  };
}

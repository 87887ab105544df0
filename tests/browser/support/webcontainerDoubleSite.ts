import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DOUBLE_SITE_DIR = join(ROOT, 'build', 'webcontainer-double-site');
/** What only the double says: found in the test build, and never in the production one. */
export const DOUBLE_MARKER = 'The WebContainer double';

/**
 * Builds the site as `npm run build` does, with one difference: `@webcontainer/api` resolves to
 * the test double (web/engine/webcontainerDouble/api.ts). The alias lives here and nowhere in
 * vite.config.ts, so the production build cannot pick the double up; the adapter imports the
 * library lazily, so the double lands in the same lazy chunk the real library would. Needs the
 * in-page scripts and the host bundle in build/, which the browser project's global setup builds.
 */
export async function buildWebContainerDoubleSite(): Promise<string> {
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    resolve: {
      alias: { '@webcontainer/api': join(ROOT, 'web/engine/webcontainerDouble/api.ts') },
    },
    build: { outDir: DOUBLE_SITE_DIR, emptyOutDir: true },
  });
  return DOUBLE_SITE_DIR;
}

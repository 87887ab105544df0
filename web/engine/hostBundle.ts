/**
 * The host bundle's source text, which `npm run build:host` writes to build/host.mjs. It is
 * loaded lazily, so its ~250 kB land in their own chunk, fetched only when a WebContainer boots.
 * It sits in its own module so unit tests can mock it without the bundle having been built.
 *
 * A glob rather than a plain import('…?raw'): `vite build` empties dist/ after reading its inputs,
 * so the bundle is gone after every build until build:host runs again, and a plain import would
 * then fail the whole site's build. With the glob a missing bundle only fails here, saying why.
 */
const bundles = import.meta.glob<string>('../../build/host.mjs', { query: '?raw', import: 'default' });

export async function loadHostBundle(): Promise<string> {
  const load = bundles['../../build/host.mjs'];
  if (!load) {
    throw new Error(
      'This build has no host bundle: build the site with npm run build, which builds it first.',
    );
  }
  return load();
}

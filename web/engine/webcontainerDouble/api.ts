/**
 * What a test build of the site gets for `import('@webcontainer/api')` (a Vite alias in
 * tests/browser/support/webcontainerDoubleSite.ts): the test double, backed by the in-page
 * engine's workers. Nothing in the site imports this file, so the production build, which has
 * no such alias, cannot contain it.
 */
import { InPageEngine } from '../inPageEngine';
import { loadInPageBundles } from '../inPageBundles';
import { configuredApiKey, currentInstance, setBackingEngine } from './webcontainerDouble';
import type { WebContainerDouble } from './webcontainerDouble';

export { configureAPIKey, WebContainerDouble as WebContainer } from './webcontainerDouble';

declare global {
  /** The browser test's window on the double: the instance booted now, and the key configured. */
  var __webcontainerDouble:
    | { readonly current: () => WebContainerDouble | undefined; readonly apiKey: () => string | undefined }
    | undefined;
}

setBackingEngine(() => new InPageEngine({ loadBundles: loadInPageBundles }));
globalThis.__webcontainerDouble = { current: currentInstance, apiKey: configuredApiKey };

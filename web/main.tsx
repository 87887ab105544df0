/**
 * The page's entry, kept small so that it runs as soon as it arrives: it opens the in-page
 * engine's sandbox, whose workers then load and start on their own threads while the playground
 * (page.tsx) is fetched, evaluated and rendered.
 */
import { readEmbedOptions } from './embed/embedOptions';
import { startEarlySandbox } from './engine/earlySandbox';

startEarlySandbox(window, readEmbedOptions(location.search).options.clickToRun);

import('./page').catch((e: unknown) => {
  const app = document.getElementById('app');
  if (app)
    app.textContent = `The playground could not load: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.`;
});

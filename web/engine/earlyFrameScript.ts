/**
 * Inlined at the top of the built page's head (vite.config.ts, inlineEarlySandbox): opens the
 * in-page engine's sandbox iframe while the HTML is still being read, before the entry module has
 * even been fetched, wherever the in-page engine is the likely engine. The iframe's process and
 * its workers then start a network round trip sooner. The entry adopts it (earlySandbox.ts).
 * Built on its own by esbuild, so it imports only modules without imports of their own.
 */
import type { SandboxWorkerUrls } from '../../runtime/inpage/protocol';
import { clickToRunFrom } from '../embed/clickToRun';
import { EARLY_FRAME_KEY, type EarlyFrame } from './earlyFrame';
import { likelyInPage } from './likelyInPage';
import { createSandboxIframe, sandboxReady, workerUrlsFor } from './sandboxIframe';

/** Defined by the build: the sandbox's program, and where the workers' scripts are. */
declare const __FCHP_SANDBOX_SCRIPT__: string;
declare const __FCHP_WORKER_URLS__: SandboxWorkerUrls;

if (likelyInPage(window, clickToRunFrom(new URLSearchParams(location.search)))) {
  const iframe = createSandboxIframe(
    document,
    __FCHP_SANDBOX_SCRIPT__,
    workerUrlsFor(__FCHP_WORKER_URLS__, window),
  );
  const ready = sandboxReady(window, iframe);
  // Run from the head, before the body exists: the iframe goes in the root, beside them.
  (document.body ?? document.documentElement).append(iframe);
  (window as unknown as Record<string, EarlyFrame>)[EARLY_FRAME_KEY] = { iframe, ready };
}

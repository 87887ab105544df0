/**
 * The in-page engine's sandbox, opened by the page's first lines, before the playground's own
 * code has even loaded: its workers then load and evaluate their scripts on their own threads
 * while the page is fetched, evaluated and rendered, and the engine adopts it when it boots
 * (InPageEngine's takeEarlySandbox). Only where the in-page engine is the likely one.
 */
import type { SandboxFrame } from './sandboxFrame';
import { openSandboxFrame, workerUrlsFor } from './sandboxFrame';
import { loadInPageBundles, sandboxScript, workerScriptUrls } from './inPageBundles';

let early: Promise<SandboxFrame> | undefined;

export interface EarlyPage {
  readonly location: { readonly search: string; readonly href: string };
  readonly document: Pick<Document, 'querySelector'>;
  readonly crossOriginIsolated?: boolean;
}

/**
 * Whether the page will most likely run the in-page engine: no other engine asked for by
 * `?engine=`, not served by npm start (its config in the page), and not an embed that waits for
 * a click (a docs page with several of them starts no engine until asked).
 */
export function likelyInPage(page: EarlyPage, clickToRun: boolean): boolean {
  const requested = new URLSearchParams(page.location.search).get('engine');
  if (requested !== null && requested !== 'inpage') return false;
  if (requested === null && page.document.querySelector('meta[name="fchp-engine"]')) return false;
  return !clickToRun;
}

/** Opens the sandbox now, if this build has the in-page engine and it is the likely engine. */
export function startEarlySandbox(page: EarlyPage, clickToRun: boolean): void {
  if (early || sandboxScript === undefined || !likelyInPage(page, clickToRun)) return;
  early = openSandboxFrame({
    sandboxScript,
    workerUrls: workerUrlsFor(workerScriptUrls, page),
    loadBundles: loadInPageBundles,
  });
  // The engine that takes it reports a failure; one nobody takes must not be an unhandled rejection.
  early.catch(() => undefined);
}

/** The early sandbox, once: the first in-page engine to boot takes it. */
export function takeEarlySandbox(): Promise<SandboxFrame> | undefined {
  const taken = early;
  early = undefined;
  return taken;
}

/** Closes the early sandbox if no engine took it (the page settled on another engine). */
export function discardEarlySandbox(): void {
  const left = takeEarlySandbox();
  void left?.then(
    (frame) => {
      frame.port.close();
      frame.iframe.remove();
    },
    () => undefined,
  );
}

/**
 * The in-page engine's sandbox, opened by the page's first lines, before the playground's own
 * code has even loaded: its workers then load and evaluate their scripts on their own threads
 * while the page is fetched, evaluated and rendered, and the engine adopts it when it boots
 * (InPageEngine's takeEarlySandbox). Only where the in-page engine is the likely one.
 */
import type { SandboxFrame } from './sandboxFrame';
import { connectSandboxFrame, openSandboxFrame } from './sandboxFrame';
import { workerUrlsFor } from './sandboxIframe';
import { takeInlineFrame } from './earlyFrame';
import { likelyInPage } from './likelyInPage';
import { loadInPageBundles, sandboxScript, workerScriptUrls } from './inPageBundles';

let early: Promise<SandboxFrame> | undefined;

/**
 * Opens the sandbox now, if this build has the in-page engine and it is the likely engine, or
 * adopts the one the inline script at the top of the built page already opened.
 */
export function startEarlySandbox(page: Window, clickToRun: boolean): void {
  if (early || sandboxScript === undefined) return;
  const inline = takeInlineFrame(page);
  if (!inline && !likelyInPage(page, clickToRun)) return;
  const options = {
    sandboxScript,
    workerUrls: workerUrlsFor(workerScriptUrls, page),
    loadBundles: loadInPageBundles,
  };
  early = inline ? connectSandboxFrame(inline.iframe, inline.ready, options) : openSandboxFrame(options);
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

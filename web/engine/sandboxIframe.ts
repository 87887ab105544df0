/**
 * The sandbox iframe itself, with nothing of the page around it: also bundled on its own into
 * the inline script at the top of the built page (earlyFrameScript.ts), so it imports only what
 * has no imports of its own.
 */
import type { SandboxWorkerUrls } from '../../runtime/inpage/protocol';
import { SANDBOX_ATTRIBUTE, sandboxDocument } from '../../runtime/inpage/sandbox/sandboxDocument';

/** The hidden sandbox iframe (scripts allowed, the site's origin withheld), not yet in the page. */
export function createSandboxIframe(
  doc: Document,
  sandboxScript: string,
  workerUrls: SandboxWorkerUrls | undefined,
): HTMLIFrameElement {
  const iframe = doc.createElement('iframe');
  iframe.setAttribute('sandbox', SANDBOX_ATTRIBUTE);
  iframe.title = 'In-page engine';
  iframe.hidden = true;
  iframe.tabIndex = -1;
  iframe.setAttribute('aria-hidden', 'true');
  iframe.dataset.engine = 'inpage';
  iframe.srcdoc = sandboxDocument(sandboxScript, workerUrls);
  return iframe;
}

/**
 * Resolves when the iframe's program says it is ready. Listen before the iframe is in the page:
 * the word is said once. An iframe removed before it spoke (a boot that failed) will never
 * speak: the next message the page hears takes the listener away.
 */
export function sandboxReady(win: Window, iframe: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => {
    const onReady = (event: MessageEvent) => {
      if (!iframe.isConnected) {
        win.removeEventListener('message', onReady);
        return;
      }
      // Only our own iframe; its origin is opaque, so the source is what identifies it.
      if (
        event.source !== iframe.contentWindow ||
        (event.data as { t?: unknown })?.t !== 'fchp-sandbox-ready'
      )
        return;
      win.removeEventListener('message', onReady);
      resolve();
    };
    win.addEventListener('message', onReady);
  });
}

/**
 * The workers' own addresses of their scripts, absolute (the iframe's blob workers resolve against
 * nothing of the page), or none where they would not load: a cross-origin isolated page (COEP)
 * lets its sandbox load only scripts served with CORP, which a static host may not send, so there
 * the page posts the scripts as text.
 */
export function workerUrlsFor(
  urls: SandboxWorkerUrls | undefined,
  page: { readonly crossOriginIsolated?: boolean; readonly location: { readonly href: string } },
): SandboxWorkerUrls | undefined {
  if (!urls || page.crossOriginIsolated) return undefined;
  return {
    hostWorker: new URL(urls.hostWorker, page.location.href).href,
    handlerWorker: new URL(urls.handlerWorker, page.location.href).href,
  };
}

import type { SandboxBoot, SandboxWorkerUrls } from '../../runtime/inpage/protocol';
import { asBootError, EngineBootError } from './engine';
import type { InPageBundles } from './inPageBundles';
import { createSandboxIframe, sandboxReady } from './sandboxIframe';

export const DEFAULT_SANDBOX_TIMEOUT_MS = 10_000;

/** The iframe and the port to its program, once booted. */
export interface SandboxFrame {
  readonly iframe: HTMLIFrameElement;
  readonly port: MessagePort;
}

export interface SandboxFrameOptions {
  /** The sandbox's program (small: it comes with the page). */
  readonly sandboxScript: string;
  /**
   * Where the workers' scripts are: the iframe's workers then load them themselves, and
   * `loadBundles` is never called. Without it the page fetches the scripts and posts them.
   */
  readonly workerUrls?: SandboxWorkerUrls | undefined;
  /** The workers' scripts as text, when there are no `workerUrls`. */
  readonly loadBundles: () => Promise<Pick<InPageBundles, 'hostWorker' | 'handlerWorker'>>;
  /** How long the iframe may take to answer once the scripts are at hand. */
  readonly timeoutMs?: number;
}

/**
 * Makes the hidden sandbox iframe (scripts allowed, the site's origin withheld), waits for its
 * program and hands it its port, with the workers' scripts or the iframe's own addresses of them.
 * Rejects with an EngineBootError, the iframe removed, when it cannot.
 */
export function openSandboxFrame(options: SandboxFrameOptions): Promise<SandboxFrame> {
  const iframe = createSandboxIframe(document, options.sandboxScript, options.workerUrls);
  const ready = sandboxReady(window, iframe);
  document.body.append(iframe);
  return connectSandboxFrame(iframe, ready, options);
}

/**
 * Boots a sandbox iframe that is already in the page (made by openSandboxFrame, or by the inline
 * script at the top of the built page before any module loaded): once its program is `ready`,
 * it gets its port, and the workers' scripts if it has no addresses of them.
 */
export function connectSandboxFrame(
  iframe: HTMLIFrameElement,
  ready: Promise<void>,
  options: SandboxFrameOptions,
): Promise<SandboxFrame> {
  const { workerUrls } = options;
  const loading = workerUrls
    ? Promise.resolve(undefined)
    : options.loadBundles().catch((e: unknown) => {
        throw asBootError(e);
      });
  loading.catch(() => undefined); // awaited below; a failure is reported once, from there

  const timeoutMs = options.timeoutMs ?? DEFAULT_SANDBOX_TIMEOUT_MS;
  const channel = new MessageChannel();
  const booted = new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const fail = (e: unknown) => {
      clearTimeout(timer);
      settled = true;
      reject(e);
    };
    // Counted once the scripts are here: a slow network is not a blocked sandbox.
    loading.then(() => {
      if (settled) return;
      timer = setTimeout(() => {
        fail(
          new EngineBootError(
            'timeout',
            `The in-page engine's sandbox did not start within ${timeoutMs / 1000} s. ` +
              'A browser extension or a content security policy may be blocking sandboxed frames or workers.',
          ),
        );
      }, timeoutMs);
    }, fail);
    Promise.all([ready, loading]).then(([, bundles]) => {
      if (settled) return;
      const boot: SandboxBoot = {
        t: 'fchp-sandbox-boot',
        ...(bundles && {
          scripts: { hostWorker: bundles.hostWorker, handlerWorker: bundles.handlerWorker },
        }),
        port: channel.port2,
      };
      iframe.contentWindow?.postMessage(boot, '*', [channel.port2]);
    }, fail);
    channel.port1.onmessage = (event: MessageEvent) => {
      if ((event.data as { t?: unknown })?.t !== 'booted') return;
      clearTimeout(timer);
      settled = true;
      channel.port1.onmessage = null;
      resolve();
    };
  });
  return booted.then(
    () => ({ iframe, port: channel.port1 }),
    (e: unknown) => {
      iframe.remove();
      channel.port1.close();
      throw e;
    },
  );
}

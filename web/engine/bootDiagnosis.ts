import type { BootFailureReason } from './engine';

export type BootAction = 'reload' | 'open-in-new-tab' | 'use-local-engine-docs';

export interface BootDiagnosis {
  readonly title: string;
  readonly detail: string;
  readonly actions: readonly BootAction[];
}

export interface BootDiagnosisContext {
  /** True when the playground runs in a frame and a link can open it as a top-level page. */
  readonly canOpenInNewTab: boolean;
  /** The boot timeout in force, to say how long we waited. */
  readonly bootTimeoutMs?: number;
}

/** Said every time: a failed runtime must not read as a broken page. */
const STILL_WORKS = 'Editing, sharing and downloading the app keep working without a runtime.';

/** StackBlitz's own support matrix, so a person on Firefox or Safari knows what to expect. */
const BROWSER_SUPPORT =
  'StackBlitz supports WebContainers fully in Chromium browsers (Chrome, Edge); its Firefox and ' +
  'Safari support is beta, and a playground embedded in another page runs only in Chromium.';

/** How to lift a blocker of what the runtime needs (StackBlitz's frames, cookies and storage). */
const UNBLOCK =
  'allow third-party cookies and site data for stackblitz.com, *.staticblitz.com and ' +
  '*.webcontainer.io (in Firefox, turn off Enhanced Tracking Protection for this site; in Brave, ' +
  'lower its Shields)';

/** What the page says, in plain words, when the runtime could not start, and what the user can do. */
export function describeBootFailure(
  reason: BootFailureReason,
  message: string,
  context: BootDiagnosisContext,
): BootDiagnosis {
  const paragraphs = (...lines: string[]) => [...lines, STILL_WORKS].join('\n\n');
  switch (reason) {
    case 'not-isolated':
      return {
        title: 'This site is not set up to run the app',
        detail: paragraphs(
          'The runtime needs a cross-origin isolated page: the site must be served with the headers ' +
            '"Cross-Origin-Opener-Policy: same-origin" and "Cross-Origin-Embedder-Policy: require-corp". ' +
            'Whoever hosts this copy of the playground can add them; docs/hosting.md explains how.',
        ),
        actions: ['use-local-engine-docs'],
      };
    case 'embedded':
      return {
        title: 'The runtime cannot start inside this page',
        detail: paragraphs(
          'The playground is embedded in a page that is not cross-origin isolated, and a browser only ' +
            'lets the runtime start in an isolated page. Even in an isolated page, StackBlitz runs ' +
            'embedded WebContainers only in Chromium browsers (Chrome, Edge).',
          context.canOpenInNewTab
            ? 'Open the playground in a new tab to run the app.'
            : 'Open the playground on its own page to run the app.',
        ),
        actions: context.canOpenInNewTab
          ? ['open-in-new-tab', 'use-local-engine-docs']
          : ['use-local-engine-docs'],
      };
    case 'unsupported-browser':
      return {
        title: 'This browser cannot run the app',
        detail: paragraphs(
          message,
          `${BROWSER_SUPPORT} Use a recent desktop Chrome or Edge, or run the app on your own machine.`,
        ),
        actions: ['use-local-engine-docs'],
      };
    case 'offline':
      return {
        title: 'You are offline',
        detail: paragraphs(
          "The runtime is downloaded from StackBlitz's servers each time the page loads. Reload when you are back online.",
        ),
        actions: ['reload', 'use-local-engine-docs'],
      };
    case 'timeout':
      return {
        title: 'The runtime did not start',
        detail: paragraphs(
          `The browser could not reach StackBlitz's servers ${within(context.bootTimeoutMs)}. ` +
            'A network problem, a firewall, or a blocker for third-party cookies or storage can cause this.',
          `If a blocker is the cause, ${UNBLOCK}.`,
          BROWSER_SUPPORT,
          'Reload the page to try again: the browser cannot retry within the same page.',
        ),
        actions: ['reload', 'use-local-engine-docs'],
      };
    case 'refused':
      return {
        title: 'This runtime is not available here',
        detail: paragraphs(message),
        actions: ['use-local-engine-docs'],
      };
    case 'error':
      return {
        title: 'The runtime failed to start',
        detail: paragraphs(message, BROWSER_SUPPORT, 'Reloading the page may help.'),
        actions: ['reload', 'use-local-engine-docs'],
      };
    case 'runtime-error':
      return {
        title: 'The runtime reported an error',
        detail: paragraphs(explainRuntimeError(message)),
        actions: ['reload', 'use-local-engine-docs'],
      };
  }
}

/**
 * A WebContainer's `error` event in plain words. The library's messages are terse and internal;
 * the common cause by far is a browser that blocks StackBlitz's third-party cookies or storage.
 */
export function explainRuntimeError(message: string): string {
  const said = `The runtime said: "${message}".`;
  if (/cookie|storage|indexeddb|quota|securityerror|access.*denied|permission/i.test(message)) {
    return `${said} Your browser blocks the third-party cookies or storage the runtime needs, so the app cannot run. To run it, ${UNBLOCK}, then reload.`;
  }
  return `${said} The app may stop responding. A blocker for third-party cookies or storage is the usual cause: ${UNBLOCK}, then reload. ${BROWSER_SUPPORT}`;
}

function within(timeoutMs: number | undefined): string {
  if (timeoutMs === undefined) return 'in time';
  const seconds = Math.round(timeoutMs / 100) / 10; // one decimal, for a tiny test timeout
  return `within ${seconds} s`;
}

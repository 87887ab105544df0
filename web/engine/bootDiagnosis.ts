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
            'lets the runtime start in an isolated page.',
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
          'The runtime works best in a recent desktop Chrome, Edge or Firefox, or you can run the app on your own machine.',
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
        detail: paragraphs(message, 'Reloading the page may help.'),
        actions: ['reload', 'use-local-engine-docs'],
      };
  }
}

function within(timeoutMs: number | undefined): string {
  if (timeoutMs === undefined) return 'in time';
  const seconds = Math.round(timeoutMs / 100) / 10; // one decimal, for a tiny test timeout
  return `within ${seconds} s`;
}

import type { SandboxWorkerUrls } from '../protocol';

/**
 * The sandbox iframe's policy, set here because workers inherit their document's CSP. It allows
 * the origins the workers may load their scripts from (their addresses in the document),
 * 'unsafe-eval' because the handler layer runs the user's code with eval (for correct
 * line numbers), the inline script that is this document's program, blob: for the workers
 * themselves, and nothing else. No connection at all (fetch, XMLHttpRequest, WebSocket,
 * EventSource fall under default-src): the engine's handlers have no network, as its fetch and
 * http.request say, so code from a shared link cannot call out from its reader's browser.
 */
function sandboxPolicy(scriptOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    ["script-src 'unsafe-inline' 'unsafe-eval' blob:", ...scriptOrigins].join(' '),
    'worker-src blob:',
  ].join('; ');
}

/** The meta element that carries SandboxWorkerUrls into the document. */
export const WORKER_URLS_META = 'fchp-worker-scripts';

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The iframe's whole document: the policy and the sandbox script, inline (it cannot fetch), and
 * where the workers' scripts are when they may load them themselves.
 */
export function sandboxDocument(script: string, workerUrls?: SandboxWorkerUrls): string {
  // A "</script" inside the script would end the element early; "<\/" means the same in JS.
  const inline = script.replace(/<\/(script)/gi, '<\\/$1');
  const origins = workerUrls
    ? [...new Set([workerUrls.hostWorker, workerUrls.handlerWorker].map((url) => new URL(url).origin))]
    : [];
  const urls = workerUrls
    ? `<meta name="${WORKER_URLS_META}" content="${escapeAttribute(JSON.stringify(workerUrls))}">`
    : '';
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${sandboxPolicy(origins)}">${urls}` +
    `<title>In-page engine</title></head><body><script>${inline}</script></body></html>`
  );
}

/** The attributes that make the iframe a sandbox: scripts yes, the site's origin no. */
export const SANDBOX_ATTRIBUTE = 'allow-scripts';

/**
 * The sandbox iframe's policy. Set here because workers inherit their document's CSP: blob:
 * for the workers' scripts, 'unsafe-eval' because the handler layer runs the user's code with
 * eval (for correct line numbers), the inline script that is this document's program, and
 * nothing else (no images, frames, forms or fetches of the site).
 */
export const SANDBOX_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' blob:",
  'worker-src blob:',
  // Handlers may call out to the internet as they would under Node; the origin is opaque, so
  // no cookie or storage of the site goes with them.
  'connect-src https: wss:',
].join('; ');

/** The iframe's whole document: the policy and the sandbox script, inline (it cannot fetch). */
export function sandboxDocument(script: string): string {
  // A "</script" inside the script would end the element early; "<\/" means the same in JS.
  const inline = script.replace(/<\/(script)/gi, '<\\/$1');
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${SANDBOX_CSP}">` +
    `<title>In-page engine</title></head><body><script>${inline}</script></body></html>`
  );
}

/** The attributes that make the iframe a sandbox: scripts yes, the site's origin no. */
export const SANDBOX_ATTRIBUTE = 'allow-scripts';

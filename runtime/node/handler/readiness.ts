import http from 'node:http';

export const READINESS_INTERVAL_MS = 25;

const KEEP_WAITING = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
]);

/**
 * The host's readiness ping: `GET http://127.0.0.1:{port}/` every 25 ms. Any HTTP answer, even
 * 404 or 500, means ready; a socket error means keep waiting; any other error also counts as
 * ready. Only the slept delays count against the budget, as in the host.
 */
export async function waitUntilListening(
  port: number,
  budgetMs: number,
  signal: AbortSignal,
): Promise<'ready' | 'timeout' | 'aborted'> {
  let slept = 0;
  for (;;) {
    if (signal.aborted) return 'aborted';
    const outcome = await ping(port);
    if (outcome === 'ready') return 'ready';
    if (slept >= budgetMs) return 'timeout';
    await new Promise((r) => setTimeout(r, READINESS_INTERVAL_MS));
    slept += READINESS_INTERVAL_MS;
  }
}

function ping(port: number): Promise<'ready' | 'waiting'> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve('ready');
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve(KEEP_WAITING.has(err.code ?? '') ? 'waiting' : 'ready'),
    );
  });
}

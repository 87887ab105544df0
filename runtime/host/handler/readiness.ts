import type { HttpClient } from '../http/httpClient';
import { ClientError } from '../http/httpClient';

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
  client: HttpClient,
  port: number,
  budgetMs: number,
  signal: { readonly aborted: boolean },
  onWaiting?: () => void,
): Promise<'ready' | 'timeout' | 'aborted'> {
  let slept = 0;
  for (;;) {
    if (signal.aborted) return 'aborted';
    const outcome = await ping(client, port);
    if (outcome === 'ready') return 'ready';
    onWaiting?.();
    if (slept >= budgetMs) return 'timeout';
    await new Promise<void>((r) => setTimeout(r, READINESS_INTERVAL_MS));
    slept += READINESS_INTERVAL_MS;
  }
}

async function ping(client: HttpClient, port: number): Promise<'ready' | 'waiting'> {
  let cancel: (() => void) | undefined;
  const timer = setTimeout(() => cancel?.(), 5000);
  try {
    await client.call(port, {
      method: 'GET',
      path: '/',
      headers: [['Host', `127.0.0.1:${port}`]],
      connectionClose: true,
      onCancel: (c) => (cancel = c),
    });
    return 'ready';
  } catch (e) {
    const code = e instanceof ClientError ? e.code : undefined;
    if (code === 'ABORT_ERR') return 'waiting';
    return KEEP_WAITING.has(code ?? '') ? 'waiting' : 'ready';
  } finally {
    clearTimeout(timer);
  }
}

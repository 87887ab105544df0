import type { HostEvent } from '../../runtime/core/control/protocol';
import { createNodeHost } from '../../runtime/node/nodeHost';
import type { FunctionHost } from '../../runtime/node/nodeHost';

/**
 * Starts the real host on an app folder and waits until it is Running or has stopped in Error
 * (or the deadline passes), so a test can assert on either instead of hanging.
 */
export async function startHostOn(
  appRoot: string,
  timeoutMs = 15_000,
): Promise<{ host: FunctionHost; events: HostEvent[] }> {
  const events: HostEvent[] = [];
  const host = createNodeHost({ appRoot, port: 0 });
  host.subscribe((e) => events.push(e));
  await host.start();
  const deadline = Date.now() + timeoutMs;
  while (!events.some((e) => e.type === 'host.status' && (e.state === 'Running' || e.state === 'Error'))) {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { host, events };
}

import type { Listener, Platform, StreamError } from '../platform';
import type { ServerRequest, ServerResponse } from '../http/serverConnection';
import { ServerConnection } from '../http/serverConnection';

export interface FrontDoor {
  readonly port: number;
  close(): Promise<void>;
}

/** Idle keep-alive connections stay open this long, as the front door always allowed. */
const KEEP_ALIVE_TIMEOUT_MS = 120_000;
/** Kestrel's KestrelServerLimits.RequestHeadersTimeout. */
export const REQUEST_HEADERS_TIMEOUT_MS = 30_000;

/**
 * The public HTTP listener: each connection speaks HTTP/1.1 through the host's own codec, which
 * keeps every byte so the caller's request and the host's answer are recorded as on the wire.
 */
export async function openFrontDoor(
  platform: Platform,
  port: number,
  host: string,
  onRequest: (req: ServerRequest, res: ServerResponse, conn: ServerConnection) => void,
  requestHeadersTimeoutMs = REQUEST_HEADERS_TIMEOUT_MS,
): Promise<FrontDoor> {
  let listener: Listener;
  try {
    listener = await platform.listen(port, host, (stream) => {
      new ServerConnection(stream, {
        keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
        requestHeadersTimeoutMs,
        now: () => platform.now(),
        onRequest,
      });
    });
  } catch (e) {
    if ((e as StreamError).code === 'EADDRINUSE')
      throw new Error(
        `Port ${port} is unavailable. Close the process using that port, or specify another port using --port [-p].`,
        { cause: e },
      );
    throw e;
  }
  return listener;
}

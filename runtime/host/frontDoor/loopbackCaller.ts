import { utf8Encode } from '../../core/bytes/utf8';
import type { HttpRequestSpec } from '../../core/control/protocol';
import { decodeDotnetBase64 } from '../../core/queues/base64';
import type { HttpClient } from '../http/httpClient';

/**
 * The playground's caller: performs a request against the front door over loopback, as Node's
 * client without an agent did, so the caller's hop is a real one with the same bytes.
 * `claimPort` learns the local port first, so the exchange the request creates can be claimed.
 */
export async function callFrontDoor(
  client: HttpClient,
  port: number,
  spec: HttpRequestSpec,
  claimPort: (localPort: number) => void,
): Promise<{ status: number }> {
  const body =
    spec.body === undefined
      ? undefined
      : spec.bodyEncoding === 'base64'
        ? (decodeDotnetBase64(spec.body) ?? new Uint8Array(0))
        : utf8Encode(spec.body);
  const headers: [string, string][] = [['Host', `127.0.0.1:${port}`]];
  for (const [k, v] of spec.headers ?? []) headers.push([k, v]);
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  if (body && !has('content-length') && !has('transfer-encoding'))
    headers.push(['Content-Length', String(body.length)]);
  const result = await client.call(port, {
    method: spec.method.toUpperCase(),
    path: spec.path,
    headers,
    ...(body !== undefined && { body }),
    connectionClose: true,
    onConnect: (stream) => claimPort(stream.localPort),
  });
  return { status: result.status };
}

/**
 * The playground's requests to the front door, each claiming the exchange it causes: the front
 * door recognises the caller's connection by its local port and hands it the exchange's id.
 */
export class LoopbackCaller {
  private readonly claims = new Map<number, (exchangeId: string) => void>();

  constructor(private readonly client: HttpClient) {}

  async perform(
    port: number | undefined,
    spec: HttpRequestSpec,
  ): Promise<{ status: number; exchangeId?: string }> {
    if (port === undefined) throw new Error('The front door is not open.');
    let exchangeId: string | undefined;
    let claimed: number | undefined;
    try {
      const { status } = await callFrontDoor(this.client, port, spec, (local) => {
        claimed = local;
        this.claims.set(local, (id) => (exchangeId = id));
      });
      return { status, ...(exchangeId !== undefined && { exchangeId }) };
    } finally {
      if (claimed !== undefined) this.claims.delete(claimed);
    }
  }

  /** How a request arriving from `remotePort` claims its exchange, when this caller sent it. */
  claimOf(remotePort: number): ((exchangeId: string) => void) | undefined {
    return this.claims.get(remotePort);
  }

  destroy(): void {
    this.client.destroy();
  }
}

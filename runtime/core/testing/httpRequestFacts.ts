import { jsonArray } from '../json/jsonNode';
import type { HttpRequestFacts } from '../invocation/httpPayload';

/** For tests: the seed's GET of order 42 as the front door hands it to the payload builders. */
export function httpRequestFacts(partial: Partial<HttpRequestFacts> = {}): HttpRequestFacts {
  return {
    url: 'http://localhost:7071/api/orders/42?status=open&code=k1',
    method: 'GET',
    headers: [
      ['Accept', ['*/*']],
      ['Host', ['localhost:7071']],
    ],
    query: [
      ['status', ['open']],
      ['code', ['k1']],
    ],
    params: [['id', '42']],
    identities: jsonArray(),
    ...partial,
  };
}

import type { Exchange, Hop } from '../../runtime/core/exchange/exchange';
import type { PlaygroundSession } from '../session/session';
import type { ComposedRequest } from '../stores/triggersStore';
import { bodyPieces } from '../exchanges/bodyPieces';
import type { BodyPiece } from '../exchanges/bodyPieces';

/** What came back for one request, read from its exchange: the caller's answer as it crossed the wire. */
export interface CallOutcome {
  readonly exchange: Exchange;
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /** The answer's body in the pieces it arrived in, with their times. */
  readonly pieces: readonly BodyPiece[];
}

/** How long to wait for the finished exchange after the answer is in (its event may trail). */
const EXCHANGE_WAIT_MS = 5_000;

const answerHop = (x: Exchange | undefined): Hop | undefined =>
  x?.hops.find((h) => h.from === 'host' && h.to === 'caller');

/**
 * Sends a request the way the HTTP composer does (an ordinary exchange, on any engine), and
 * reads the answer from that exchange. While the answer streams, `onPieces` gets the pieces so
 * far each time the host republishes the exchange: the request's exchange is the first new one
 * with its title, which holds while the panel sends one request at a time.
 */
export async function callThroughSession(
  session: PlaygroundSession,
  request: ComposedRequest,
  onPieces: (pieces: readonly BodyPiece[]) => void,
): Promise<CallOutcome> {
  const store = session.stores.exchanges;
  const known = new Set(store.getState().order);
  const title = `${request.method} ${request.path}`;
  let mine: string | undefined;
  const watch = store.subscribe((state) => {
    mine ??= state.order.find((id) => !known.has(id) && state.byId[id]?.title === title);
    const x = mine === undefined ? undefined : state.byId[mine];
    const hop = answerHop(x);
    if (x?.state === 'in-progress' && hop?.partial !== undefined) onPieces(bodyPieces(hop));
  });
  try {
    const { status, exchangeId } = await session.sendRequest(request, { remember: false });
    if (exchangeId === undefined) throw new Error(`The host answered ${status} but recorded no exchange.`);
    const exchange = await finishedExchange(session, exchangeId);
    const hop = answerHop(exchange);
    const message = hop?.message;
    if (!hop || !message) throw new Error(`The exchange of ${title} has no answer to read.`);
    return {
      exchange,
      status,
      headers: message.parsed.headers,
      body: message.parsed.bodyText ?? '',
      pieces: bodyPieces(hop),
    };
  } finally {
    watch();
  }
}

function finishedExchange(session: PlaygroundSession, id: string): Promise<Exchange> {
  const store = session.stores.exchanges;
  const done = (): Exchange | undefined => {
    const x = store.getState().byId[id];
    return x && x.state !== 'in-progress' ? x : undefined;
  };
  const now = done();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`The exchange ${id} did not finish.`));
    }, EXCHANGE_WAIT_MS);
    const stop = store.subscribe(() => {
      const x = done();
      if (!x) return;
      clearTimeout(timer);
      stop();
      resolve(x);
    });
  });
}

/** A header's value, by name in any case. */
export function headerOf(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

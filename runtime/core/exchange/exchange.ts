import type { Hint } from '../invocation/hints';

/** Who sent a message in an exchange. */
export type Party = 'caller' | 'host' | 'handler' | 'queue' | 'timer';

/** One HTTP message exactly as it crossed the wire, with a parsed view for display. */
export interface WireMessage {
  /** Start line and header lines with their CRLFs, as sent (Latin-1 text). */
  readonly head: string;
  /** The body bytes as sent (chunk framing included), cut at the log's per-message limit. */
  readonly body: WireBody;
  readonly parsed: ParsedMessage;
}

export interface WireBody {
  readonly encoding: 'utf8' | 'base64';
  readonly data: string;
  /** The full size on the wire, even when `data` was truncated. */
  readonly size: number;
  readonly truncated: boolean;
}

export interface ParsedMessage {
  readonly startLine: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The body with chunk framing removed, as UTF-8 text when it is text. */
  readonly bodyText?: string;
  /** Set when the body is binary; `bodyText` is then absent. */
  readonly bodyBase64?: string;
}

/** One piece of a body as it crossed the wire: when it came, and how many body bytes it held. */
export interface BodyChunk {
  /** Milliseconds since the exchange started. */
  readonly atMs: number;
  /** Body bytes, chunk framing removed: the pieces add up to the parsed body. */
  readonly size: number;
}

export interface Hop {
  readonly from: Party;
  readonly to: Party;
  /** Milliseconds since the exchange started. */
  readonly atMs: number;
  readonly message?: WireMessage;
  /** For non-HTTP hops (a queue message, a timer tick): what moved. */
  readonly note?: string;
  /**
   * The body as it arrived, piece by piece: a streamed answer has many, spread over time; one
   * written at once has one. Absent when the body was empty or not watched.
   */
  readonly chunks?: readonly BodyChunk[];
  /** While the body still streams (no message yet): the text so far, as UTF-8. */
  readonly partial?: string;
}

export type ExchangeTrigger = 'http' | 'queue' | 'timer' | 'admin';
export type HttpMode = 'payload' | 'forwarding' | 'proxy';

export interface Exchange {
  readonly id: string;
  readonly invocationId?: string;
  readonly functionName?: string;
  readonly trigger: ExchangeTrigger;
  readonly mode?: HttpMode;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly durationMs?: number;
  readonly state: 'in-progress' | 'succeeded' | 'failed';
  /** e.g. `POST /api/order` or `orders` for a queue message. */
  readonly title: string;
  /** The status the caller got, for HTTP. */
  readonly status?: number;
  readonly hops: readonly Hop[];
  readonly hints: readonly Hint[];
  readonly logs: readonly string[];
  readonly outputs: readonly { readonly binding: string; readonly type: string; readonly value: string }[];
  readonly error?: string;
  /** The exchange that caused this one (an HTTP call whose queue output triggered this function). */
  readonly causedBy?: string;
}

import type { Exchange, Hop, Party, WireBody, WireMessage } from '../../../runtime/core/exchange/exchange';

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the fields this log writes and reads.
// Fields starting with `_` are the custom fields the spec allows: the exact bytes and what the
// playground knows beyond HTTP, so an exported log comes back as it was.

export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

/** The bytes as they crossed the wire (chunk framing included), kept beside HAR's decoded view. */
export interface HarWire {
  readonly head: string;
  readonly body: WireBody;
}

export interface HarRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarNameValue[];
  readonly headers: readonly HarNameValue[];
  readonly queryString: readonly HarNameValue[];
  readonly postData?: {
    readonly mimeType: string;
    readonly text: string;
    readonly params?: readonly HarNameValue[];
    /** The body is binary; `text` holds it in base64. */
    readonly _encoding?: 'base64';
  };
  readonly headersSize: number;
  readonly bodySize: number;
  readonly _wire?: HarWire;
}

export interface HarResponse {
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarNameValue[];
  readonly headers: readonly HarNameValue[];
  readonly content: {
    readonly size: number;
    readonly mimeType: string;
    readonly text?: string;
    readonly encoding?: 'base64';
  };
  readonly redirectURL: string;
  readonly headersSize: number;
  readonly bodySize: number;
  readonly _wire?: HarWire;
  /** Why there is no answer (the handler crashed, the exchange is still running). */
  readonly _error?: string;
}

export interface HarTimings {
  readonly blocked: number;
  readonly dns: number;
  readonly connect: number;
  readonly send: number;
  readonly wait: number;
  readonly receive: number;
  readonly ssl: number;
}

/** Which request of an exchange an entry is: the caller's to the front door, or the host's to the handler. */
export type HarHop = 'caller' | 'handler';

export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: HarRequest;
  readonly response: HarResponse;
  readonly cache: Record<string, never>;
  readonly timings: HarTimings;
  readonly comment?: string;
  readonly _exchangeId?: string;
  readonly _hop?: HarHop;
}

/** A hop as the playground keeps it: a note, or one side of an entry. */
export interface HarHopRef {
  readonly from: Party;
  readonly to: Party;
  readonly atMs: number;
  readonly note?: string;
  readonly entry?: number;
  readonly side?: 'request' | 'response';
  readonly message?: WireMessage;
}

/** An exchange without its messages, which live in the entries. */
export type HarExchange = Omit<Exchange, 'hops'> & { readonly hops: readonly HarHopRef[] };

export interface HarLog {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly entries: readonly HarEntry[];
    readonly comment?: string;
    readonly _exchanges?: readonly HarExchange[];
  };
}

export const HAR_CREATOR = 'Functions Custom Handler Playground';

/** The hop that answers a request hop, and the entry kind it makes. */
export const ANSWERS: Readonly<Record<string, { readonly answer: [Party, Party]; readonly hop: HarHop }>> = {
  'caller>host': { answer: ['host', 'caller'], hop: 'caller' },
  'host>handler': { answer: ['handler', 'host'], hop: 'handler' },
};

export function hopKey(hop: Pick<Hop, 'from' | 'to'>): string {
  return `${hop.from}>${hop.to}`;
}

// Runs bytes through our Http1Parser and records the same things nodeHttp1Reference records, so
// the two can be compared with toEqual.
import { Http1ParseError, Http1Parser } from '../../runtime/core/http1/parser';
import type { HttpHead } from '../../runtime/core/http1/parser';
import type { ReferenceMessage, ReferenceOutcome } from './nodeHttp1Reference';

export interface CollectedMessage extends ReferenceMessage {
  head: HttpHead;
}

export interface Collected extends Omit<ReferenceOutcome, 'messages'> {
  messages: CollectedMessage[];
}

export function collect(
  kind: 'request' | 'response',
  parts: readonly Uint8Array[],
  options: { responseTo?: string[]; maxHeaderBytes?: number; eof?: boolean } = {},
): Collected {
  const out: Collected = { messages: [], informational: [], error: undefined };
  let current: CollectedMessage | undefined;
  let body: number[] = [];
  const parser = new Http1Parser(
    kind,
    {
      onHead(head) {
        current = {
          head,
          method: head.method,
          url: head.url,
          status: head.status,
          reason: head.reason,
          versionMajor: head.versionMajor,
          versionMinor: head.versionMinor,
          rawHeaders: [...head.rawHeaders],
          keepAlive: head.keepAlive,
          upgrade: head.upgrade,
          body: '',
        };
        body = [];
      },
      onBody(chunk) {
        for (const b of chunk) body.push(b);
      },
      onComplete() {
        if (!current) throw new Error('onComplete without onHead');
        current.body = String.fromCharCode(...body);
        out.messages.push(current);
        current = undefined;
      },
    },
    { maxHeaderBytes: options.maxHeaderBytes },
  );
  for (const method of options.responseTo ?? []) parser.expectResponseTo(method);
  try {
    for (const part of parts) parser.execute(part);
    if (options.eof !== false) parser.finish();
  } catch (error) {
    if (!(error instanceof Http1ParseError)) throw error;
    out.error = { code: error.code, message: error.message };
  }
  return out;
}

export const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

import type { BodyPiece } from '../exchanges/bodyPieces';

/** One Server-Sent Event: its fields, and when the blank line that ended it arrived. */
export interface TimedEvent {
  readonly atMs: number;
  readonly event: string;
  readonly data: string;
  readonly id?: string;
}

/**
 * The complete events in a `text/event-stream` body, in order, each timed by the piece that
 * completed it (the event is usable only then). A trailing event without its blank line is still
 * on its way and is left out. Fields as the HTML standard parses them: `data` lines joined with
 * line breaks, comments (`:`) ignored, the event type `message` by default.
 */
export function sseEvents(pieces: readonly BodyPiece[]): TimedEvent[] {
  const events: TimedEvent[] = [];
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece.text;
    for (;;) {
      const end = /\r\n\r\n|\n\n|\r\r/.exec(buffer);
      if (!end) break;
      const block = buffer.slice(0, end.index);
      buffer = buffer.slice(end.index + end[0].length);
      const event = parseBlock(block, piece.atMs);
      if (event) events.push(event);
    }
  }
  return events;
}

function parseBlock(block: string, atMs: number): TimedEvent | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  }
  if (data.length === 0) return undefined;
  return { atMs, event, data: data.join('\n'), ...(id !== undefined && { id }) };
}

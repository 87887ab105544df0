import { describe, expect, test } from 'vitest';
import { sseEvents } from './sse';

const piece = (atMs: number, text: string) => ({ atMs, size: text.length, text });

describe('sseEvents', () => {
  test('each event is timed by the piece that ended it; an unfinished one is left for later', () => {
    const events = sseEvents([
      piece(2, 'event: message\ndata: {"a":'),
      piece(300, '1}\n\n: a comment\n\nid: 7\ndata: one\ndata: two\n\n'),
      piece(600, 'data: on its way'),
    ]);
    expect(events).toEqual([
      { atMs: 300, event: 'message', data: '{"a":1}' },
      { atMs: 300, event: 'message', data: 'one\ntwo', id: '7' },
    ]);
  });

  test('CRLF line ends and a custom event type', () => {
    expect(sseEvents([piece(5, 'event: ping\r\ndata:x\r\n\r\n')])).toEqual([
      { atMs: 5, event: 'ping', data: 'x' },
    ]);
  });
});

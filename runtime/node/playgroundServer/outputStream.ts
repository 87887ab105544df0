import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostRun } from './hostRun';
import { HttpError } from './httpResponses';
import { OUTPUT_BUDGET_CHARS } from './outputLog';

/** Comment lines keep the stream visibly alive and reveal a client that went away. */
const PING_MS = 20_000;

/** Streams one run may have open at once: the page needs one, and one more while it reconnects. */
export const MAX_STREAMS_PER_RUN = 4;

/** What a stream may hold unsent before it waits for its reader (one output chunk may pass it). */
export const STREAM_BUFFER_BYTES = 128 * 1024;

/**
 * A stream that has ended (overrun, or the run exited) but whose reader does not take the last
 * bytes is cut after this long, so a reader that never reads again cannot hold its socket.
 */
const FLUSH_GRACE_MS = 30_000;

/** The open output streams of the server: counted per run, measured for diagnostics and tests. */
export class OutputStreams {
  private readonly open = new Map<ServerResponse, HostRun>();

  /** Streams open now, what they hold unsent, and how much output their runs have produced. */
  stats(): { open: number; bufferedBytes: number; outputChars: number } {
    let bufferedBytes = 0;
    const runs = new Set<HostRun>();
    for (const [res, run] of this.open) {
      bufferedBytes += res.writableLength;
      runs.add(run);
    }
    const outputChars = [...runs].reduce((sum, run) => sum + run.output.totalChars, 0);
    return { open: this.open.size, bufferedBytes, outputChars };
  }

  /** Streams a run's output to `res` until the run ends or the reader goes. */
  async serve(req: IncomingMessage, res: ServerResponse, run: HostRun): Promise<void> {
    let count = 0;
    for (const other of this.open.values()) if (other === run) count++;
    if (count >= MAX_STREAMS_PER_RUN)
      throw new HttpError(
        429,
        `This host run already has ${MAX_STREAMS_PER_RUN} output streams open: close another tab or reload.`,
      );
    this.open.set(res, run);
    try {
      await streamHostOutput(req, res, run);
    } finally {
      this.open.delete(res);
    }
  }
}

/**
 * Streams a host run's output as Server-Sent Events: one `data:` line per chunk holding a JSON
 * string (so newlines and escape codes survive), each with an `id` so EventSource resumes after
 * a dropped connection (it sends Last-Event-ID); then an `exit` event with the exit code, after
 * which the response ends. Returns when the stream ends.
 *
 * Backpressure: a chunk is written only when the reader has taken the last one (the socket
 * drained), so a paused reader holds one chunk at most; the rest waits in the run's log, which
 * every reader shares. A reader that falls behind the log gets an `overrun` event and the end.
 */
function streamHostOutput(req: IncomingMessage, res: ServerResponse, run: HostRun): Promise<void> {
  // Only the decimal ids this server wrote; anything else ('0x10', '1e3', garbage) starts over.
  const given = req.headers['last-event-id'];
  const lastSeen = typeof given === 'string' && /^\d{1,15}$/.test(given) ? Number(given) : 0;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  res.flushHeaders();
  let sent = lastSeen;
  // Waiting for the reader to take what it has: nothing more is written until it does.
  let waiting = false;
  const pump = () => {
    if (waiting || res.writableEnded || res.destroyed) return;
    for (;;) {
      const chunk = run.output.chunkAfter(sent);
      if (chunk === undefined) return;
      if (chunk === 'gone') return overrun();
      sent = chunk.seq;
      if (!res.write(`id: ${chunk.seq}\ndata: ${JSON.stringify(chunk.text)}\n\n`)) {
        waiting = true;
        res.once('drain', () => {
          waiting = false;
          pump();
        });
        return;
      }
    }
  };
  // The output it missed is gone: say so in the stream, and end it rather than skip silently
  // (a gap would corrupt the control frames the page decodes).
  const overrun = () => {
    const kept = `${Math.round(OUTPUT_BUDGET_CHARS / 1024 / 1024)} MB`;
    const why = `This reader fell behind the host's output by more than the server keeps (${kept}), so the stream was closed. Reload the page, or start the host again, to follow it.`;
    finish(`event: overrun\ndata: ${JSON.stringify(why)}\n\n`);
  };
  const finish = (last: string) => {
    res.end(last);
    if (!res.writableFinished) setTimeout(() => res.destroy(), FLUSH_GRACE_MS).unref();
  };
  const stop = run.output.onAppend(pump);
  pump();
  // A stream waiting for its reader gets no pings either: they would pile up the same way.
  const ping = setInterval(() => waiting || res.write(': ping\n\n'), PING_MS);
  return new Promise<void>((resolve) => {
    const end = () => {
      stop();
      clearInterval(ping);
      resolve();
    };
    res.on('close', end);
    void run.exited.then((code) => {
      if (res.writableEnded || res.destroyed) return;
      finish(`event: exit\ndata: ${code}\n\n`);
    });
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostRun } from './hostRun';

/** Comment lines keep the stream visibly alive and reveal a client that went away. */
const PING_MS = 20_000;

/**
 * Streams a host run's output as Server-Sent Events: one `data:` line per chunk holding a JSON
 * string (so newlines and escape codes survive), each with an `id` so EventSource resumes after
 * a dropped connection (it sends Last-Event-ID); then an `exit` event with the exit code, after
 * which the response ends. Returns when the stream ends.
 */
export function streamHostOutput(req: IncomingMessage, res: ServerResponse, run: HostRun): Promise<void> {
  const lastSeen = Number(req.headers['last-event-id'] ?? 0);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  res.flushHeaders();
  const stop = run.output.follow(Number.isSafeInteger(lastSeen) ? lastSeen : 0, (chunk) => {
    res.write(`id: ${chunk.seq}\ndata: ${JSON.stringify(chunk.text)}\n\n`);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  return new Promise<void>((resolve) => {
    const end = () => {
      stop();
      clearInterval(ping);
      resolve();
    };
    res.on('close', end);
    void run.exited.then((code) => {
      if (res.writableEnded || res.destroyed) return;
      res.end(`event: exit\ndata: ${code}\n\n`);
    });
  });
}

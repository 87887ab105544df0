/**
 * Messages between the pieces of the in-page engine. Everything runs inside one sandboxed
 * iframe (opaque origin): the iframe starts the host worker and, on the host's request, one
 * handler worker at a time. Each arrow below is a MessagePort; messages are checked on arrival.
 *
 *   page ──(control port: text frames, as the CLI's stdio)──▶ host worker
 *   host worker ──(process port, one per handler start)──▶ handler worker
 *   host worker ──(supervisor port)──▶ iframe: spawn / kill handler workers
 *   any connection: a MessageChannel whose two ends are the two ByteStreams (stream messages)
 */

/** One message on a connection's port. Data buffers are transferred, not copied. */
export type StreamMessage =
  | { readonly t: 'data'; readonly bytes: ArrayBuffer }
  /** The sender half-closed: no more data from it. */
  | { readonly t: 'end' }
  /** The sender closed both ways (destroy); `code` as Node's (ECONNRESET…). */
  | { readonly t: 'close'; readonly code?: string };

/** What the handler worker is started with (first message on its process port). */
export interface HandlerStart {
  readonly t: 'start';
  /** App files by app-relative path ('/'-separated), text. */
  readonly files: Readonly<Record<string, string>>;
  /** The app root as the handler sees it (process.cwd() and path resolution), e.g. '/app'. */
  readonly appRoot: string;
  /** The script node would run: argv[1], absolute under appRoot. */
  readonly entry: string;
  /** process.argv as the host built it: ['node', entry, ...args]. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Host worker → handler worker, on the process port. */
export type ToHandler =
  | HandlerStart
  /** A connection to a port the handler listens on; `stream` is the handler's end. */
  | {
      readonly t: 'connection';
      readonly port: number;
      readonly stream: MessagePort;
      readonly remotePort: number;
    }
  /** Answer to 'listen': ok, or an error code (EADDRINUSE). */
  | { readonly t: 'listen-result'; readonly id: number; readonly port: number; readonly error?: string };

/** Handler worker → host worker, on the process port. */
export type FromHandler =
  /** Output of process.stdout / process.stderr / console, as text (lines are split by the host). */
  | { readonly t: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /** server.listen(port): the host registers the port; `id` pairs the answer. */
  | { readonly t: 'listen'; readonly id: number; readonly port: number }
  /** server.close(): the port is free again. */
  | { readonly t: 'unlisten'; readonly port: number }
  /** process.exit(code), or an uncaught exception (code 1). The worker is terminated after. */
  | { readonly t: 'exit'; readonly code: number };

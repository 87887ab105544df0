import type { ByteStream, Listener } from '../../host/platform';
import { portStream } from './portStream';
import { streamError } from './streamError';

/** Where a listening port's connections go: a callback in this worker, or a handler worker. */
export type Endpoint =
  | { readonly kind: 'local'; readonly onConnection: (stream: ByteStream) => void }
  | {
      readonly kind: 'remote';
      /** Hands the server's end of a new connection to the worker that listens. */
      readonly deliver: (port: MessagePort, remotePort: number) => void;
      /** The worker's id, so its ports and connections can all be dropped when it ends. */
      readonly owner: number;
    };

type PortStream = ReturnType<typeof portStream>;

interface Binding {
  readonly endpoint: Endpoint;
  /** The server ends of a local binding's open connections, closed with the binding. */
  readonly streams: Set<PortStream>;
}

/** The range Linux hands out for ephemeral ports (and so the one the host's picks come from). */
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

/**
 * The in-page network: which port listens where, and a MessageChannel per connection whose two
 * ends are the two ByteStreams. Every port lives here, in the host worker, so a handler's
 * `listen` and the host's front door share one namespace and conflict as on one machine.
 */
export class Switchboard {
  private readonly bindings = new Map<number, Binding>();
  /**
   * Our (client) ends of connections into each worker. A terminated worker sends nothing more,
   * so these are reset when it goes, as the kernel resets a dead process's sockets.
   */
  private readonly intoWorker = new Map<number, Set<PortStream>>();
  private nextEphemeral: number;

  constructor(random: () => number = Math.random) {
    // A random start, as the kernel's, so two host runs rarely reuse the same ports.
    this.nextEphemeral = EPHEMERAL_FIRST + Math.floor(random() * (EPHEMERAL_LAST - EPHEMERAL_FIRST));
  }

  isBound(port: number): boolean {
    return this.bindings.has(port);
  }

  /** A port nobody listens on. */
  freePort(): number {
    for (let tries = 0; tries <= EPHEMERAL_LAST - EPHEMERAL_FIRST; tries++) {
      const port = this.nextEphemeral;
      this.nextEphemeral = port >= EPHEMERAL_LAST ? EPHEMERAL_FIRST : port + 1;
      if (!this.bindings.has(port)) return port;
    }
    throw streamError('EADDRNOTAVAIL', 'No free port is left.');
  }

  /** Binds `port` (0: a free one); throws EADDRINUSE as Node does when it is taken. */
  bind(port: number, host: string, endpoint: Endpoint): number {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw streamError('ERR_SOCKET_BAD_PORT', `Port should be >= 0 and < 65536. Received ${port}.`);
    }
    const chosen = port === 0 ? this.freePort() : port;
    if (this.bindings.has(chosen)) {
      throw streamError('EADDRINUSE', `listen EADDRINUSE: address already in use ${host}:${chosen}`);
    }
    this.bindings.set(chosen, { endpoint, streams: new Set() });
    return chosen;
  }

  /**
   * Frees the port. A local binding's connections close with it (Listener.close); a worker's
   * stay open, as Node's server.close() leaves established connections alone.
   */
  unbind(port: number, endpoint?: Endpoint): void {
    const binding = this.bindings.get(port);
    if (!binding || (endpoint && binding.endpoint !== endpoint)) return;
    this.bindings.delete(port);
    for (const stream of binding.streams) stream.destroy();
  }

  /** A worker ended: its ports are free, and connections into it are reset. */
  dropOwner(owner: number): void {
    for (const [port, binding] of this.bindings) {
      if (binding.endpoint.kind === 'remote' && binding.endpoint.owner === owner) this.bindings.delete(port);
    }
    const streams = this.intoWorker.get(owner);
    this.intoWorker.delete(owner);
    for (const stream of streams ?? []) stream.destroy(streamError('ECONNRESET', 'read ECONNRESET'));
  }

  /** A Listener for a binding made in this worker. */
  listener(port: number, endpoint: Endpoint): Listener {
    return {
      port,
      close: async () => this.unbind(port, endpoint),
    };
  }

  /** Opens a connection to `port`; rejects with ECONNREFUSED when nothing listens there. */
  connect(port: number, host: string): ByteStream {
    const binding = this.bindings.get(port);
    if (!binding) throw streamError('ECONNREFUSED', `connect ECONNREFUSED ${host}:${port}`);
    const clientPort = this.freePort();
    const channel = new MessageChannel();
    const client = portStream(channel.port1, { localPort: clientPort, remotePort: port });
    const { endpoint } = binding;
    if (endpoint.kind === 'local') {
      const server = portStream(channel.port2, { localPort: port, remotePort: clientPort });
      track(binding.streams, server);
      // After connect() returns, as a server's 'connection' event comes after the client's call.
      queueMicrotask(() => endpoint.onConnection(server));
    } else {
      let streams = this.intoWorker.get(endpoint.owner);
      if (!streams) this.intoWorker.set(endpoint.owner, (streams = new Set()));
      track(streams, client);
      endpoint.deliver(channel.port2, clientPort);
    }
    return client;
  }
}

/** Keeps `stream` in `set` while it is open. */
function track(set: Set<PortStream>, stream: PortStream): void {
  set.add(stream);
  stream.onClose(() => set.delete(stream));
}

import type { ByteStream } from '../../../host/platform';

/** What the http module needs from the handler's process: scheduling, lifetime and ports. */
export interface HttpContext {
  /** process.nextTick: runs `callback` soon, as the process's own ticks do. */
  nextTick(callback: () => void): void;
  /**
   * Wraps a callback that comes from outside (bytes from the host, a timer): runs it only while
   * the process lives, and turns a throw into the process's uncaught exception.
   */
  guard<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void;
  /** Keeps the process alive while something waits (a listening server, an open socket). */
  ref(): void;
  unref(): void;
  /** Asks the host for the port; resolves with the port bound, rejects with an error `code`. */
  listen(port: number, server: ConnectionSink): Promise<number>;
  /** Frees a port. */
  unlisten(port: number): void;
}

/** A listening server as the process sees it: it takes the connections made to its port. */
export interface ConnectionSink {
  acceptConnection(stream: ByteStream): void;
}

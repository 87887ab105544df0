import type { HandlerProcess, StreamError } from '../../host/platform';
import type { FromHandler, HandlerStart, ToHandler } from '../protocol';
import { readFromHandler } from './handlerMessages';
import { LineSplitter } from './outputLines';
import { streamError } from './streamError';
import type { SupervisorLink } from './supervisorLink';
import type { Endpoint, Switchboard } from './switchboard';

type Stream = 'stdout' | 'stderr';

/**
 * The handler as the host sees it: a handler worker the iframe runs, reached over its process
 * port. Output becomes lines, `listen` binds ports on the switchboard, and the worker's end
 * (exit, uncaught error, kill) becomes one onExit. Connections into a worker that ended are
 * reset, since a terminated worker cannot say goodbye.
 */
export class WorkerHandlerProcess implements HandlerProcess {
  private readonly lineListeners: ((line: string, stream: Stream) => void)[] = [];
  private readonly exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  private readonly errorListeners: ((error: StreamError) => void)[] = [];
  private readonly splitters: Record<Stream, LineSplitter>;
  /** The ports this handler listens on, with the endpoint that proves they are its own. */
  private readonly listening = new Map<number, Endpoint>();
  private processPort: MessagePort | undefined;
  private ended = false;

  constructor(
    readonly pid: number,
    private readonly supervisor: SupervisorLink,
    private readonly switchboard: Switchboard,
  ) {
    this.splitters = {
      stdout: new LineSplitter((line) => this.emitLine(line, 'stdout')),
      stderr: new LineSplitter((line) => this.emitLine(line, 'stderr')),
    };
  }

  get exited(): boolean {
    return this.ended;
  }

  /** Asks the iframe for a worker and sends it its start message. */
  start(message: HandlerStart): void {
    const channel = new MessageChannel();
    this.processPort = channel.port1;
    channel.port1.onmessage = (event: MessageEvent) => {
      const received = readFromHandler(event.data);
      if (received) this.receive(received);
    };
    this.supervisor.spawn(this.pid, channel.port2, (error) => {
      const where = error.filename ? ` (${error.filename}:${error.lineno ?? 0}:${error.colno ?? 0})` : '';
      this.splitters.stderr.push(`${error.message}${where}\n`);
      this.finish(1, null);
    });
    this.send(message);
  }

  /** Reports a start that never happened (wrong runtime, missing entry), once listeners are set. */
  fail(code: string, message: string): void {
    this.ended = true;
    queueMicrotask(() => {
      const error = streamError(code, message);
      for (const listener of this.errorListeners) listener(error);
    });
  }

  onLine(listener: (line: string, stream: Stream) => void): void {
    this.lineListeners.push(listener);
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(listener);
  }

  onError(listener: (error: StreamError) => void): void {
    this.errorListeners.push(listener);
  }

  kill(): void {
    this.finish(null, 'SIGKILL');
  }

  private receive(message: FromHandler): void {
    if (this.ended) return;
    switch (message.t) {
      case 'output':
        this.splitters[message.stream].push(message.text);
        return;
      case 'listen':
        this.listen(message.id, message.port);
        return;
      case 'unlisten': {
        const endpoint = this.listening.get(message.port);
        this.listening.delete(message.port);
        if (endpoint) this.switchboard.unbind(message.port, endpoint);
        return;
      }
      case 'exit':
        this.finish(message.code, null);
        return;
    }
  }

  private listen(id: number, requested: number): void {
    let bound = requested;
    const endpoint: Endpoint = {
      kind: 'remote',
      owner: this.pid,
      deliver: (stream, remotePort) =>
        this.send({ t: 'connection', port: bound, stream, remotePort }, [stream]),
    };
    try {
      // A server.listen(port) without a host binds every address: Node names it '::'.
      bound = this.switchboard.bind(requested, '::', endpoint);
    } catch (e) {
      this.send({ t: 'listen-result', id, port: requested, error: (e as StreamError).code ?? 'EINVAL' });
      return;
    }
    this.listening.set(bound, endpoint);
    this.send({ t: 'listen-result', id, port: bound });
  }

  private send(message: ToHandler, transfer: Transferable[] = []): void {
    this.processPort?.postMessage(message, transfer);
  }

  private emitLine(line: string, stream: Stream): void {
    for (const listener of this.lineListeners) listener(line, stream);
  }

  /** The one way out: the worker goes, its ports free up, its connections reset, listeners hear once. */
  private finish(code: number | null, signal: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.supervisor.kill(this.pid);
    this.splitters.stdout.flush();
    this.splitters.stderr.flush();
    this.listening.clear();
    this.switchboard.dropOwner(this.pid);
    if (this.processPort) {
      this.processPort.onmessage = null;
      this.processPort.close();
    }
    for (const listener of this.exitListeners) listener(code, signal);
  }
}

import { encodeFrame, FrameDecoder } from '../../runtime/core/control/framing';
import { validateEvent } from '../../runtime/core/control/protocol';
import type { Command, HostEvent } from '../../runtime/core/control/protocol';
import type { EngineProcess } from '../engine/engine';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type CommandRequest = WithoutId<Command>;

export interface HostConnectionHandlers {
  onEvent(event: HostEvent): void;
  /** Terminal output around the frames: the host's log lines and the handler's. */
  onText(text: string): void;
  /** A frame that was damaged or failed validation. */
  onProtocolError(message: string): void;
}

/** The UI's end of the control protocol over the host process's terminal. */
export class HostConnection {
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  private sequence = 0;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly process: EngineProcess,
    private readonly handlers: HostConnectionHandlers,
  ) {
    this.unsubscribe = process.onOutput((chunk) => this.receive(chunk));
    void process.exit.then((code) => this.close(`The host exited (code ${code}).`));
  }

  /** Sends a command; resolves with its result, rejects with the host's error. */
  send<T = unknown>(command: CommandRequest): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The host is not running.'));
    const id = `c${++this.sequence}`;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.process.write(encodeFrame({ ...command, id }));
    });
  }

  dispose(): void {
    this.close('The connection was closed.');
    this.unsubscribe();
  }

  private receive(chunk: string): void {
    const { messages, text, errors } = this.decoder.push(chunk);
    if (text) this.handlers.onText(text);
    for (const error of errors) this.handlers.onProtocolError(error);
    for (const message of messages) {
      const checked = validateEvent(message);
      if (!checked.ok) {
        this.handlers.onProtocolError(`Ignored a malformed event from the host: ${checked.error}`);
        continue;
      }
      const event = checked.value;
      if (event.type === 'command.result') {
        const waiter = this.pending.get(event.id);
        if (!waiter) continue;
        this.pending.delete(event.id);
        if (event.ok) waiter.resolve(event.result);
        else waiter.reject(new Error(event.error));
        continue;
      }
      this.handlers.onEvent(event);
    }
  }

  private close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(new Error(reason));
    this.pending.clear();
  }
}

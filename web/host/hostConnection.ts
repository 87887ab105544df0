import { encodeFrame, FrameDecoder } from '../../runtime/core/control/framing';
import { validateEvent } from '../../runtime/core/control/protocol';
import type { Command, HostEvent } from '../../runtime/core/control/protocol';
import type { EngineProcess } from '../engine/engine';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type CommandRequest = WithoutId<Command>;

/** How long a control command may wait for its result before it fails. */
export const COMMAND_TIMEOUT_MS = 30_000;
/**
 * An HTTP request waits on the handler, which may be slow on purpose (a functionTimeout demo), so
 * it gets longer; its exchange still shows when it completes.
 */
export const REQUEST_TIMEOUT_MS = 5 * 60_000;

export interface HostConnectionOptions {
  /** The time-out for one command; defaults to COMMAND_TIMEOUT_MS, REQUEST_TIMEOUT_MS for http.request. */
  readonly timeoutMs?: (command: CommandRequest) => number;
}

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
  private readonly pending = new Map<string, Waiter>();
  private sequence = 0;
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Whether any frame came from the host yet: a host that never spoke explains a time-out. */
  private heard = false;

  constructor(
    private readonly process: EngineProcess,
    private readonly handlers: HostConnectionHandlers,
    private readonly options: HostConnectionOptions = {},
  ) {
    this.unsubscribe = process.onOutput((chunk) => this.receive(chunk));
    void process.exit.then((code) => this.close(`The host exited (code ${code}).`));
  }

  /**
   * Sends a command; resolves with its result, rejects with the host's error, or after a time-out
   * naming the command: a command lost on the way (or a host that hangs) must not leave the
   * caller, and the session queue behind it, waiting forever.
   */
  send<T = unknown>(command: CommandRequest): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The host is not running.'));
    const id = `c${++this.sequence}`;
    const ms = this.options.timeoutMs?.(command) ?? defaultTimeout(command);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        reject(new Error(this.timeoutMessage(command, ms)));
      }, ms);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
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
    if (messages.length > 0) this.heard = true;
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

  private timeoutMessage(command: CommandRequest, ms: number): string {
    const what = `The host did not answer the ${command.type} command within ${seconds(ms)}`;
    if (!this.heard) return `${what}: it has not opened its control channel (no hello from it yet).`;
    if (command.type === 'http.request')
      return `${what}. The request may still be running; its exchange shows when it completes.`;
    return `${what}. The command may have been lost; try again, or restart the host.`;
  }

  private close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.pending.values()) waiter.reject(new Error(reason));
    this.pending.clear();
  }
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function defaultTimeout(command: CommandRequest): number {
  return command.type === 'http.request' ? REQUEST_TIMEOUT_MS : COMMAND_TIMEOUT_MS;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

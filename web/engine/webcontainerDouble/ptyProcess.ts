import type { WebContainerProcess } from '@webcontainer/api';
import { FrameDecoder } from '../../../runtime/core/control/framing';
import type { EngineProcess } from '../engine';
import { LineDiscipline } from './lineDiscipline';

/** What a test can read of one process: the terminal as a person would see it, and the host's stdin. */
export interface PtyRecord {
  readonly command: string;
  readonly args: readonly string[];
  /** Everything the terminal showed: the process's output and the echo, merged, in order. */
  readonly screen: string;
  /** What the process read, after the line discipline. */
  readonly stdin: string;
  /** Characters that went through the line discipline in cooked mode (typed before raw mode). */
  readonly cookedInput: number;
  readonly raw: boolean;
  readonly size: { readonly cols: number; readonly rows: number };
  readonly exitCode: number | undefined;
}

export interface PtyEvents {
  /** The host's front door is listening (from its first `host.status` frame that names it). */
  onListening?(url: string): void;
  onExit?(): void;
}

/**
 * A WebContainer process as the library gives it, on top of a process of the in-page engine:
 * one PTY, so output and echo come merged in one stream of strings, and input goes through a
 * line discipline (lineDiscipline.ts).
 *
 * When does the host leave cooked mode? The CLI host calls `process.stdin.setRawMode(true)`
 * (runtime/node/control/stdioChannel.ts) before it attaches the control channel, so before it
 * writes anything on it. A Web Worker has no terminal to switch, so the double takes the host's
 * first control frame as the moment: cooked until the first frame has been written, raw from
 * then on. That is the earliest moment a program on the other end can observe the switch, and
 * exactly what the WebContainer adapter (webcontainerProcess.ts) relies on: it holds its input
 * until it reads that frame. The switch happens before the frame is put on the output stream,
 * as the real host has switched before it writes.
 */
export class PtyProcess implements WebContainerProcess {
  readonly output: ReadableStream<string>;
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  private readonly discipline = new LineDiscipline();
  private readonly frames = new FrameDecoder();
  private enqueue: (chunk: string) => void = () => undefined;
  private closeOutput: () => void = () => undefined;
  private screen = '';
  private stdin = '';
  private cookedInput = 0;
  private size: { cols: number; rows: number };
  private exitCode: number | undefined;
  private listening = false;

  constructor(
    private readonly backing: EngineProcess,
    private readonly spawned: { command: string; args: readonly string[] },
    terminal: { cols: number; rows: number } | undefined,
    private readonly events: PtyEvents = {},
  ) {
    this.size = terminal ?? { cols: 80, rows: 24 };
    this.output = new ReadableStream<string>({
      start: (controller) => {
        this.enqueue = (chunk) => controller.enqueue(chunk);
        this.closeOutput = () => controller.close();
      },
    });
    this.input = new WritableStream<string>({
      write: (chunk) => this.type(chunk),
    });
    backing.onOutput((chunk) => this.fromProcess(chunk));
    this.exit = backing.exit.then((code) => {
      this.exitCode = code;
      this.closeOutput();
      this.events.onExit?.();
      return code;
    });
  }

  kill(): void {
    this.backing.kill();
  }

  resize(dimensions: { cols: number; rows: number }): void {
    this.size = { cols: dimensions.cols, rows: dimensions.rows };
  }

  record(): PtyRecord {
    return {
      command: this.spawned.command,
      args: this.spawned.args,
      screen: this.screen,
      stdin: this.stdin,
      cookedInput: this.cookedInput,
      raw: this.discipline.isRaw,
      size: this.size,
      exitCode: this.exitCode,
    };
  }

  private type(chunk: string): void {
    if (this.exitCode !== undefined) throw new Error('The process has exited.');
    if (!this.discipline.isRaw) this.cookedInput += chunk.length;
    const { echo, readable } = this.discipline.type(chunk);
    // End of input (^D on an empty line) is not delivered: the in-page host has no stdin to end.
    if (echo) this.show(echo);
    this.read(readable);
  }

  private fromProcess(chunk: string): void {
    const { messages } = this.frames.push(chunk);
    if (messages.length > 0 && !this.discipline.isRaw) this.read(this.discipline.setRaw());
    for (const message of messages) this.watch(message);
    this.show(chunk);
  }

  /** The `port` and `server-ready` events: the front door's URL from the host's own status. */
  private watch(message: unknown): void {
    const { type, frontDoorUrl } = message as { type?: unknown; frontDoorUrl?: unknown };
    if (this.listening || type !== 'host.status' || typeof frontDoorUrl !== 'string') return;
    this.listening = true;
    this.events.onListening?.(frontDoorUrl);
  }

  private read(text: string): void {
    if (text === '') return;
    this.stdin += text;
    this.backing.write(text);
  }

  private show(text: string): void {
    if (this.exitCode !== undefined) return;
    this.screen += text;
    this.enqueue(text);
  }
}

import type { WebContainerProcess } from '@webcontainer/api';
import { encodeFrame, FrameDecoder } from '../../runtime/core/control/framing';
import { BoundedBacklog } from './boundedBacklog';
import type { EngineProcess } from './engine';

/** How long the host gets to exit on its own after its input closes, before it is killed. */
export const STOP_GRACE_MS = 1_000;
/** Output kept for a listener that has not subscribed yet (the terminal store keeps as much). */
export const MAX_OUTPUT_BACKLOG_CHARS = 256 * 1024;
/** Input held until the host can take it; a few large commands at most. */
export const MAX_HELD_INPUT_CHARS = 8 * 1024 * 1024;

/**
 * Adapts a WebContainer process (PTY streams) to EngineProcess. The PTY is what shapes it:
 *
 * - A PTY starts in line mode with echo: input written before the host switches its stdin to raw
 *   mode is echoed back as junk and held (or cut at 4 KiB) by the line discipline. The host
 *   switches before it says anything on the control channel, so writes are held until its first
 *   frame (its `hello`) arrives.
 * - Output before the first listener, and input held for the host, are bounded (newest kept),
 *   and the terminal is told how much was dropped.
 * - kill() takes no signal and process groups are undocumented, so killing the host can leave its
 *   handler running: kill() first lets the host stop by itself.
 */
export class WebContainerHostProcess implements EngineProcess {
  readonly exit: Promise<number>;
  private readonly listeners = new Set<(chunk: string) => void>();
  private readonly backlog = new BoundedBacklog(MAX_OUTPUT_BACKLOG_CHARS, true);
  private readonly held = new BoundedBacklog(MAX_HELD_INPUT_CHARS, false);
  private readonly writer: WritableStreamDefaultWriter<string>;
  /** Reads output for the host's first frame; undefined once it came. */
  private awaitingHost: FrameDecoder | undefined = new FrameDecoder();
  private stopping = false;

  constructor(private readonly process: WebContainerProcess) {
    this.exit = process.exit;
    this.writer = process.input.getWriter();
    void this.pump(process.output);
  }

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    const { chunks, dropped } = this.backlog.take();
    if (dropped > 0) listener(note(`${dropped} characters of earlier output were dropped.`));
    for (const chunk of chunks) listener(chunk);
    return () => this.listeners.delete(listener);
  }

  write(text: string): void {
    if (this.stopping) return;
    if (this.awaitingHost) this.held.push(text);
    else this.send(text);
  }

  /**
   * Stops the host gracefully, then by force. The control protocol has no command that stops the
   * host (runtime/core/control/protocol.ts), so closing its input is the polite signal: a host
   * that exits on end of input ends its handler first. One that does not is killed after
   * STOP_GRACE_MS.
   */
  kill(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.held.take();
    // The host stops its handler and exits on `host.stop`; closing its input is the fallback.
    if (!this.awaitingHost) this.send(encodeFrame({ type: 'host.stop', id: 'engine-stop' }));
    this.writer.close().catch(() => undefined); // fails if the process is already gone
    const timer = setTimeout(() => this.process.kill(), STOP_GRACE_MS);
    const done = () => clearTimeout(timer);
    this.exit.then(done, done);
  }

  /** Kills at once, for a container that is being torn down anyway. */
  killNow(): void {
    this.stopping = true;
    this.process.kill();
  }

  private send(text: string): void {
    // Writes queue in order inside the stream; a write after exit fails, and there is no one to tell.
    this.writer.write(text).catch(() => undefined);
  }

  private async pump(output: ReadableStream<string>): Promise<void> {
    const reader = output.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.emit(value);
        if (this.awaitingHost && this.awaitingHost.push(value).messages.length > 0) this.hostReady();
      }
    } catch {
      // The stream errors when the process is killed or the container torn down: output just ends.
    } finally {
      reader.releaseLock();
    }
  }

  /** The host's stdin is raw now: what was held can go. */
  private hostReady(): void {
    this.awaitingHost = undefined;
    const { chunks, dropped } = this.held.take();
    if (dropped > 0)
      this.emit(note(`${dropped} characters of commands sent before the host was ready were dropped.`));
    if (!this.stopping) for (const chunk of chunks) this.send(chunk);
  }

  private emit(chunk: string): void {
    if (this.listeners.size === 0) this.backlog.push(chunk);
    for (const listener of this.listeners) listener(chunk);
  }
}

function note(text: string): string {
  return `\r\n[playground] ${text}\r\n`;
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { FrameDecoder } from '../../core/control/framing';
import { OutputLog } from './outputLog';
import { signalGroup } from './processGroup';

/** How long the host gets to stop its handler after SIGTERM before the group is killed. */
const STOP_GRACE_MS = 3000;

/**
 * One run of the host bundle on a session's app folder: `node host.mjs <appDir> --control
 * --port 0` with pipes, in its own process group so that stopping it reaches everything it
 * started, and so a Ctrl+C meant for the server does not reach it before the server decides.
 */
export class HostRun {
  readonly output = new OutputLog();
  readonly pid: number | undefined;
  readonly exited: Promise<number>;
  exitCode: number | undefined;
  private readonly child: ChildProcess;
  private finish!: (code: number) => void;
  private readonly frames = new FrameDecoder();
  /** The handler runs in its own group too: known from host.status, to end it if the host cannot. */
  private handlerPid: number | undefined;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: number,
    hostBundle: string,
    appDir: string,
  ) {
    this.exited = new Promise<number>((resolve) => (this.finish = resolve));
    this.child = spawn(process.execPath, [hostBundle, appDir, '--control', '--port', '0'], {
      cwd: appDir,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.pid = this.child.pid;
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => this.onOutput(text));
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => this.output.append(text));
    // A host that exits while we write is reported by its exit, not by an EPIPE crash here.
    this.child.stdin!.on('error', () => undefined);
    this.child.on('error', (e) => {
      this.output.append(`\n[local engine] could not start the host: ${e.message}\n`);
      this.done(-1);
    });
    let closeTimer: NodeJS.Timeout | undefined;
    this.child.on('exit', (code, signal) => {
      const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      // 'close' comes once the pipes are drained; a grandchild holding them must not hold us.
      closeTimer = setTimeout(() => this.done(exitCode), 500);
      this.child.once('close', () => {
        clearTimeout(closeTimer);
        this.done(exitCode);
      });
    });
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Writes to the host's stdin; false once it has exited. */
  write(text: string): boolean {
    if (!this.running || !this.child.stdin!.writable) return false;
    this.child.stdin!.write(text);
    return true;
  }

  /** Asks the host to stop (it ends its handler), then kills what is left; resolves with the code. */
  stop(): Promise<number> {
    if (this.running && this.pid !== undefined && this.killTimer === undefined) {
      signalGroup(this.pid, 'SIGTERM');
      this.killTimer = setTimeout(() => this.killNow(), STOP_GRACE_MS);
    }
    return this.exited;
  }

  /** Kills the host's group and its handler's at once (when the server itself must go now). */
  killNow(): void {
    if (this.pid !== undefined) signalGroup(this.pid, 'SIGKILL');
    if (this.handlerPid !== undefined) signalGroup(this.handlerPid, 'SIGKILL');
  }

  private onOutput(text: string): void {
    this.output.append(text);
    for (const message of this.frames.push(text).messages) {
      const event = message as { type?: unknown; handler?: { pid?: unknown } };
      if (event.type === 'host.status' && typeof event.handler?.pid === 'number')
        this.handlerPid = event.handler.pid;
    }
  }

  private done(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    clearTimeout(this.killTimer);
    // A host that crashed or was killed could not end its handler: do it for it.
    if (this.handlerPid !== undefined) signalGroup(this.handlerPid, 'SIGKILL');
    this.finish(code);
  }
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HostEvent, HostStatusEvent } from '../../runtime/core/control/protocol';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The host CLI (`runtime/node/cli.ts --json`) as a real process in its own process group, its
 * events parsed from stdout. For tests that need the whole process: signals, hangs, orphans.
 */
export class CliProcessGroup {
  readonly events: HostEvent[] = [];
  stderr = '';
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  constructor(appRoot: string, args: string[] = []) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'runtime/node/cli.ts'), appRoot, '--port', '0', '--json', ...args],
      { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], detached: true },
    );
    this.exited = new Promise((r) => this.child.on('exit', (code, signal) => r({ code, signal })));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) this.events.push(JSON.parse(line) as HostEvent);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (c: string) => (this.stderr += c));
  }

  get pid(): number {
    return this.child.pid!;
  }

  status(state?: string): HostStatusEvent | undefined {
    return this.events
      .filter((e): e is HostStatusEvent => e.type === 'host.status' && (!state || e.state === state))
      .pop();
  }

  logs(): string[] {
    return this.events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
  }

  /** Waits for Running and gives the front door's base URL. */
  async running(timeoutMs = 30_000): Promise<URL> {
    await this.waitFor(() => this.status('Running') !== undefined, 'host.status Running', timeoutMs);
    return new URL(this.status('Running')!.frontDoorUrl!);
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline || (this.child.exitCode !== null && !predicate()))
        throw new Error(
          `timed out waiting for ${what} (exit ${this.child.exitCode})\nstderr: ${this.stderr}\nlogs:\n` +
            this.logs().slice(-15).join('\n'),
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Kills the host's whole process group (the handler has its own group, on purpose). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // already gone
    }
  }
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HostEvent } from '../../runtime/core/control/protocol';
import type { Exchange } from '../../runtime/core/exchange/exchange';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The host CLI as a real process (`npm run host -- <app> --json ...`), its events read from stdout. */
export class CliHost {
  readonly events: HostEvent[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(appRoot: string, args: readonly string[]) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'runtime/node/cli.ts'), appRoot, '--port', '0', '--json', ...args],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.events.push(JSON.parse(line) as HostEvent);
      } catch {
        this.stderr += `(stdout) ${line}\n`;
      }
    });
    this.child.stderr!.on('data', (c: Buffer) => (this.stderr += c.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logs(): string[] {
    return this.events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
  }

  /** The latest version of every exchange, in the order they started. */
  exchanges(): Exchange[] {
    const byId = new Map<string, Exchange>();
    for (const e of this.events) if (e.type === 'exchange') byId.set(e.exchange.id, e.exchange);
    return [...byId.values()];
  }

  get port(): number {
    for (const e of [...this.events].reverse())
      if (e.type === 'host.status' && e.frontDoorUrl) return Number(new URL(e.frontDoorUrl).port);
    throw new Error('the host has not said where its front door is');
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}\n--- logs ---\n${this.logs().slice(-25).join('\n')}\n--- stderr ---\n${this.stderr.slice(-2000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async waitForRunning(): Promise<void> {
    await this.waitFor(
      () => this.events.some((e) => e.type === 'host.status' && e.state === 'Running'),
      'Running',
    );
  }

  /** Ends it at once, as a crash or `kill -9` would: no cleanup of its own runs. */
  kill(): void {
    this.child.kill('SIGKILL');
  }

  /** Stops it as Ctrl+C would, and waits for it to exit. */
  async stop(): Promise<number | null> {
    if (this.running) {
      this.child.kill('SIGINT');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await this.exited.finally(() => clearTimeout(timer));
    }
    return this.exited;
  }
}

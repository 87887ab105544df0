import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { applyFileSync } from './appFolder';
import type { FileSync } from './appPaths';
import { HostRun } from './hostRun';
import { HttpError } from './httpResponses';

/**
 * One page's app: a fresh temp folder and at most one running host. Changes are applied one at a
 * time, so a sync and a start sent back to back happen in that order.
 */
export class Session {
  /** The current run and the one before it, whose stream may still be delivering its exit. */
  private readonly runs = new Map<number, HostRun>();
  private current: HostRun | undefined;
  private nextRunId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  lastActive = Date.now();
  openStreams = 0;

  private constructor(
    readonly id: string,
    readonly appDir: string,
    private readonly hostBundle: string,
  ) {}

  static async create(root: string, hostBundle: string): Promise<Session> {
    const id = randomBytes(12).toString('base64url');
    return new Session(id, await mkdtemp(join(root, 'app-')), hostBundle);
  }

  sync(files: FileSync): Promise<void> {
    return this.serialize(() => {
      this.ensureOpen();
      return applyFileSync(this.appDir, files);
    });
  }

  /** Starts the host, after stopping the one already running: one host per session. */
  startHost(): Promise<HostRun> {
    return this.serialize(async () => {
      this.ensureOpen();
      if (this.current) await this.current.stop();
      const run = new HostRun(this.nextRunId++, this.hostBundle, this.appDir);
      for (const old of this.runs.keys()) if (old < run.id - 1) this.runs.delete(old);
      this.runs.set(run.id, run);
      this.current = run;
      return run;
    });
  }

  run(id: number): HostRun | undefined {
    return this.runs.get(id);
  }

  /** Stops every host, then removes the folder. */
  close(): Promise<void> {
    this.closed = true;
    return this.serialize(async () => {
      await Promise.all([...this.runs.values()].map((run) => run.stop()));
      await rm(this.appDir, { recursive: true, force: true });
    });
  }

  killNow(): void {
    for (const run of this.runs.values()) if (run.running) run.killNow();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private ensureOpen(): void {
    if (this.closed) throw new HttpError(404, 'This session was closed.');
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

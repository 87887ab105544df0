import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { HandlerProcess, SpawnRequest, StreamError } from '../../host/platform';
import { watchHandlerGroup } from './handlerWatchdog';

/** The handler as a child process in its own process group, so its own children end with it. */
export function spawnHandler(request: SpawnRequest): HandlerProcess {
  const { command, env } = request;
  const lineListeners: ((line: string, stream: 'stdout' | 'stderr') => void)[] = [];
  const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
  const errorListeners: ((e: StreamError) => void)[] = [];
  let child: ChildProcess | undefined;
  let exited = false;
  const fail = (e: StreamError) => queueMicrotask(() => errorListeners.forEach((l) => l(e)));
  try {
    child = spawn(command.file, command.args, {
      cwd: command.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
  } catch (e) {
    exited = true;
    fail(e as StreamError);
  }
  const watchdog =
    child?.pid !== undefined && process.platform !== 'win32' ? watchHandlerGroup(child.pid) : undefined;
  if (child) {
    const c = child;
    c.on('error', (e) => {
      exited = true;
      errorListeners.forEach((l) => l(e));
    });
    for (const name of ['stdout', 'stderr'] as const) {
      const source = c[name];
      if (!source) continue;
      createInterface({ input: source, crlfDelay: Infinity }).on('line', (line) =>
        lineListeners.forEach((l) => l(line, name)),
      );
    }
    c.on('exit', (code, signal) => {
      exited = true;
      watchdog?.release();
      exitListeners.forEach((l) => l(code, signal));
    });
  }
  return {
    get pid() {
      return child?.pid;
    },
    get exited() {
      return exited || !child || child.exitCode !== null || child.signalCode !== null;
    },
    onLine: (l) => lineListeners.push(l),
    onExit: (l) => exitListeners.push(l),
    onError: (l) => errorListeners.push(l),
    kill: () => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      watchdog?.release();
      try {
        // The handler may have started children of its own (npm, a shell): end the whole group.
        if (c.pid !== undefined && process.platform !== 'win32') process.kill(-c.pid, 'SIGKILL');
        else c.kill('SIGKILL');
      } catch {
        c.kill('SIGKILL');
      }
    },
  };
}

import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * Ends the handler's process group when the host dies, however it dies: SIGKILL leaves the host
 * no chance to do it, and the handler runs in a group of its own (so its children end with it),
 * out of reach of a signal to the host's group. Linux's parent-death signal needs native code,
 * so a tiny `sh` in a session of its own waits on a pipe from the host instead: when the host is
 * gone the pipe closes, `read` returns, and the handler's group is killed. A host that ends the
 * handler itself releases the watchdog first. Where no `sh` can start, there is no watchdog.
 */
export function watchHandlerGroup(pgid: number): { release(): void } {
  let watchdog: ReturnType<typeof spawn> | undefined;
  try {
    watchdog = spawn(
      '/bin/sh',
      ['-c', 'read _; kill -s KILL -- -"$1" 2>/dev/null', 'handler-watchdog', String(pgid)],
      {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
      },
    );
    watchdog.on('error', () => undefined);
    watchdog.stdin?.on('error', () => undefined);
    // Neither the watchdog nor its pipe may keep the host's event loop alive.
    watchdog.unref();
    (watchdog.stdin as Socket | null)?.unref();
  } catch {
    watchdog = undefined;
  }
  return {
    release: () => {
      if (watchdog && watchdog.exitCode === null && watchdog.signalCode === null) watchdog.kill('SIGKILL');
    },
  };
}

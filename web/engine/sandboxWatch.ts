/**
 * Notices a sandbox that has died. The sandbox iframe runs in a process of its own, with the
 * host and handler workers inside it; when that process ends (a handler that allocates without
 * end takes it past the browser's memory limit, or the browser reclaims it) the page hears
 * nothing: its message ports stay open and silent, and Chromium fires no event for it. So the
 * page asks, once a second while hosts run, and a sandbox that has not answered for
 * `silenceMs` is taken as gone. Only the sandbox's own small program answers, never the user's
 * code, so a busy handler cannot make it late.
 */

export const SANDBOX_PING_MS = 1_000;
export const SANDBOX_SILENCE_MS = 5_000;

export interface SandboxWatchOptions {
  /** Posts a ping with this id; the answer goes to `pong(id)`. */
  readonly ping: (id: number) => void;
  /** Called once, when the sandbox has not answered for `silenceMs`. */
  readonly onLost: () => void;
  readonly intervalMs?: number;
  readonly silenceMs?: number;
  readonly now?: () => number;
}

export interface SandboxWatch {
  /** The sandbox answered ping `id`. */
  pong(id: number): void;
  /** Stops asking (no host runs, or the sandbox was closed on purpose). */
  stop(): void;
}

export function watchSandbox(options: SandboxWatchOptions): SandboxWatch {
  const intervalMs = options.intervalMs ?? SANDBOX_PING_MS;
  const silenceMs = options.silenceMs ?? SANDBOX_SILENCE_MS;
  const now = options.now ?? (() => performance.now());
  let nextId = 1;
  /** The ping that waits for its answer, and when it went. */
  let waiting: { id: number; since: number } | undefined;

  let lastTick = now();
  const timer = setInterval(() => {
    const tick = now();
    // A timer that ran late (a background tab's throttling, a frozen page, a busy main thread)
    // says nothing of the sandbox: its silence is counted again from here.
    const late = tick - lastTick > 2 * intervalMs;
    lastTick = tick;
    if (waiting) {
      if (late) waiting.since = tick;
      if (tick - waiting.since < silenceMs) return;
      clearInterval(timer);
      options.onLost();
      return;
    }
    waiting = { id: nextId++, since: tick };
    options.ping(waiting.id);
  }, intervalMs);

  return {
    pong(id) {
      if (waiting?.id === id) waiting = undefined;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

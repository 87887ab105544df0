import type { VirtualClock } from '../../core/time/virtualClock';

interface PendingWait {
  readonly key: string;
  readonly target: number;
  readonly done: (completed: boolean) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Waits on the host's virtual clock, so a retry delay ends either when its time passes or when
 * the playground fast-forwards past it. Cancelling (the app reloads or stops) ends every wait
 * with false, as the SDK's retry loop ends when its invocation is cancelled.
 */
export class ClockWaits {
  private readonly pending = new Set<PendingWait>();

  constructor(private readonly clock: VirtualClock) {
    clock.onJump(() => this.settleDue());
  }

  /** True once `ms` have passed on the clock; false when cancelled first. `key` names the waiter. */
  wait(key: string, ms: number): Promise<boolean> {
    const target = this.clock.now() + Math.max(0, ms);
    return new Promise<boolean>((resolve) => {
      const entry: PendingWait = {
        key,
        target,
        done: (completed) => {
          clearTimeout(entry.timer);
          this.pending.delete(entry);
          resolve(completed);
        },
        // Real time runs the clock too; the check covers a timer that fires a little early.
        timer: setTimeout(() => this.settleDue(), Math.min(Math.max(0, ms), 2 ** 31 - 1)),
      };
      this.pending.add(entry);
    });
  }

  /** The earliest end of a wait for `key`, if one is pending. */
  nextFor(key: string): number | undefined {
    let next: number | undefined;
    for (const w of this.pending)
      if (w.key === key && (next === undefined || w.target < next)) next = w.target;
    return next;
  }

  cancelAll(): void {
    for (const w of [...this.pending]) w.done(false);
  }

  private settleDue(): void {
    const now = this.clock.now();
    for (const w of [...this.pending]) {
      if (w.target <= now) w.done(true);
      else {
        clearTimeout(w.timer);
        w.timer = setTimeout(() => this.settleDue(), Math.min(w.target - now, 2 ** 31 - 1));
      }
    }
  }
}

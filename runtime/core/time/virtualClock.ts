/**
 * The host's clock: real time plus an offset that fast-forwarding grows, so a daily schedule can
 * be shown in seconds. Queues, timers and `sys.UtcNow` all read it; listeners hear each jump.
 */
export class VirtualClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** How far ahead of the wall clock this clock runs. */
  get offset(): number {
    return this.offsetMs;
  }

  /** Jumps forward to `target` (never backward). */
  advanceTo(target: number): void {
    const delta = target - this.now();
    if (delta <= 0) return;
    this.offsetMs += delta;
    for (const listener of this.listeners) listener();
  }

  onJump(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

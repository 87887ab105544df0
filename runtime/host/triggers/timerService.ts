import type { FunctionDef } from '../../core/app/functionJson';
import type { JsonObject } from '../../core/json/jsonNode';
import type { TimerSchedule } from '../../core/timers/schedule';
import { nextOccurrence, nextOccurrences } from '../../core/timers/schedule';
import { shouldUseMonitor } from '../../core/timers/monitor';
import type { ScheduleStatus } from '../../core/timers/timerInfo';
import { freshScheduleStatus, timerInfoJson } from '../../core/timers/timerInfo';
import type { VirtualClock } from '../../core/time/virtualClock';
import type { TimerState } from '../../core/control/protocol';
import { ClockWaits } from './clockWaits';

/** Runs one timer firing; `timerInfo` is the TimerInfo payload value. */
export type TimerInvoker = (fn: FunctionDef, timerInfo: JsonObject, reason: string) => Promise<boolean>;

interface TimerEntry {
  readonly fn: FunctionDef;
  readonly schedule: TimerSchedule;
  readonly monitor: boolean;
  next: number | undefined;
  paused: boolean;
  lastRun?: number;
}

/**
 * The timer trigger on the host's virtual clock. Schedule monitor status (Last/Next/LastUpdated)
 * is kept in memory across reloads, standing in for the storage blob the host keeps it in, so a
 * paused timer that missed an occurrence is past due when it resumes, like a stopped host.
 */
export class TimerService {
  private entries = new Map<string, TimerEntry>();
  private readonly status = new Map<string, ScheduleStatus>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private invoke: TimerInvoker | undefined;
  timeZone = 'UTC';
  /** Retry delays of timer functions, on the same clock so fast-forward reaches them. */
  readonly waits: ClockWaits;

  constructor(
    private readonly clock: VirtualClock,
    private readonly onChange: () => void,
  ) {
    this.waits = new ClockWaits(clock);
    clock.onJump(() => this.tick());
  }

  configure(functions: readonly FunctionDef[], timeZone: string, invoke: TimerInvoker): void {
    this.stop();
    this.invoke = invoke;
    this.timeZone = timeZone;
    const now = this.clock.now();
    const previous = this.entries;
    this.entries = new Map();
    for (const fn of functions) {
      if (!fn.timer || fn.disabled) continue;
      const { schedule, runOnStartup, useMonitor } = fn.timer;
      const monitor = shouldUseMonitor(schedule, useMonitor, now, timeZone);
      const entry: TimerEntry = {
        fn,
        schedule,
        monitor,
        next: nextOccurrence(schedule, now, timeZone),
        paused: previous.get(fn.name)?.paused ?? false,
      };
      const last = previous.get(fn.name)?.lastRun;
      if (last !== undefined) entry.lastRun = last;
      this.entries.set(fn.name, entry);
      const key = this.statusKey(entry);
      const recorded = this.status.get(key);
      if (monitor && recorded && recorded.next < now && !entry.paused) {
        void this.fire(entry, true, 'past due: the host was not running at the scheduled time');
      } else if (runOnStartup && !entry.paused) {
        void this.fire(entry, false, 'runOnStartup');
      }
    }
    this.arm();
    this.onChange();
  }

  /** Stops the schedule; a pending retry ends as the SDK's does when its invocation is cancelled. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waits.cancelAll();
  }

  /** Runs the function now, with a fresh TimerInfo, as admin invoke and "fire now" do. */
  fireNow(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry) return false;
    void this.fire(entry, false, 'fired by hand');
    return true;
  }

  setPaused(name: string, paused: boolean): boolean {
    const entry = this.entries.get(name);
    if (!entry) return false;
    entry.paused = paused;
    if (!paused) {
      const now = this.clock.now();
      const key = this.statusKey(entry);
      const recorded = this.status.get(key);
      if (entry.monitor && recorded && recorded.next < now)
        void this.fire(entry, true, 'past due after resuming');
      entry.next = nextOccurrence(entry.schedule, now, this.timeZone);
    }
    this.arm();
    this.onChange();
    return true;
  }

  /** Moves the clock to the timer's pending retry or its next occurrence, whichever is first. */
  fastForward(name: string): number | undefined {
    const entry = this.entries.get(name);
    const retryAt = this.waits.nextFor(name);
    const next = entry?.next;
    if (!entry || (next === undefined && retryAt === undefined)) return undefined;
    const target = Math.min(next ?? Infinity, retryAt ?? Infinity);
    this.clock.advanceTo(target);
    return target;
  }

  /** TimerInfo for a firing that does not come from the schedule (admin invoke). */
  freshTimerInfo(fn: FunctionDef): JsonObject | undefined {
    const entry = this.entries.get(fn.name);
    if (!entry) return undefined;
    return this.timerInfo(entry, false);
  }

  snapshot(): TimerState[] {
    return [...this.entries.values()].map((e) => ({
      functionName: e.fn.name,
      schedule: e.schedule.expression,
      timeZone: this.timeZone,
      paused: e.paused,
      monitor: e.monitor,
      next: e.next === undefined ? [] : nextOccurrences(e.schedule, e.next - 1, this.timeZone, 3),
      ...(e.lastRun !== undefined && { lastRun: e.lastRun }),
    }));
  }

  private tick(): void {
    const now = this.clock.now();
    for (const entry of this.entries.values()) {
      if (entry.paused || entry.next === undefined || entry.next > now) continue;
      void this.fire(entry, false, 'schedule');
      entry.next = nextOccurrence(entry.schedule, Math.max(now, entry.next), this.timeZone);
    }
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    const nexts = [...this.entries.values()]
      .filter((e) => !e.paused && e.next !== undefined)
      .map((e) => e.next!);
    if (nexts.length === 0) return;
    const delay = Math.max(0, Math.min(...nexts) - this.clock.now());
    this.timer = setTimeout(() => this.tick(), Math.min(delay, 2 ** 31 - 1));
  }

  private timerInfo(entry: TimerEntry, isPastDue: boolean): JsonObject {
    const status = entry.monitor
      ? (this.status.get(this.statusKey(entry)) ?? freshScheduleStatus(entry.next ?? this.clock.now()))
      : null;
    return timerInfoJson({ schedule: entry.schedule, status, isPastDue, timeZone: this.timeZone });
  }

  private async fire(entry: TimerEntry, isPastDue: boolean, reason: string): Promise<void> {
    const info = this.timerInfo(entry, isPastDue);
    const firedAt = this.clock.now();
    entry.lastRun = firedAt;
    if (entry.monitor) {
      const next = nextOccurrence(entry.schedule, firedAt, this.timeZone) ?? firedAt;
      this.status.set(this.statusKey(entry), { last: firedAt, next, lastUpdated: firedAt });
    }
    this.onChange();
    await this.invoke?.(entry.fn, info, reason);
  }

  private statusKey(entry: TimerEntry): string {
    return `${entry.fn.name}\u0000${entry.schedule.expression}`;
  }
}

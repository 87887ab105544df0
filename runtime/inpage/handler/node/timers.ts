import type { Supervisor } from '../supervisor';

type Callback = (...args: unknown[]) => void;

let nextTimerId = 1;

/**
 * Node's Timeout object (what setTimeout returns there): ref/unref/refresh/hasRef, usable as
 * a number. A pending, ref'd timer keeps the process alive, as in Node.
 */
export class Timeout {
  readonly id = nextTimerId++;
  private handle: ReturnType<typeof setTimeout> | undefined;
  private referenced = true;
  private holding = false;

  constructor(
    private readonly supervisor: Supervisor,
    // Named as Node's, so stack traces read `at Timeout._onTimeout (…)`.
    private readonly _onTimeout: Callback,
    private readonly delay: number,
    private readonly args: unknown[],
    private readonly repeat: boolean,
  ) {
    this.start();
  }

  private start(): void {
    this.hold(true);
    const fire = () => {
      if (!this.repeat) {
        this.handle = undefined;
        this.hold(false);
      }
      this.supervisor.guard(() => this._onTimeout(...this.args))();
    };
    this.handle = this.repeat ? setInterval(fire, this.delay) : setTimeout(fire, this.delay);
  }

  private hold(wanted: boolean): void {
    const want = wanted && this.referenced;
    if (want === this.holding) return;
    this.holding = want;
    if (want) this.supervisor.ref();
    else this.supervisor.unref();
  }

  ref(): this {
    this.referenced = true;
    this.hold(this.handle !== undefined);
    return this;
  }

  unref(): this {
    this.referenced = false;
    this.hold(false);
    return this;
  }

  hasRef(): boolean {
    return this.referenced;
  }

  refresh(): this {
    if (this.handle !== undefined) {
      this.clear();
      this.start();
    }
    return this;
  }

  close(): this {
    this.clear();
    return this;
  }

  clear(): void {
    if (this.handle === undefined) return;
    if (this.repeat) clearInterval(this.handle);
    else clearTimeout(this.handle);
    this.handle = undefined;
    this.hold(false);
  }

  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/** Node's Immediate: runs after the current turn; ref/unref as a Timeout. */
export class Immediate extends Timeout {
  constructor(supervisor: Supervisor, callback: Callback, args: unknown[]) {
    super(supervisor, callback, 0, args, false);
  }
}

function delayOf(ms: unknown): number {
  const delay = Number(ms);
  // Node: anything not a number in 1..2^31-1 becomes 1 ms.
  return Number.isFinite(delay) && delay >= 1 && delay <= 2147483647 ? delay : 1;
}

/** The timer functions of one handler process. */
export function createTimers(supervisor: Supervisor) {
  const byId = new Map<number, Timeout>();
  const track = <T extends Timeout>(timer: T): T => {
    byId.set(timer.id, timer);
    return timer;
  };
  const clear = (timer: unknown): void => {
    const found = timer instanceof Timeout ? timer : typeof timer === 'number' ? byId.get(timer) : undefined;
    if (!found) return;
    found.clear();
    byId.delete(found.id);
  };
  const check = (callback: unknown): Callback => {
    if (typeof callback !== 'function') {
      throw Object.assign(
        new TypeError(`The "callback" argument must be of type function. Received ${String(callback)}`),
        { code: 'ERR_INVALID_ARG_TYPE' },
      );
    }
    return callback as Callback;
  };
  // process.nextTick: Node runs the tick queue right after the current callback, before any
  // promise job. The supervisor drains it after every callback it runs (drainTicks); the
  // microtask is the fallback for ticks queued from inside promise jobs.
  const ticks: (() => void)[] = [];
  let draining = false;
  let scheduled = false;
  const drainTicks = (): void => {
    if (draining) return;
    draining = true;
    try {
      while (ticks.length > 0 && !supervisor.exited) (ticks.shift() as () => void)();
    } finally {
      draining = false;
    }
  };
  const nextTick = (callback: Callback, ...args: unknown[]): void => {
    if (supervisor.exited) return;
    ticks.push(() => supervisor.guard(() => callback(...args))());
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      drainTicks();
    });
  };
  return {
    setTimeout: (callback: unknown, ms?: unknown, ...args: unknown[]) =>
      track(new Timeout(supervisor, check(callback), delayOf(ms), args, false)),
    setInterval: (callback: unknown, ms?: unknown, ...args: unknown[]) =>
      track(new Timeout(supervisor, check(callback), delayOf(ms), args, true)),
    setImmediate: (callback: unknown, ...args: unknown[]) =>
      track(new Immediate(supervisor, check(callback), args)),
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
    queueMicrotask: (callback: unknown) => {
      const checked = check(callback);
      queueMicrotask(supervisor.guard(() => checked()));
    },
    nextTick,
    drainTicks,
  };
}

export type Timers = ReturnType<typeof createTimers>;

/** The `timers` module (and `timers/promises`) for a handler process. */
export function createTimersModule(timers: Timers) {
  const sleep =
    (immediate: boolean) =>
    <T>(ms?: number, value?: T): Promise<T | undefined> =>
      new Promise((resolve) => {
        if (immediate) timers.setImmediate(() => resolve(ms as T | undefined));
        else timers.setTimeout(() => resolve(value), ms);
      });
  const promises = {
    setTimeout: sleep(false),
    setImmediate: sleep(true),
    scheduler: { wait: (ms: number) => sleep(false)(ms), yield: () => sleep(true)() },
  };
  return {
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    setImmediate: timers.setImmediate,
    clearImmediate: timers.clearImmediate,
    promises,
  };
}

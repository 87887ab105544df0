/**
 * Thrown by process.exit() to unwind the caller at once, as Node's exit never returns. Every
 * place that runs handler code catches it (see Supervisor#guard), so it never surfaces.
 */
export class ProcessExit {
  constructor(readonly code: number) {}
}

/** The parts of `process` the supervisor drives (events a handler may listen to). */
export interface SupervisedProcess {
  exitCode: number | undefined;
  emit(event: string, ...args: unknown[]): boolean;
  listenerCount(event: string): number;
}

export interface SupervisorHooks {
  /** The process ended with `code` (tell the host; nothing of the handler runs after). */
  exited(code: number): void;
  /** Prints Node's report of an uncaught exception to stderr. */
  report(error: unknown, fromPromise: boolean): void;
}

/**
 * The handler process's life: what runs (only while alive), what an uncaught error does, and
 * when it ends, either by process.exit, a crash, or, as in Node, when nothing is left that could
 * run code (no server listening, no timer pending).
 */
export class Supervisor {
  exited = false;
  exitCode: number | undefined;
  process: SupervisedProcess | undefined;
  /** Runs after each callback from outside: process.nextTick's queue (see node/timers.ts). */
  afterCallback: (() => void) | undefined;
  private refs = 0;
  private idleCheck: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hooks: SupervisorHooks) {}

  /** Wraps a callback entering handler code from outside (bytes, timers, replies). */
  guard<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      if (this.exited) return;
      try {
        callback(...args);
      } catch (error) {
        this.uncaught(error);
      }
      if (!this.exited) this.afterCallback?.();
    };
  }

  /** Node's handling of an exception nobody caught: 'uncaughtException' listeners, or crash. */
  uncaught(error: unknown, fromPromise = false, promise?: Promise<unknown>): void {
    if (error instanceof ProcessExit || this.exited) return;
    const process = this.process;
    if (fromPromise && process && process.listenerCount('unhandledRejection') > 0) {
      this.run(() => process.emit('unhandledRejection', error, promise));
      return;
    }
    if (process && process.listenerCount('uncaughtException') > 0) {
      const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
      try {
        process.emit('uncaughtException', error, origin);
      } catch (again) {
        if (again instanceof ProcessExit) return;
        // A throw inside the handler of last resort: Node exits with 7.
        this.hooks.report(again, false);
        this.exit(7);
      }
      return;
    }
    this.hooks.report(error, fromPromise);
    this.exit(1);
  }

  /** Runs handler code now (guarded), e.g. an 'exit' listener. */
  run(callback: () => void): void {
    this.guard(callback)();
  }

  /** Ends the process: 'exit' listeners run, then the host hears the code. Only once. */
  exit(code: number): void {
    if (this.exited) return;
    this.exitCode = code;
    const process = this.process;
    if (process) {
      process.exitCode = code;
      try {
        process.emit('exit', code);
      } catch (error) {
        if (!(error instanceof ProcessExit)) this.hooks.report(error, false);
      }
    }
    this.exited = true;
    if (this.idleCheck !== undefined) clearTimeout(this.idleCheck);
    this.hooks.exited(process?.exitCode ?? code);
  }

  /** Something that keeps the process alive started (a timer, a listening server…). */
  ref(): void {
    this.refs += 1;
  }

  /** …and ended: with nothing left, the process exits as Node's would. */
  unref(): void {
    this.refs -= 1;
    if (this.refs <= 0) this.scheduleIdleCheck();
  }

  /** After the entry script ran: exits if it left nothing running. */
  scheduleIdleCheck(): void {
    if (this.exited || this.idleCheck !== undefined) return;
    // After pending promise jobs and ticks: they may start a timer or a server.
    this.idleCheck = setTimeout(() => {
      this.idleCheck = undefined;
      if (this.exited || this.refs > 0) return;
      this.run(() => this.process?.emit('beforeExit', this.process.exitCode ?? 0));
      if (this.exited || this.refs > 0) return;
      this.exit(this.process?.exitCode ?? 0);
    }, 0);
  }
}

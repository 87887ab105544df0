import type { Diagnostic } from '../core/app/diagnostics';
import type { HostEvent } from '../core/control/protocol';

type FunctionsEvent = Extract<HostEvent, { type: 'functions' }>;

/**
 * The `functions` event: the last one the app produced, plus where a crashed handler's output
 * blames its code (until a handler is ready again), published together.
 */
export class FunctionsEvents {
  private last: FunctionsEvent | undefined;
  private problem: Diagnostic | undefined;

  constructor(private readonly emit: (event: HostEvent) => void) {}

  set(event: FunctionsEvent): void {
    this.last = event;
    this.publish();
  }

  /** `current`: the report comes from the handler the host runs now, not one a reload replaced. */
  setHandlerProblem(problem: Diagnostic | undefined, current = true): void {
    if (!current || problem === this.problem) return;
    this.problem = problem;
    this.publish();
  }

  publish(): void {
    const { last, problem } = this;
    if (!last) return;
    this.emit(problem ? { ...last, diagnostics: [...last.diagnostics, problem] } : last);
  }
}

import { createStore } from 'zustand/vanilla';
import type { Diagnostic } from '../../runtime/core/app/diagnostics';
import type { FunctionInfo, HostStatusEvent } from '../../runtime/core/control/protocol';
import type { BootFailureReason, EngineKind } from '../engine/engine';

export type EngineState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'booting' }
  | { readonly phase: 'starting-host' }
  | { readonly phase: 'running' }
  | { readonly phase: 'failed'; readonly reason: BootFailureReason; readonly message: string }
  | { readonly phase: 'stopped'; readonly message: string };

export interface RuntimeState {
  readonly engineKind: EngineKind;
  readonly engine: EngineState;
  readonly host?: Omit<HostStatusEvent, 'type'>;
  readonly functions: readonly FunctionInfo[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface RuntimeActions {
  setEngine(engine: EngineState): void;
  setHostStatus(status: HostStatusEvent): void;
  setFunctions(functions: readonly FunctionInfo[], diagnostics: readonly Diagnostic[]): void;
}

export type RuntimeStore = ReturnType<typeof createRuntimeStore>;

/**
 * Whether requests, messages and timers can be sent now: a host that runs and says it is
 * Running. The host's last status outlives its process (it still explains how the host ended), so
 * after an exit, and while a restart boots, it alone would offer a Send that no host can take.
 */
export const hostAcceptsRequests = (state: Pick<RuntimeState, 'engine' | 'host'>): boolean =>
  state.engine.phase === 'running' && state.host?.state === 'Running';

export function createRuntimeStore(engineKind: EngineKind) {
  return createStore<RuntimeState & RuntimeActions>()((set) => ({
    engineKind,
    engine: { phase: 'idle' },
    functions: [],
    diagnostics: [],
    setEngine: (engine) => set({ engine }),
    setHostStatus: ({ type: _type, ...host }) => set({ host }),
    setFunctions: (functions, diagnostics) => set({ functions, diagnostics }),
  }));
}

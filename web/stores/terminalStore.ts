import { createStore } from 'zustand/vanilla';

export interface TerminalState {
  /** Everything written so far, capped, so a terminal that mounts late can replay it. */
  readonly buffer: string;
}

export interface TerminalActions {
  write(text: string): void;
  clear(): void;
}

export type TerminalStore = ReturnType<typeof createTerminalStore>;

const MAX_BUFFER = 256 * 1024;

export function createTerminalStore() {
  return createStore<TerminalState & TerminalActions>()((set, get) => ({
    buffer: '',
    write(text) {
      const next = get().buffer + text;
      set({ buffer: next.length > MAX_BUFFER ? next.slice(next.length - MAX_BUFFER) : next });
    },
    clear: () => set({ buffer: '' }),
  }));
}

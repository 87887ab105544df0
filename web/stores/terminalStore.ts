import { createStore } from 'zustand/vanilla';

export interface TerminalState {
  /** Everything written so far, capped, so a terminal that mounts late can replay it. */
  readonly buffer: string;
  /** Counts writes and clears: a view that follows the store writes `last` when it moved by one. */
  readonly seq: number;
  /** The text of the latest write ('' after a clear). */
  readonly last: string;
}

export interface TerminalActions {
  write(text: string): void;
  clear(): void;
}

export type TerminalStore = ReturnType<typeof createTerminalStore>;

/** What the buffer keeps of the end of the output. */
export const MAX_BUFFER = 256 * 1024;
/**
 * How far the buffer may grow past MAX_BUFFER before its start is dropped: cutting copies the
 * whole buffer, so it is done once per this much output rather than on every line.
 */
const SLACK = 64 * 1024;

export function createTerminalStore() {
  return createStore<TerminalState & TerminalActions>()((set, get) => ({
    buffer: '',
    seq: 0,
    last: '',
    write(text) {
      const { buffer, seq } = get();
      const next = buffer + text;
      set({
        buffer: next.length > MAX_BUFFER + SLACK ? next.slice(next.length - MAX_BUFFER) : next,
        seq: seq + 1,
        last: text,
      });
    },
    clear: () => set({ buffer: '', seq: get().seq + 1, last: '' }),
  }));
}

/**
 * What a view that shows `previous` must do to show `state`: write the latest text, or redraw
 * the buffer whole (cleared, or more than one step apart).
 */
export function terminalChange(
  previous: Pick<TerminalState, 'seq' | 'buffer'>,
  state: TerminalState,
): { reset: boolean; text: string } {
  if (state.seq === previous.seq) return { reset: false, text: '' };
  if (state.seq === previous.seq + 1 && state.buffer !== '') return { reset: false, text: state.last };
  return { reset: true, text: state.buffer };
}

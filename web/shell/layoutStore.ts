import { createStore } from 'zustand/vanilla';

/** Pane sizes in CSS pixels. */
export interface LayoutSizes {
  /** Width of the file tree. */
  readonly tree: number;
  /** Width of the side column (triggers and exchanges). */
  readonly side: number;
  /** Height of the terminal under the editor. */
  readonly terminal: number;
  /** Height of the triggers panel above the exchanges. */
  readonly triggers: number;
}

export type Pane = keyof LayoutSizes;

export const DEFAULT_LAYOUT: LayoutSizes = { tree: 220, side: 480, terminal: 200, triggers: 320 };

/** Each pane's smallest and largest size; a stored size outside is clamped into it. */
export const LAYOUT_LIMITS: Readonly<Record<Pane, readonly [number, number]>> = {
  tree: [140, 480],
  side: [280, 1000],
  terminal: [60, 700],
  triggers: [100, 900],
};

export const LAYOUT_STORAGE_KEY = 'playground.layout';
const VERSION = 1;

export function clampSize(pane: Pane, size: number): number {
  const [min, max] = LAYOUT_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, size)));
}

/** Reads stored sizes (version 1); anything missing, broken or out of range falls back or is clamped. */
export function parseLayout(text: string | null | undefined): LayoutSizes {
  if (!text) return DEFAULT_LAYOUT;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return DEFAULT_LAYOUT;
  }
  if (typeof stored !== 'object' || stored === null || (stored as { v?: unknown }).v !== VERSION) {
    return DEFAULT_LAYOUT;
  }
  const sizes = (stored as { sizes?: unknown }).sizes;
  if (typeof sizes !== 'object' || sizes === null) return DEFAULT_LAYOUT;
  const out = { ...DEFAULT_LAYOUT };
  for (const pane of Object.keys(DEFAULT_LAYOUT) as Pane[]) {
    const value = (sizes as Record<string, unknown>)[pane];
    if (typeof value === 'number' && Number.isFinite(value)) out[pane] = clampSize(pane, value);
  }
  return out;
}

export function serializeLayout(sizes: LayoutSizes): string {
  return JSON.stringify({ v: VERSION, sizes });
}

export interface LayoutActions {
  resize(pane: Pane, size: number): void;
  reset(): void;
}

export type LayoutStore = ReturnType<typeof createLayoutStore>;

/** Where sizes persist; `localStorage` in the page, anything with the two methods in tests. */
export type LayoutStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Pane sizes, read from and written back to storage (which may be missing or refuse writes). */
export function createLayoutStore(storage?: LayoutStorage) {
  let initial = DEFAULT_LAYOUT;
  try {
    initial = parseLayout(storage?.getItem(LAYOUT_STORAGE_KEY));
  } catch {
    // Storage can throw (disabled cookies, sandboxed iframes); the defaults do.
  }
  const store = createStore<LayoutSizes & LayoutActions>()((set) => ({
    ...initial,
    resize: (pane, size) => set({ [pane]: clampSize(pane, size) }),
    reset: () => set(DEFAULT_LAYOUT),
  }));
  store.subscribe((state, previous) => {
    const sizes = { tree: state.tree, side: state.side, terminal: state.terminal, triggers: state.triggers };
    if ((Object.keys(sizes) as Pane[]).every((p) => sizes[p] === previous[p])) return;
    try {
      storage?.setItem(LAYOUT_STORAGE_KEY, serializeLayout(sizes));
    } catch {
      // A full or blocked storage only costs the sizes on the next visit.
    }
  });
  return store;
}

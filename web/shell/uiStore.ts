import { createStore } from 'zustand/vanilla';

/** Where the app in the editor came from, which names downloads and picks the gallery text. */
export interface AppOrigin {
  /** A bundled example, a share link, a share file, or an imported zip or folder. */
  readonly kind: 'example' | 'link' | 'file' | 'import';
  /** The app's name: the example's, the shared example's, or the imported folder's. */
  readonly name: string;
  /** The bundled example the app is (or started from), when there is one. */
  readonly example?: string;
}

/** A dismissible note under the toolbar: what an import left out, or why it failed. */
export interface Note {
  readonly tone: 'info' | 'warning' | 'error';
  readonly title: string;
  readonly lines: readonly string[];
}

/** Why the page asks before running: code from a link or a share file, with the local engine. */
export type ConfirmReason = 'link' | 'file';

export type DialogName = 'share' | 'embed';

export interface UiState {
  readonly origin: AppOrigin;
  /** Why the address could not be opened (a bad share link, an unknown example); plain text. */
  readonly linkError?: string;
  readonly note?: Note;
  /** Problems with the embed options in the address. */
  readonly embedProblems: readonly string[];
  /** Set while the run confirmation is open. */
  readonly confirm?: ConfirmReason;
  readonly dialog?: DialogName;
  /** Click-to-run: nothing boots until the Run overlay is pressed. */
  readonly awaitingClick: boolean;
  /** The example whose "what to look at" strip was closed. */
  readonly explanationClosedFor?: string;
  /** A file is being dragged over the page. */
  readonly dropping: boolean;
}

export interface UiActions {
  setOrigin(origin: AppOrigin): void;
  setLinkError(message: string | undefined): void;
  setNote(note: Note | undefined): void;
  setEmbedProblems(problems: readonly string[]): void;
  askConfirm(reason: ConfirmReason | undefined): void;
  openDialog(dialog: DialogName | undefined): void;
  setAwaitingClick(waiting: boolean): void;
  closeExplanation(example: string): void;
  setDropping(dropping: boolean): void;
}

export type UiStore = ReturnType<typeof createUiStore>;

/** The page's own state: where the app came from, banners, notes and which dialog is open. */
export function createUiStore(origin: AppOrigin = { kind: 'example', name: 'app' }) {
  return createStore<UiState & UiActions>()((set) => ({
    origin,
    embedProblems: [],
    awaitingClick: false,
    dropping: false,
    setOrigin: (next) => set({ origin: next }),
    setLinkError: (linkError) => set({ linkError }),
    setNote: (note) => set({ note }),
    setEmbedProblems: (embedProblems) => set({ embedProblems }),
    askConfirm: (confirm) => set({ confirm }),
    openDialog: (dialog) => set({ dialog }),
    setAwaitingClick: (awaitingClick) => set({ awaitingClick }),
    closeExplanation: (example) => set({ explanationClosedFor: example }),
    setDropping: (dropping) => set({ dropping }),
  }));
}

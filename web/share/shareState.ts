import type { ComposedRequest } from '../stores/triggersStore';

/**
 * What a share link or share file restores, whatever format version carried it. Each version's
 * decoder turns its own wire shape into this, so the app only ever sees one shape.
 */
export interface SharedState {
  /** Every file of the app, by app-relative path (`order/function.json`), as text. */
  readonly files: Readonly<Record<string, string>>;
  /** The file shown in the editor; one of `files`. */
  readonly activeFile?: string;
  /** The editor tabs, in order; each one of `files`. */
  readonly openTabs: readonly string[];
  /** The HTTP composer's request. */
  readonly composer: ComposedRequest;
  /** The composer's recent requests, newest first. */
  readonly recent?: readonly ComposedRequest[];
  /** The bundled example the app started from (a folder name under `examples/`). */
  readonly example?: string;
  /** Pane sizes by pane name; the app clamps them to its own limits. */
  readonly layout?: Readonly<Record<string, number>>;
}

/** What decoding a link or a file gives: the whole state, or why nothing was loaded. */
export type ShareDecodeResult =
  { readonly ok: true; readonly state: SharedState } | { readonly ok: false; readonly error: string };

import type { Diagnostic } from '../../runtime/core/app/diagnostics';

/** Languages the editor highlights; anything else is plain text. */
export type EditorLanguage =
  'json' | 'javascript' | 'typescript' | 'python' | 'markdown' | 'shell' | 'plaintext';

/** A problem to underline, 1-based. Without a column the whole line is marked. */
export interface EditorMarker {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/**
 * What every editor implementation takes. The Monaco one is loaded lazily; a plain textarea
 * stands in until it arrives, and for good if it cannot load. Nothing outside `web/editor/`
 * sees Monaco's types.
 */
export interface EditorProps {
  /** App-relative path of the file shown; also what editor state (undo, scroll) is kept by. */
  readonly path: string;
  /** The text to show; a change from outside (load, rename) replaces the editor's text. */
  readonly value: string;
  readonly language: EditorLanguage;
  /** Every edit, with the whole new text. */
  readonly onChange: (value: string) => void;
  /** The host's problems in this file. */
  readonly markers: readonly EditorMarker[];
  /** Paths whose editor state is worth keeping (the open tabs); state of the others may be dropped. */
  readonly openPaths: readonly string[];
  /** Dark colours, following the system's. */
  readonly dark: boolean;
}

const LANGUAGES: readonly [RegExp, EditorLanguage][] = [
  [/\.json$/i, 'json'],
  [/\.(c|m)?js$/i, 'javascript'],
  [/\.(c|m)?ts$/i, 'typescript'],
  [/\.py$/i, 'python'],
  [/\.md$/i, 'markdown'],
  [/\.(sh|bash)$/i, 'shell'],
];

export function languageOf(path: string): EditorLanguage {
  return LANGUAGES.find(([pattern]) => pattern.test(path))?.[1] ?? 'plaintext';
}

/** The host's diagnostics for one file, as markers. */
export function markersFor(diagnostics: readonly Diagnostic[], path: string): EditorMarker[] {
  return diagnostics
    .filter((d) => d.file === path)
    .map((d) => ({
      line: d.line ?? 1,
      ...(d.column !== undefined && { column: d.column }),
      message: d.where ? `${d.where}: ${d.message}` : d.message,
      severity: d.severity,
    }));
}

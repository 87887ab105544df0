import type { AppOrigin } from '../shell/uiStore';

/**
 * Leaving an embed for the full playground: whether there is anything to carry over. Only the
 * plain decision lives here; building the link is `AppActions.fullPlaygroundLink`.
 */

type Files = Readonly<Record<string, string>>;

/** Whether the app's files (unsaved changes included) are exactly a bundled example's. */
export function sameFiles(a: Files, b: Files): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** A bundled example's files, as loaded, with its name. */
export interface LoadedExample {
  readonly name: string;
  readonly files: Files;
}

/**
 * Whether the app is no longer the bundled example it was opened from, so that opening the full
 * playground by the example's plain address would lose something: a saved or unsaved change, or
 * an app that did not come from an example at all (a share link or file, an import). While the
 * example's own files are not known yet, the answer is yes: carrying an unchanged app loses
 * nothing, while not carrying a changed one would.
 */
export function differsFromExample(
  origin: AppOrigin,
  current: { readonly files: Files; readonly drafts: Files },
  example: LoadedExample | undefined,
): boolean {
  if (origin.kind !== 'example' || origin.example === undefined) return true;
  if (example === undefined || example.name !== origin.example) return true;
  return !sameFiles({ ...current.files, ...current.drafts }, example.files);
}

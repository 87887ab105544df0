/**
 * The result of one decoding step. `error` is the end of a sentence whose subject the caller
 * supplies ("This share link" or "This share file"), e.g. `is damaged: it was cut short.`
 */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const problem = <T = never>(error: string): Checked<T> => ({ ok: false, error });

/** Thrown by the schema readers; caught at the version boundary and turned into a `Checked`. */
export class ShareProblem extends Error {}

/** Stops reading with a problem (a sentence ending, as in `Checked`). */
export function fail(error: string): never {
  throw new ShareProblem(error);
}

/** A value quoted for a message: escaped (so NULs and markup show as text) and kept short. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}

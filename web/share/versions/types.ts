import type { Checked } from '../result';
import type { SharedState } from '../shareState';

/**
 * One share format version. A decoder for every version ever released stays registered, so old
 * links keep opening: changing the format means adding `vN.ts`, never editing an old one.
 */
export interface ShareFormat {
  readonly version: number;
  /** A link payload (the text after `s<version>.`) to the JSON value it carries. */
  unpack(payload: string): Checked<unknown>;
  /** A JSON value (from a link or a share file) to the state, checked in full. */
  read(value: unknown): Checked<SharedState>;
}

/** The version new links and files are written in; it can also write. */
export interface CurrentShareFormat extends ShareFormat {
  /** The state as this version's JSON value. */
  write(state: SharedState): unknown;
  /** A JSON value as a link payload. */
  pack(value: unknown): string;
}

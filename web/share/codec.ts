import { MAX_STATE_BYTES } from './limits';
import type { SharedState, ShareDecodeResult } from './shareState';
import { CURRENT_FORMAT, SHARE_FORMATS } from './versions';
import type { ShareFormat } from './versions/types';

/**
 * Share links: `#s<version>.<payload>`. The prefix picks the decoder, so links made by any
 * released version keep opening after the format changes.
 */

/**
 * Links longer than this get a warning and the file download instead: chat tools, mail clients
 * and QR codes cut links far earlier than browsers do (Chromium keeps about 2 MB).
 */
export const SHARE_LINK_WARN_LENGTH = 8000;

const LINK = 'This share link';

/** `s1.` and the like: the format version, then a dot. */
const PREFIX = /^s([0-9]{1,6})\./;

/** Whether a whole link (page URL and fragment) is short enough to paste into chat tools. */
export function shareLinkStatus(url: string): 'ok' | 'too-long' {
  return url.length > SHARE_LINK_WARN_LENGTH ? 'too-long' : 'ok';
}

/**
 * Why this state could not be opened from a link or file, if it could not (a file that is not
 * text, an unsafe name, too much in all). The Share button shows this instead of a broken link.
 */
export function checkShareable(state: SharedState): string | undefined {
  const json = JSON.stringify(CURRENT_FORMAT.write(state));
  if (new TextEncoder().encode(json).length > MAX_STATE_BYTES) {
    return `This app is too large to share (more than ${MAX_STATE_BYTES / (1024 * 1024)} MB).`;
  }
  const read = CURRENT_FORMAT.read(JSON.parse(json));
  return read.ok ? undefined : `This app cannot be shared: it ${read.error}`;
}

/**
 * The fragment for a state, without the `#`: `s1.<base64url(zlib(JSON))>`. Throws an `Error`
 * with `checkShareable`'s message when the state could not be opened again.
 */
export function encodeShareFragment(state: SharedState): string {
  const problem = checkShareable(state);
  if (problem) throw new Error(problem);
  return `s${CURRENT_FORMAT.version}.${CURRENT_FORMAT.pack(CURRENT_FORMAT.write(state))}`;
}

/** The format for a version number, or the message for a version this page cannot read. */
export function formatFor(version: number, subject: string): ShareFormat | string {
  const format = SHARE_FORMATS.get(version);
  if (format) return format;
  if (version > CURRENT_FORMAT.version) {
    return `${subject} was made by a newer version of the playground (s${version}). Reload the page to update it.`;
  }
  return `${subject} has a format this playground does not know (s${version}).`;
}

/**
 * Reads a fragment (with or without its `#`). Everything is checked before anything is returned,
 * so the app gets either the whole state or a message, never part of a state.
 */
export function decodeShareFragment(fragment: string): ShareDecodeResult {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text === '') return { ok: false, error: `${LINK} is empty.` };
  const match = PREFIX.exec(text);
  if (!match) {
    // `s1` alone is a link cut right after its version.
    if (/^s[0-9]{1,6}$/.test(text)) return { ok: false, error: `${LINK} is damaged: it was cut short.` };
    return { ok: false, error: `${LINK} was not made by this playground (it should start with #s1.).` };
  }
  const format = formatFor(Number(match[1]), LINK);
  if (typeof format === 'string') return { ok: false, error: format };
  const value = format.unpack(text.slice(match[0].length));
  if (!value.ok) return { ok: false, error: `${LINK} ${value.error}` };
  const state = format.read(value.value);
  return state.ok ? { ok: true, state: state.value } : { ok: false, error: `${LINK} ${state.error}` };
}

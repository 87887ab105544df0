/**
 * Bounds every decoder enforces before it trusts anything. They keep a hostile link from using
 * much memory or time and keep a loaded app the size of something a person wrote.
 */

/** Longest link payload read at all; Chromium itself refuses URLs over 2 MB. */
export const MAX_PAYLOAD_CHARS = 2_000_000;
/** Largest state once unpacked (UTF-8 bytes of its JSON): stops zip bombs early. */
export const MAX_STATE_BYTES = 2 * 1024 * 1024;
/** Most files in one shared app, and the longest file path: the file rules' own, for every way in. */
export { MAX_APP_FILES as MAX_FILES, MAX_PATH_LENGTH } from '../files/fileRules';
/** Most recent requests kept (the composer keeps 10). */
export const MAX_RECENT = 20;
/** Most request headers per request. */
export const MAX_HEADERS = 64;
/** Longest request target, header name or value, and method. */
export const MAX_TARGET_LENGTH = 8192;
export const MAX_HEADER_LENGTH = 8192;
export const MAX_METHOD_LENGTH = 20;
/** Most layout entries, and the largest pane size accepted before the app clamps it. */
export const MAX_LAYOUT_KEYS = 16;
export const MAX_LAYOUT_SIZE = 100_000;

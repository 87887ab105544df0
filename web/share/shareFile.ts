import { formatFor } from './codec';
import { MAX_STATE_BYTES } from './limits';
import { quote } from './result';
import type { SharedState, ShareDecodeResult } from './shareState';
import { CURRENT_FORMAT } from './versions';

/**
 * Share files: for apps whose link is too long to paste. Readable JSON holding the same
 * versioned state a link carries, uncompressed: `{"format":"fchp-share","version":1,"state":…}`.
 */

export const SHARE_FILE_FORMAT = 'fchp-share';
export const SHARE_FILE_EXTENSION = '.fchp.json';

const FILE = 'This share file';

/** Pretty-printing and escapes make a file larger than its state; allow for that, no more. */
const MAX_FILE_CHARS = 4 * MAX_STATE_BYTES;

/** The file to download for a state: named after its example (`order.fchp.json`). */
export function sharedStateFile(state: SharedState): { name: string; text: string } {
  const base = (state.example ?? 'playground').replace(/[^A-Za-z0-9._-]/g, '-') || 'playground';
  const file = {
    format: SHARE_FILE_FORMAT,
    version: CURRENT_FORMAT.version,
    state: CURRENT_FORMAT.write(state),
  };
  return { name: `${base}${SHARE_FILE_EXTENSION}`, text: `${JSON.stringify(file, null, 2)}\n` };
}

/** Reads a share file's text, checked as fully as a link: the whole state or a message. */
export function readSharedStateFile(text: string): ShareDecodeResult {
  if (text.length > MAX_FILE_CHARS) return { ok: false, error: `${FILE} is too large to open.` };
  let file: unknown;
  try {
    // Editors may add a byte order mark when the file is saved again.
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: `${FILE} is damaged: it is not valid JSON.` };
  }
  const envelope = (typeof file === 'object' && file !== null && !Array.isArray(file) ? file : {}) as Record<
    string,
    unknown
  >;
  const { format, version, state } = envelope;
  if (format !== SHARE_FILE_FORMAT) {
    return { ok: false, error: `This is not a playground share file (${SHARE_FILE_EXTENSION}).` };
  }
  const extra = Object.keys(envelope).find((key) => !['format', 'version', 'state'].includes(key));
  if (extra !== undefined) return { ok: false, error: `${FILE} has an unexpected field ${quote(extra)}.` };
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return { ok: false, error: `${FILE} has an invalid version: expected a whole number such as 1.` };
  }
  const reader = formatFor(version, FILE);
  if (typeof reader === 'string') return { ok: false, error: reader };
  if (new TextEncoder().encode(JSON.stringify(state) ?? '').length > MAX_STATE_BYTES) {
    return { ok: false, error: `${FILE} holds too much: more than ${MAX_STATE_BYTES / (1024 * 1024)} MB.` };
  }
  const read = reader.read(state);
  return read.ok ? { ok: true, state: read.value } : { ok: false, error: `${FILE} ${read.error}` };
}

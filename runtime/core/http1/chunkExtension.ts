import { QDTEXT, TOKEN } from './charClasses';
import { fail } from './parseError';

// Chunk extensions (`;name=value` after a chunk size) carry nothing the host uses, but llhttp
// checks their syntax strictly, so they are walked byte by byte and dropped. CR ends them; the
// caller handles it before calling in.
export const EXT_NAME_START = 0;
export const EXT_NAME = 1;
export const EXT_VALUE_START = 2;
export const EXT_VALUE = 3;
export const EXT_QUOTED = 4;
export const EXT_QUOTED_ESCAPE = 5;
export const EXT_QUOTED_END = 6;

/** Whether CR may end the extensions in `state`. */
export function extensionMayEnd(state: number): boolean {
  return state === EXT_NAME || state === EXT_VALUE_START || state === EXT_VALUE || state === EXT_QUOTED_END;
}

export function extensionStep(state: number, byte: number): number {
  switch (state) {
    case EXT_NAME_START:
      if (TOKEN[byte]) return EXT_NAME;
      return fail('HPE_STRICT', 'Invalid character in chunk extensions');
    case EXT_NAME:
      if (TOKEN[byte]) return EXT_NAME;
      if (byte === 0x3b) return EXT_NAME_START;
      if (byte === 0x3d) return EXT_VALUE_START;
      return fail('HPE_STRICT', 'Invalid character in chunk extensions name');
    case EXT_VALUE_START:
      if (byte === 0x22) return EXT_QUOTED;
      if (TOKEN[byte]) return EXT_VALUE;
      if (byte === 0x3b) return EXT_NAME_START;
      return fail('HPE_STRICT', 'Invalid character in chunk extensions value');
    case EXT_VALUE:
      if (TOKEN[byte]) return EXT_VALUE;
      if (byte === 0x3b) return EXT_NAME_START;
      return fail('HPE_STRICT', 'Invalid character in chunk extensions value');
    case EXT_QUOTED:
      if (byte === 0x22) return EXT_QUOTED_END;
      if (byte === 0x5c) return EXT_QUOTED_ESCAPE;
      if (QDTEXT[byte]) return EXT_QUOTED;
      return fail('HPE_STRICT', 'Invalid character in chunk extensions quoted value');
    case EXT_QUOTED_ESCAPE:
      if (byte === 0x09 || (byte >= 0x20 && byte !== 0x7f)) return EXT_QUOTED;
      return fail('HPE_STRICT', 'Invalid quoted-pair in chunk extensions quoted value');
    default:
      if (byte === 0x3b) return EXT_NAME_START;
      return fail('HPE_STRICT', 'Invalid character in chunk extensions quote value');
  }
}

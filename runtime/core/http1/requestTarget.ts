import { ALPHA, SERVER_CHAR, URL_CHAR } from './charClasses';
import { fail } from './parseError';

// llhttp checks the request-target's shape as it reads it (origin-form, absolute-form, authority
// for CONNECT, '*'); these are its states, and its messages for each wrong byte.
export const URL_START = 0;
export const URL_SCHEMA = 1;
export const URL_SCHEMA_SLASH = 2;
export const URL_SCHEMA_SLASH_SLASH = 3;
export const URL_SERVER = 4;
export const URL_PATH = 5;
export const URL_QUERY = 6;
export const URL_FRAGMENT_START = 7;
export const URL_FRAGMENT = 8;

const QUESTION = 0x3f;
const HASH = 0x23;
const SLASH = 0x2f;

/** Whether a space, CR or LF may end the target in `state` (it may not inside a scheme). */
export function targetMayEnd(state: number): boolean {
  return state >= URL_SERVER;
}

/** The state after `byte` (never SP, CR or LF); throws on a byte llhttp rejects there. */
export function targetStep(state: number, byte: number): number {
  // TAB and FF get a message of their own in every state.
  if (byte === 0x09 || byte === 0x0c) fail('HPE_INVALID_URL', 'Invalid characters in url');
  switch (state) {
    case URL_START:
      if (byte === SLASH || byte === 0x2a) return URL_PATH;
      if (ALPHA[byte]) return URL_SCHEMA;
      return fail('HPE_INVALID_URL', 'Unexpected start char in url');
    case URL_SCHEMA:
      if (ALPHA[byte]) return URL_SCHEMA;
      if (byte === 0x3a) return URL_SCHEMA_SLASH;
      return fail('HPE_INVALID_URL', 'Unexpected char in url schema');
    case URL_SCHEMA_SLASH:
    case URL_SCHEMA_SLASH_SLASH:
      if (byte === SLASH) return state + 1;
      return fail('HPE_INVALID_URL', 'Unexpected char in url schema');
    case URL_SERVER:
      if (byte === SLASH) return URL_PATH;
      if (byte === QUESTION) return URL_QUERY;
      if (SERVER_CHAR[byte]) return URL_SERVER;
      return fail('HPE_INVALID_URL', 'Unexpected char in url server');
    case URL_PATH:
      if (byte === QUESTION) return URL_QUERY;
      if (byte === HASH) return URL_FRAGMENT_START;
      if (URL_CHAR[byte]) return URL_PATH;
      return fail('HPE_INVALID_URL', 'Invalid char in url path');
    case URL_QUERY:
      if (byte === HASH) return URL_FRAGMENT_START;
      if (URL_CHAR[byte]) return URL_QUERY;
      return fail('HPE_INVALID_URL', 'Invalid char in url query');
    case URL_FRAGMENT_START:
      if (URL_CHAR[byte]) return URL_FRAGMENT;
      return fail('HPE_INVALID_URL', 'Invalid char in url fragment start');
    default:
      if (URL_CHAR[byte]) return URL_FRAGMENT;
      return fail('HPE_INVALID_URL', 'Invalid char in url fragment');
  }
}

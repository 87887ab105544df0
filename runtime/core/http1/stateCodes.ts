// The parser's state codes and the bytes its framing is made of, defined once for the head reader,
// the body reader and the state they share. The codes are ordered so that one comparison with
// FIRST_BODY_STATE tells head states from body states. The per-byte loops take local copies (see
// headStates.ts).

export const CR = 13;
export const LF = 10;
export const SP = 0x20;
export const HTAB = 0x09;

// Head states. Everything below FIRST_BODY_STATE is read through readHead(), which keeps the bytes.
export const H_START = 0;
export const H_METHOD = 1;
export const H_URL_START = 2;
export const H_URL = 3;
export const H_AFTER_URL = 4;
export const H_PROTOCOL = 5;
export const H_MAJOR = 6;
export const H_DOT = 7;
export const H_MINOR = 8;
export const H_REQUEST_CR = 9;
export const H_REQUEST_LF = 10;
export const H_HTTP09_LF = 11;
export const H_STATUS_SP = 12;
export const H_STATUS = 13;
export const H_REASON = 14;
export const H_RESPONSE_LF = 15;
export const H_FIELD_START = 16;
export const H_FIELD = 17;
export const H_VALUE_OWS = 18;
export const H_VALUE = 19;
export const H_VALUE_LF = 20;
export const H_HEAD_LF = 21;
export const FIRST_BODY_STATE = 30;
export const B_FIXED = 30;
export const B_CHUNK_SIZE = 31;
export const B_CHUNK_SIZE_MORE = 32;
export const B_CHUNK_EXTENSION = 33;
export const B_CHUNK_SIZE_LF = 34;
export const B_CHUNK_DATA = 35;
export const B_CHUNK_DATA_CR = 36;
export const B_CHUNK_DATA_LF = 37;
export const B_UNTIL_EOF = 38;
export const B_CLOSED = 39;

import { nodeError } from '../nodeErrors';
import {
  INVALID_HEADER_CHAR,
  validateHeaderName,
  validateHeaderValue,
  type HeaderValue,
  type HeadersArgument,
} from './outgoingHeaders';
import { STATUS_CODES } from './statusCodes';

// Node's writeHead and _storeHeader apart from serverResponse.ts: they make the head and decide
// its framing (keep-alive, Content-Length, chunks or close), touching only the fields listed in
// HeadFields and FramingFields.
// The rules below are Node 20's (lib/_http_outgoing.js, lib/_http_server.js), ported so the
// bytes on the wire are the same: header order and case, the defaults Node adds after the
// handler's headers, and when the body is framed by Content-Length, chunks or the close.
const CONNECTION_CLOSE = /(?:^|\W)close(?:$|\W)/i;
const TE_CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;

/** The bits of a header block that decide the framing (Node's `state` in _storeHeader). */
interface HeaderState {
  connection: boolean;
  contLen: boolean;
  te: boolean;
  date: boolean;
  expect: boolean;
  trailer: boolean;
  header: string;
}

/** The response fields the head's framing rules read and set (Node's OutgoingMessage state). */
export interface FramingFields {
  statusCode: number;
  sendDate: boolean;
  chunkedEncoding: boolean;
  shouldKeepAlive: boolean;
  useChunkedEncodingByDefault: boolean;
  _hasBody: boolean;
  _last: boolean;
  _contentLength: number | null;
  _removedConnection: boolean;
  _removedContLen: boolean;
  _removedTE: boolean;
  _defaultKeepAlive: boolean;
  _keepAliveTimeout: number;
}

/**
 * Node's _storeHeader: the header block, with the defaults after the handler's headers.
 * `expect` says the handler set Expect, so the head goes out at once.
 */
export function buildHead(
  res: FramingFields,
  firstLine: string,
  headers: HeadersArgument | Map<string, [string, HeaderValue]> | undefined,
): { header: string; expect: boolean } {
  const state: HeaderState = {
    connection: false,
    contLen: false,
    te: false,
    date: false,
    expect: false,
    trailer: false,
    header: firstLine,
  };
  if (headers instanceof Map) {
    for (const [name, value] of headers.values()) processHeader(res, state, name, value, false);
  } else if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      for (const entry of headers as readonly (readonly [string, HeaderValue])[]) {
        processHeader(res, state, entry[0], entry[1], true);
      }
    } else {
      const flat = headers as readonly (string | number)[];
      if (flat.length % 2 !== 0) {
        throw nodeError(
          TypeError,
          'ERR_INVALID_ARG_VALUE',
          "The argument 'headers' is invalid. Received " + JSON.stringify(flat),
        );
      }
      for (let n = 0; n < flat.length; n += 2) {
        processHeader(res, state, flat[n] as string, flat[n + 1] as HeaderValue, true);
      }
    }
  } else if (headers) {
    for (const name of Object.keys(headers)) {
      processHeader(res, state, name, (headers as Record<string, HeaderValue>)[name], true);
    }
  }

  let { header } = state;
  if (res.sendDate && !state.date) header += `Date: ${new Date().toUTCString()}\r\n`;

  // A 204/304 with the handler's own chunked encoding: no zero chunk, and close instead.
  if (res.chunkedEncoding && (res.statusCode === 204 || res.statusCode === 304)) {
    res.chunkedEncoding = false;
    res.shouldKeepAlive = false;
  }

  if (res._removedConnection) {
    res._last = !res.shouldKeepAlive;
  } else if (!state.connection) {
    const sendKeepAlive = res.shouldKeepAlive && (state.contLen || res.useChunkedEncodingByDefault);
    if (sendKeepAlive) {
      header += 'Connection: keep-alive\r\n';
      if (res._keepAliveTimeout && res._defaultKeepAlive) {
        header += `Keep-Alive: timeout=${Math.floor(res._keepAliveTimeout / 1000)}\r\n`;
      }
    } else {
      res._last = true;
      header += 'Connection: close\r\n';
    }
  }

  if (!state.contLen && !state.te) {
    if (!res._hasBody) {
      res.chunkedEncoding = false;
    } else if (!res.useChunkedEncodingByDefault) {
      res._last = true;
    } else if (!state.trailer && !res._removedContLen && res._contentLength !== null) {
      header += `Content-Length: ${res._contentLength}\r\n`;
    } else if (!res._removedTE) {
      header += 'Transfer-Encoding: chunked\r\n';
      res.chunkedEncoding = true;
    } else {
      res._last = true;
    }
  }

  if (res.chunkedEncoding !== true && state.trailer) {
    throw nodeError(Error, 'ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding');
  }
  return { header: header + '\r\n', expect: state.expect };
}

function processHeader(
  res: FramingFields,
  state: HeaderState,
  name: string,
  value: HeaderValue | undefined,
  validate: boolean,
): void {
  if (validate) validateHeaderName(name);
  if (Array.isArray(value)) {
    if (value.length < 2 || name.toLowerCase() !== 'cookie') {
      for (const one of value) storeHeaderLine(res, state, name, one, validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeaderLine(res, state, name, value as string | number | undefined, validate);
}

function storeHeaderLine(
  res: FramingFields,
  state: HeaderState,
  name: string,
  value: string | number | undefined,
  validate: boolean,
): void {
  if (validate) validateHeaderValue(name, value);
  state.header += `${name}: ${value}\r\n`;
  if (name.length < 4 || name.length > 17) return;
  switch (name.toLowerCase()) {
    case 'connection':
      state.connection = true;
      res._removedConnection = false;
      if (CONNECTION_CLOSE.test(String(value))) res._last = true;
      else res.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      state.te = true;
      res._removedTE = false;
      if (TE_CHUNKED.test(String(value))) res.chunkedEncoding = true;
      break;
    case 'content-length':
      state.contLen = true;
      res._contentLength = Number(value);
      res._removedContLen = false;
      break;
    case 'date':
      state.date = true;
      break;
    case 'expect':
      state.expect = true;
      break;
    case 'trailer':
      state.trailer = true;
      break;
    case 'keep-alive':
      res._defaultKeepAlive = false;
      break;
  }
}

/** What writeHead also reads and sets, beyond the framing fields. */
export interface HeadFields extends FramingFields {
  statusMessage: string | undefined;
  _expect_continue: boolean;
  _sent100: boolean;
  setHeader(name: string, value: HeaderValue): unknown;
}

/**
 * writeHead's checks and header merge (Node's writeHead up to _storeHeader): sets the status,
 * and gives the status line and the headers to build the head from.
 */
export function prepareHead(
  res: HeadFields,
  statusCode: number,
  reason: string | HeadersArgument | undefined,
  headers: HeadersArgument | undefined,
  stored: Map<string, [string, HeaderValue]> | null,
): { firstLine: string; block: HeadersArgument | Map<string, [string, HeaderValue]> | undefined } {
  const original = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) {
    throw nodeError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${original}`);
  }
  let fields = headers;
  if (typeof reason === 'string') {
    res.statusMessage = reason;
  } else {
    res.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    fields ??= reason;
  }
  res.statusCode = statusCode;
  let block: HeadersArgument | Map<string, [string, HeaderValue]> | undefined;
  if (stored) {
    // Headers given to writeHead join those from setHeader: same names replaced in place
    // (Node 20 sets each pair in turn, so in the flat-array form the last of a name wins).
    if (Array.isArray(fields)) {
      const flat = fields as readonly (string | number)[];
      for (let n = 0; n < flat.length; n += 2) {
        if (flat[n]) res.setHeader(String(flat[n]), flat[n + 1] as HeaderValue);
      }
    } else if (fields) {
      for (const [name, value] of Object.entries(fields as Record<string, HeaderValue>)) {
        if (name) res.setHeader(name, value);
      }
    }
    block = stored;
  } else {
    block = fields;
  }
  if (INVALID_HEADER_CHAR.test(res.statusMessage)) {
    throw nodeError(TypeError, 'ERR_INVALID_CHAR', 'Invalid character in statusMessage');
  }
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    res._hasBody = false;
  }
  if (res._expect_continue && !res._sent100) res.shouldKeepAlive = false;
  return { firstLine: `HTTP/1.1 ${statusCode} ${res.statusMessage}\r\n`, block };
}

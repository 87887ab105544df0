import {
  CONNECTION_CLOSE,
  CONNECTION_KEEP_ALIVE,
  CONNECTION_UPGRADE,
  FIELD_CONNECTION,
  FIELD_CONTENT_LENGTH,
  FIELD_TRANSFER_ENCODING,
  FIELD_UPGRADE,
  connectionOptions,
  endsChunked,
  fieldKind,
  mayBeFramingField,
  parseContentLength,
} from './headerFields';
import { internedLatin1 } from './internedText';
import { CONNECT_METHOD, METHOD_NAMES } from './methods';
import { fail } from './parseError';
import type { ParserState } from './parserState';
import { B_CHUNK_SIZE, B_FIXED, B_UNTIL_EOF, H_START } from './stateCodes';

// What the head means for the message: the framing fields (Content-Length, Transfer-Encoding,
// Connection, Upgrade) as each field line ends, then at the end of the head the HttpHead reported
// and the body state that follows. These run once per field or per head, not per byte.

/** A field line ended at chunk index `crAt`: record it and act on the framing fields. */
export function endField(p: ParserState, chunk: Uint8Array, crAt: number): void {
  const { nameStart, nameEnd, valueStart, valueTrimmedEnd } = p;
  p.fields.push(nameStart, nameEnd, valueStart, valueTrimmedEnd);
  if (!mayBeFramingField(nameEnd - nameStart)) return;
  p.sync(chunk, crAt);
  const bytes = p.source;
  const at = p.sourceOffset;
  const valueEnd = crAt - p.base;
  const empty = valueStart === valueEnd;
  switch (fieldKind(bytes, at + nameStart, at + nameEnd)) {
    case FIELD_CONTENT_LENGTH:
      if (empty) fail('HPE_INVALID_CONTENT_LENGTH', 'Empty Content-Length');
      if (p.contentLength >= 0) fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length');
      if (p.hasTransferEncoding) {
        fail('HPE_INVALID_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding");
      }
      p.contentLength = parseContentLength(bytes, at + valueStart, at + valueEnd);
      break;
    case FIELD_TRANSFER_ENCODING:
      // llhttp never looks at an empty value, so it neither sets nor clears anything.
      if (empty) break;
      if (p.contentLength >= 0) {
        fail('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length");
      }
      if (p.isRequest && p.chunked) {
        fail('HPE_INVALID_TRANSFER_ENCODING', 'Invalid `Transfer-Encoding` header value');
      }
      p.hasTransferEncoding = true;
      p.chunked = endsChunked(bytes, at + valueStart, at + valueTrimmedEnd, p.isRequest);
      break;
    case FIELD_CONNECTION:
      p.connection |= connectionOptions(bytes, at + valueStart, at + valueTrimmedEnd);
      break;
    case FIELD_UPGRADE:
      if (!empty) p.hasUpgradeField = true;
      break;
  }
}

/** The head is complete (source holds it): report it and set up the body. */
export function endHead(p: ParserState): void {
  const isRequest = p.isRequest;
  const status = p.status;
  if (!isRequest && status >= 100 && status < 200 && status !== 101) {
    // An interim response: Node reports it apart and waits for the real one.
    p.state = H_START;
    return;
  }
  if (isRequest && p.hasTransferEncoding && !p.chunked) {
    fail('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`');
  }
  let noBody = false;
  if (!isRequest) {
    const requestMethod = p.responseTo.shift();
    noBody = requestMethod === 'HEAD' || status < 200 || status === 204 || status === 304;
  }
  const hasLength = p.contentLength >= 0;
  const untilEof = !isRequest && !noBody && !p.chunked && !hasLength;
  // llhttp_should_keep_alive: only 1.1 (major and minor both > 0) defaults to keep-alive.
  const persistent =
    p.versionMajor > 0 && p.versionMinor > 0
      ? (p.connection & CONNECTION_CLOSE) === 0
      : (p.connection & CONNECTION_KEEP_ALIVE) !== 0;
  p.keepAlive = persistent && !untilEof;
  const upgrade = isRequest
    ? p.method === CONNECT_METHOD || (p.hasUpgradeField && (p.connection & CONNECTION_UPGRADE) !== 0)
    : status === 101;

  const bytes = p.source;
  const at = p.sourceOffset;
  const fields = p.fields;
  const rawHeaders: string[] = new Array<string>(fields.length / 2);
  for (let k = 0; k < fields.length; k += 2) {
    rawHeaders[k / 2] = internedLatin1(bytes, at + fields[k]!, at + fields[k + 1]!);
  }
  p.callbacks.onHead({
    method: isRequest ? METHOD_NAMES[p.method]! : '',
    url: isRequest ? internedLatin1(bytes, at + p.urlStart, at + p.urlEnd) : '',
    status: isRequest ? 0 : status,
    reason: isRequest ? '' : internedLatin1(bytes, at + p.reasonStart, at + p.reasonEnd),
    versionMajor: p.versionMajor,
    versionMinor: p.versionMinor,
    rawHeaders,
    keepAlive: p.keepAlive,
    contentLength: hasLength ? p.contentLength : undefined,
    chunked: p.chunked,
    upgrade,
  });

  if (noBody) {
    p.complete();
  } else if (p.chunked) {
    p.state = B_CHUNK_SIZE;
  } else if (hasLength) {
    p.remaining = p.contentLength;
    if (p.remaining === 0) p.complete();
    else p.state = B_FIXED;
  } else if (untilEof) {
    p.state = B_UNTIL_EOF;
  } else {
    p.complete();
  }
}

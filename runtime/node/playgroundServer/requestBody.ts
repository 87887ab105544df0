import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpResponses';

/** Enough for any playground app; a bigger body is a mistake or an attack, not an edit. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Reads a JSON body of at most `limit` bytes. The content type must be JSON: a cross-site form
 * cannot send that without a CORS preflight, which this server never grants.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'The body must be application/json.');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `The body is larger than ${limit / 1024 / 1024} MB.`);
}

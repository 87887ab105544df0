import { utf8Encode } from '../../core/bytes/utf8';
import type { ServerResponse } from '../http/serverConnection';

export function respondEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent || res.ended) return;
  res.writeHead(status, undefined, ['Content-Length', '0']);
  res.end();
}

export function respondText(res: ServerResponse, status: number, text: string, contentType: string): void {
  const bytes = utf8Encode(text);
  res.writeHead(status, undefined, ['Content-Type', contentType, 'Content-Length', String(bytes.length)]);
  res.end(bytes);
}

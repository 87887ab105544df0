import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { HttpError } from './httpResponses';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** What the page needs to reach this server's engine; put in index.html as a meta tag. */
export interface LocalEngineMeta {
  readonly kind: 'local';
  readonly token: string;
}

/** Characters that could end an attribute or start markup, as character references. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Puts `<meta name="fchp-engine">` first in <head>, replacing one the build may already hold. */
export function injectEngineMeta(html: string, meta: LocalEngineMeta): string {
  const tag = `<meta name="fchp-engine" content="${escapeHtml(JSON.stringify(meta))}" />`;
  const without = html.replace(/<meta\s+name=["']?fchp-engine["']?[^>]*>\s*/gi, '');
  const head = /<head(\s[^>]*)?>/i.exec(without);
  if (!head) return `${tag}\n${without}`;
  const at = head.index + head[0].length;
  return `${without.slice(0, at)}\n    ${tag}${without.slice(at)}`;
}

/**
 * Serves the built site from `distDir` (GET and HEAD). Vite names everything under assets/ by
 * its content hash, so those are cached for good; index.html carries this run's token, so it
 * is never cached.
 */
export class StaticSite {
  private root: string | undefined;

  constructor(
    private readonly distDir: string,
    private readonly meta: LocalEngineMeta,
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Method not allowed.');
    const root = (this.root ??= await realpath(this.distDir));
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      throw new HttpError(400, 'Bad path.');
    }
    const segments = pathname.split('/').filter((s) => s !== '');
    if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0')))
      throw new HttpError(404, 'Not found.');
    const file = segments.length === 0 ? 'index.html' : segments.join('/');
    if (file === 'index.html') return this.serveIndex(req, res, root);

    const path = join(root, file);
    const found = await realpath(path)
      .then(async (real) => ((await stat(real)).isFile() && real.startsWith(root + sep) ? real : undefined))
      .catch(() => undefined);
    if (!found) {
      // A path without an extension is a page of the app, not a file: the app handles it.
      if (extname(file) === '') return this.serveIndex(req, res, root);
      throw new HttpError(404, 'Not found.');
    }
    const size = (await stat(found)).size;
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(found).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(found);
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
  }

  private async serveIndex(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
    let html: string;
    try {
      // Read each time: a rebuild while the server runs is picked up on reload.
      html = await readFile(join(root, 'index.html'), 'utf8');
    } catch {
      throw new HttpError(404, 'The site is not built: run npm run build.');
    }
    const body = Buffer.from(injectEngineMeta(html, this.meta));
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES['.html']!,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

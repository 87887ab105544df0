import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFileSync } from './appPaths';
import type { HostRun } from './hostRun';
import { HttpError, sendJson, sendNoContent } from './httpResponses';
import { streamHostOutput } from './outputStream';
import { readJsonBody } from './requestBody';
import type { Session } from './session';
import type { SessionRegistry } from './sessionRegistry';

/**
 * The engine API, under /engine/ (the caller has already checked Host, Origin and the token):
 *
 *   POST   /engine/sessions                       → 201 {id}        a fresh, empty app folder
 *   DELETE /engine/sessions/:id                   → 204             stops its host, removes the folder
 *   POST   /engine/sessions/:id/heartbeat         → 204             the page is alive (see SessionRegistry)
 *   POST   /engine/sessions/:id/files             → 204             {write: {path: text}, remove: [path]}
 *   POST   /engine/sessions/:id/hosts             → 201 {host, pid} starts the host (stops the last one)
 *   GET    /engine/sessions/:id/hosts/:n/output   → event stream    output chunks, then `exit`
 *   POST   /engine/sessions/:id/hosts/:n/input    → 204             {text} to the host's stdin
 *   DELETE /engine/sessions/:id/hosts/:n          → 202             stops the host; its stream says `exit`
 *
 * Each run of the host has its own number, so a page's old process handle can never write to,
 * or stop, the run that replaced it.
 */
export async function handleEngineRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  sessions: SessionRegistry,
): Promise<void> {
  const parts = url.pathname.split('/').slice(2); // after '', 'engine'
  const method = req.method ?? 'GET';
  if (parts[0] !== 'sessions') throw new HttpError(404, 'No such engine route.');

  if (parts.length === 1) {
    allow(method, 'POST');
    const session = await sessions.create();
    return sendJson(res, 201, { id: session.id });
  }

  const session = sessions.get(parts[1]!);
  if (parts.length === 2) {
    allow(method, 'DELETE');
    await sessions.delete(session.id);
    return sendNoContent(res);
  }

  if (parts.length === 3 && parts[2] === 'heartbeat') {
    // Finding the session marked it active; that is all a heartbeat does.
    allow(method, 'POST');
    return sendNoContent(res);
  }

  if (parts.length === 3 && parts[2] === 'files') {
    allow(method, 'POST');
    await session.sync(parseFileSync(await readJsonBody(req)));
    return sendNoContent(res);
  }

  if (parts[2] !== 'hosts') throw new HttpError(404, 'No such engine route.');
  if (parts.length === 3) {
    allow(method, 'POST');
    const run = await session.startHost();
    return sendJson(res, 201, { host: run.id, pid: run.pid ?? null });
  }

  const run = findRun(session, parts[3]!);
  if (parts.length === 4) {
    allow(method, 'DELETE');
    void run.stop();
    res.writeHead(202, { 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  if (parts.length === 5 && parts[4] === 'output') {
    allow(method, 'GET');
    session.openStreams++;
    try {
      await streamHostOutput(req, res, run);
    } finally {
      session.openStreams--;
      session.lastActive = Date.now();
    }
    return;
  }
  if (parts.length === 5 && parts[4] === 'input') {
    allow(method, 'POST');
    const body = await readJsonBody(req);
    const text = (body as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') throw new HttpError(400, 'Expected {"text": string}.');
    if (!run.write(text)) throw new HttpError(409, 'The host has exited.');
    return sendNoContent(res);
  }
  throw new HttpError(404, 'No such engine route.');
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError(405, `Use ${expected} here.`);
}

function findRun(session: Session, id: string): HostRun {
  const run = /^\d{1,9}$/.test(id) ? session.run(Number(id)) : undefined;
  if (!run) throw new HttpError(404, 'No such host run (a newer one replaced it).');
  return run;
}

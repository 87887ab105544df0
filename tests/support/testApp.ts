import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import type { HostEvent } from '../../runtime/core/control/protocol';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { createNodeHost } from '../../runtime/node/nodeHost';
import type { FunctionHost } from '../../runtime/node/nodeHost';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export type Language = 'node' | 'python';
export const LANGUAGES: Language[] = ['node', 'python'];

/** What the fixture handler is told to answer for a path. */
export interface Answer {
  status?: number;
  reason?: string;
  headers?: Record<string, string>;
  body?: string;
  bodyEncoding?: 'base64';
  raw?: string;
  delayMs?: number;
  exitCode?: number;
  close?: boolean;
}

/** One request as the fixture handler saw it on the wire. */
export interface Recorded {
  method: string;
  target: string;
  headers: [string, string][];
  rawHead: string;
  rawBody: string;
  body: string;
  language: Language;
}

export interface TestAppOptions {
  language?: Language;
  /** Replaces the whole host.json. */
  hostJson?: unknown;
  /** Merged into the default customHandler section. */
  customHandler?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  functionTimeout?: string;
  functions: Record<string, unknown>;
  localSettings?: unknown;
  responses?: Record<string, Answer>;
  files?: Record<string, string>;
  enableAuth?: boolean;
  /** Wait for the host to be Running (default), or just started. */
  waitForRunning?: boolean;
  /** Kestrel's 30 s when absent. */
  requestHeadersTimeoutMs?: number;
}

export function handlerDescription(language: Language): Record<string, unknown> {
  return language === 'node'
    ? { defaultExecutablePath: 'node', defaultWorkerPath: 'recorder.cjs' }
    : { defaultExecutablePath: 'python3', arguments: ['-u'], defaultWorkerPath: 'recorder.py' };
}

export class TestApp {
  readonly events: HostEvent[] = [];
  private constructor(
    readonly root: string,
    readonly host: FunctionHost,
  ) {
    host.subscribe((e) => this.events.push(e));
  }

  static async start(options: TestAppOptions): Promise<TestApp> {
    const language = options.language ?? 'node';
    const root = mkdtempSync(join(tmpdir(), 'fchp-app-'));
    const hostJson = options.hostJson ?? {
      version: '2.0',
      ...(options.functionTimeout && { functionTimeout: options.functionTimeout }),
      customHandler: { description: handlerDescription(language), ...options.customHandler },
      ...(options.extensions && { extensions: options.extensions }),
    };
    write(root, 'host.json', hostJson);
    write(
      root,
      'local.settings.json',
      options.localSettings ?? { IsEncrypted: false, Values: { FUNCTIONS_WORKER_RUNTIME: 'custom' } },
    );
    for (const [name, def] of Object.entries(options.functions)) write(root, `${name}/function.json`, def);
    for (const [path, text] of Object.entries(options.files ?? {})) write(root, path, text);
    copyFileSync(join(FIXTURES, 'handlers', 'recorder.cjs'), join(root, 'recorder.cjs'));
    copyFileSync(join(FIXTURES, 'handlers', 'recorder.py'), join(root, 'recorder.py'));
    if (options.responses) write(root, 'responses.json', options.responses);
    const host = createNodeHost({
      appRoot: root,
      port: 0,
      env: { ...process.env },
      enableAuth: options.enableAuth ?? false,
      ...(options.requestHeadersTimeoutMs !== undefined && {
        requestHeadersTimeoutMs: options.requestHeadersTimeoutMs,
      }),
    });
    const app = new TestApp(root, host);
    await host.start();
    if (options.waitForRunning !== false) await app.waitForState('Running');
    return app;
  }

  get port(): number {
    return this.host.frontDoorPort!;
  }

  setResponses(responses: Record<string, Answer>): void {
    write(this.root, 'responses.json', responses);
  }

  requests(): Recorded[] {
    const file = join(this.root, 'requests.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Recorded);
  }

  lastRequest(): Recorded {
    const all = this.requests();
    const last = all[all.length - 1];
    if (!last) throw new Error('the handler received no request');
    return last;
  }

  startup(): { argv: string[]; cwd: string; env: Record<string, string>; pid: number } {
    return JSON.parse(readFileSync(join(this.root, 'startup.json'), 'utf8'));
  }

  /** The last published state of every exchange. */
  exchanges(): Exchange[] {
    return this.host.exchanges.list();
  }

  logs(): string[] {
    return this.events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
  }

  async waitForState(state: string, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(
      () => this.events.some((e) => e.type === 'host.status' && e.state === state),
      timeoutMs,
      `host state ${state}`,
    );
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; logs:\n${this.logs().slice(-20).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  request(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: this.port,
        method,
        path,
        headers: options.headers,
        agent: false,
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.on('error', reject);
      if (options.chunked) {
        req.setHeader('Transfer-Encoding', 'chunked');
        req.write(options.body ?? '');
        req.end();
      } else {
        req.end(options.body);
      }
    });
  }

  async stop(): Promise<void> {
    await this.host.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}

function write(root: string, path: string, content: unknown): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

export const HTTP_IN = { type: 'httpTrigger', direction: 'in', name: 'req' };
export const HTTP_OUT = { type: 'http', direction: 'out', name: 'res' };

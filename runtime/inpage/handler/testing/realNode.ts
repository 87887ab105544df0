import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exchange, runInPage, type Exchange, type Send } from './inPageHarness';

export interface NodeRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Writes `files` under a fresh folder and returns it (the real-Node side of a comparison). */
export function writeApp(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'inpage-diff-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Runs `node entry` to its end and returns what it printed. */
export function runNodeToExit(root: string, entry: string, args: string[] = []): Promise<NodeRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The same app run to its end twice, under real Node and in the page, for a differential test:
 * each run's exit code and what it printed.
 */
export async function runUnderBoth(
  files: Record<string, string>,
  entry = 'handler.js',
): Promise<{ node: NodeRun; page: NodeRun }> {
  const node = await runNodeToExit(writeApp(files), entry);
  const inPage = runInPage(files, { entry: `/app/${entry}` });
  const code = await inPage.exited;
  return { node, page: { code, stdout: inPage.stdout(), stderr: inPage.stderr() } };
}

/** Starts a handler under real Node; it must print `LISTENING <port>` once it listens. */
export async function startNodeServer(
  root: string,
  entry: string,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (data: Buffer) => {
      text += data.toString();
      const match = /LISTENING (\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`node exited ${code}`)));
  });
  return { port, child };
}

/** One exchange with a real Node server over a real socket. */
export async function nodeExchange(port: number, sends: readonly Send[]): Promise<Exchange> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return exchange(
    {
      write: (bytes) => socket.write(bytes),
      onData: (listener) => socket.on('data', listener),
      onEnd: (listener) => socket.on('end', listener),
      destroy: () => socket.destroy(),
    },
    sends,
  );
}

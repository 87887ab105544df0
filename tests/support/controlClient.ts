import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFrame, FrameDecoder } from '../../runtime/core/control/framing';
import type { Command, HostEvent } from '../../runtime/core/control/protocol';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs the host CLI with --control as a real process and speaks the framed protocol to it. */
export class ControlClient {
  readonly events: HostEvent[] = [];
  text = '';
  private readonly child: ChildProcess;
  private readonly decoder = new FrameDecoder();
  decodeErrors: string[] = [];

  constructor(appRoot: string, options: { pty?: boolean } = {}) {
    const cli = [
      process.execPath,
      '--import',
      'tsx',
      join(REPO, 'runtime/node/cli.ts'),
      appRoot,
      '--port',
      '0',
      '--control',
    ];
    const quoted = cli.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    // `script` gives the host a real pseudo-terminal, as a WebContainer process has.
    this.child = options.pty
      ? spawn('script', ['-q', '-e', '-c', quoted, '/dev/null'], {
          cwd: REPO,
          stdio: ['pipe', 'pipe', 'pipe'],
          detached: true,
        })
      : spawn(cli[0]!, cli.slice(1), { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const onData = (chunk: Buffer) => {
      const out = this.decoder.push(chunk.toString('utf8'));
      this.events.push(...(out.messages as HostEvent[]));
      this.text += out.text;
      this.decodeErrors.push(...out.errors);
    };
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', (c: Buffer) => (this.text += c.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves with the host process's exit code. */
  readonly exited: Promise<number | null>;

  /** Closes the host's input, as a controller that went away would. */
  closeInput(): void {
    this.child.stdin!.end();
  }

  send(command: Command | Record<string, unknown>): void {
    this.child.stdin!.write(encodeFrame(command));
  }

  async request(command: Command): Promise<Extract<HostEvent, { type: 'command.result' }>> {
    this.send(command);
    await this.waitFor(() => this.result(command.id) !== undefined, `result of ${command.type}`);
    return this.result(command.id)!;
  }

  result(id: string) {
    return this.events.find(
      (e): e is Extract<HostEvent, { type: 'command.result' }> => e.type === 'command.result' && e.id === id,
    );
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}\n--- output ---\n${this.text.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  stop(): void {
    try {
      process.kill(-this.child.pid!, 'SIGTERM');
    } catch {
      this.child.kill('SIGTERM');
    }
  }
}

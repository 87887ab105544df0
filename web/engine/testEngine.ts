// The scripted in-memory engine for unit tests. The engine a person picks with ?engine=fake is
// DemoEngine (demoEngine.ts), built on this one.
import { encodeFrame, FrameDecoder } from '../../runtime/core/control/framing';
import type { Command, HostEvent } from '../../runtime/core/control/protocol';
import type { Engine, EngineProcess } from './engine';
import { EngineBootError } from './engine';
import type { BootFailureReason } from './engine';

/** Answers a command the way a scripted host would; return the command's result. */
export type FakeHostScript = (command: Command, host: FakeHostProcess) => unknown;

/** An in-memory host process that speaks the control protocol, for unit tests of the UI logic. */
export class FakeHostProcess implements EngineProcess {
  readonly commands: Command[] = [];
  private readonly listeners = new Set<(chunk: string) => void>();
  private readonly backlog: string[] = [];
  private readonly decoder = new FrameDecoder();
  private finish!: (code: number) => void;
  readonly exit = new Promise<number>((resolve) => (this.finish = resolve));
  killed = false;

  constructor(private readonly script: FakeHostScript) {}

  onOutput(listener: (chunk: string) => void): () => void {
    this.listeners.add(listener);
    for (const chunk of this.backlog.splice(0)) listener(chunk);
    return () => this.listeners.delete(listener);
  }

  write(text: string): void {
    for (const message of this.decoder.push(text).messages) {
      const command = message as Command;
      this.commands.push(command);
      let result: unknown;
      try {
        result = this.script(command, this);
      } catch (e) {
        this.emit({ type: 'command.result', id: command.id, ok: false, error: (e as Error).message });
        continue;
      }
      this.emit({
        type: 'command.result',
        id: command.id,
        ok: true,
        ...(result !== undefined && { result }),
      });
    }
  }

  emit(event: HostEvent): void {
    this.output(encodeFrame(event));
  }

  output(chunk: string): void {
    if (this.listeners.size === 0) this.backlog.push(chunk);
    for (const listener of this.listeners) listener(chunk);
  }

  kill(): void {
    this.killed = true;
    this.finish(137);
  }

  exitWith(code: number): void {
    this.finish(code);
  }
}

export class FakeEngine implements Engine {
  readonly kind = 'fake' as const;
  readonly synced: Map<string, string>[] = [];
  readonly processes: FakeHostProcess[] = [];

  constructor(
    private readonly script: FakeHostScript = () => undefined,
    private readonly bootFailure?: { reason: BootFailureReason; message: string },
  ) {}

  async boot(): Promise<void> {
    if (this.bootFailure) throw new EngineBootError(this.bootFailure.reason, this.bootFailure.message);
  }

  async syncFiles(files: ReadonlyMap<string, string>): Promise<void> {
    this.synced.push(new Map(files));
  }

  async startHost(): Promise<EngineProcess> {
    const process = new FakeHostProcess(this.script);
    this.processes.push(process);
    return process;
  }

  async dispose(): Promise<void> {
    for (const p of this.processes) p.kill();
  }
}

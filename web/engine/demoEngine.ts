import type { FunctionInfo } from '../../runtime/core/control/protocol';
import type { EngineProcess } from './engine';
import { FakeEngine } from './testEngine';
import type { FakeHostProcess } from './testEngine';
import { declaredTrigger } from '../files/triggerOf';

/** The functions a set of app files declares, as a host would list them (without checking them). */
export function declaredFunctions(files: ReadonlyMap<string, string> | undefined): FunctionInfo[] {
  const out: FunctionInfo[] = [];
  for (const [path, text] of files ?? []) {
    const match = /^([^/]+)\/function\.json$/.exec(path);
    const trigger = match && declaredTrigger(text);
    if (match && trigger) out.push({ name: match[1]!, trigger, disabled: false });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The in-memory fake engine, for `?engine=fake`: nothing runs, but it says so in the terminal,
 * reports a running host with the functions the files declare, and answers every command, so
 * the page can be looked at and driven without a runtime.
 */
export class DemoEngine extends FakeEngine {
  constructor() {
    super((command, host) => {
      if (command.type === 'http.request') return { status: 200 };
      if (command.type === 'app.reload' || command.type === 'handler.restart') this.announce(host);
      return undefined;
    });
  }

  override async startHost(): Promise<EngineProcess> {
    const process = (await super.startHost()) as FakeHostProcess;
    process.output(
      '\u001b[33m[fake engine] Nothing runs here: this engine only answers the page.\u001b[0m\r\n',
    );
    this.announce(process);
    return process;
  }

  private announce(host: FakeHostProcess): void {
    host.emit({ type: 'host.status', state: 'Running', handler: { state: 'ready' }, errors: [] });
    host.emit({ type: 'functions', functions: declaredFunctions(this.synced.at(-1)), diagnostics: [] });
  }
}

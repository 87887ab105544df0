import { requestSend } from '../triggers/sendShortcut';
import type { ExampleMeta } from '../examples/exampleMeta';
import { applyTriggerStart, triggerStartFor } from '../examples/exampleStart';
import type { FunctionTemplate } from '../files/templates';
import { appendNote, handlerPathOf, newFunction } from '../files/templates';
import { isWithin } from '../files/tree';
import type { PlaygroundSession, Stores } from '../session/session';
import type { ChangeKind } from '../stores/filesStore';
import { changeKindOf } from '../stores/filesStore';

/** What the UI asks of the playground; each action reports its own failures to the terminal. */
export interface PlaygroundActions {
  /** Loads a bundled example, fills the composer for it and restarts the host on it. */
  openExample(name: string): Promise<void>;
  /** Starts the engine the first time; afterwards restarts the host. */
  runOrRestart(): Promise<void>;
  save(path: string): Promise<void>;
  saveAll(): Promise<void>;
  /** Sends the HTTP composer's request. */
  send(): Promise<void>;
  /** Each returns a problem to show, or undefined when done. */
  createFile(path: string): string | undefined;
  addFunction(name: string, template: FunctionTemplate): string | undefined;
  rename(from: string, to: string): string | undefined;
  remove(path: string): void;
  report(error: unknown): void;
}

export interface ActionsOptions {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
  /** Called after an example opened, e.g. to put it in the URL. */
  readonly onExampleOpened?: (name: string) => void;
  /** An example's playground.json: the trigger it opens on. */
  readonly exampleMeta?: (name: string) => ExampleMeta | undefined;
}

/** The file a freshly opened app shows: its handler script, else its first function.json. */
export function fileToOpen(files: Readonly<Record<string, string>>): string | undefined {
  return (
    handlerPathOf(files) ??
    (files['handler.js'] !== undefined ? 'handler.js' : undefined) ??
    Object.keys(files)
      .filter((p) => p.endsWith('function.json'))
      .sort()[0]
  );
}

function kindsOf(paths: readonly string[]): ChangeKind[] {
  return [...new Set(paths.map(changeKindOf))];
}

export function createActions({
  stores,
  session,
  loadExample,
  onExampleOpened,
  exampleMeta,
}: ActionsOptions): PlaygroundActions {
  const report = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    stores.terminal.getState().write(`\r\n\u001b[33m[playground] ${message}\u001b[0m\r\n`);
  };
  const apply = (kinds: readonly ChangeKind[]) => void session.apply(kinds).catch(report);

  return {
    async openExample(name) {
      try {
        const files = await loadExample(name);
        stores.files.getState().load(files, name, fileToOpen(files));
        applyTriggerStart(stores.triggers, triggerStartFor(name, files, exampleMeta?.(name)));
        stores.exchanges.getState().clear();
        stores.terminal
          .getState()
          .write(`\r\n\u001b[36m[playground] Opened the '${name}' example.\u001b[0m\r\n`);
        onExampleOpened?.(name);
        const phase = stores.runtime.getState().engine.phase;
        if (phase !== 'idle' && phase !== 'failed') await session.restart();
      } catch (e) {
        report(e);
      }
    },
    async runOrRestart() {
      const phase = stores.runtime.getState().engine.phase;
      try {
        if (phase === 'idle') await session.start();
        else if (phase !== 'failed') await session.restart();
      } catch (e) {
        report(e);
      }
    },
    save: (path) => session.save(path).catch(report),
    saveAll: () => session.save().catch(report),
    async send() {
      try {
        // The composer, when mounted, sends as if its button were pressed (status line, path clean-up).
        if (typeof window !== 'undefined' && requestSend(window)) return;
        await session.sendRequest(stores.triggers.getState().composer);
      } catch (e) {
        report(e);
      }
    },
    createFile(path) {
      const problem = stores.files.getState().create(path);
      if (!problem) apply([changeKindOf(path)]);
      return problem;
    },
    addFunction(name, template) {
      const files = stores.files.getState();
      const made = newFunction(name, template, files.files);
      if (!made.ok) return made.error;
      if (made.handler) {
        const { path, comment } = made.handler;
        const draft = files.drafts[path];
        files.open(path);
        // Unsaved edits stay unsaved: the note goes at the end of the draft.
        files.edit(path, appendNote(draft ?? files.files[path] ?? '', comment));
        if (draft === undefined) files.save(path);
      }
      const problem = files.create(made.functionJson.path, made.functionJson.text);
      if (problem) return problem;
      apply(['config']);
      return undefined;
    },
    rename(from, to) {
      if (from === to) return undefined;
      const files = stores.files.getState();
      const paths = Object.keys(files.files);
      if (paths.some((p) => isWithin(p, to) && !isWithin(p, from))) return `'${to}' already exists.`;
      const moving = paths.filter((p) => isWithin(p, from));
      const problem = files.rename(from, to);
      if (problem) return problem;
      apply(kindsOf([...moving, ...moving.map((p) => to + p.slice(from.length))]));
      return undefined;
    },
    remove(path) {
      const files = stores.files.getState();
      const removed = Object.keys(files.files).filter((p) => isWithin(p, path));
      files.remove(path);
      if (removed.length > 0) apply(kindsOf(removed));
    },
    report,
  };
}

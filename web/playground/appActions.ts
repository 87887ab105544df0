import { applyTriggerStart, triggerStartFor } from '../examples/exampleStart';
import type { ExampleInfo } from '../examples/examples';
import type { SharedState } from '../share/shareState';
import type { PlaygroundSession, Stores } from '../session/session';
import type { ImportResult } from '../transfer/importApp';
import type { LayoutStore } from '../shell/layoutStore';
import type { LazyModules } from './lazy/modules';
import type { PlaygroundActions } from './playgroundActions';
import { fileToOpen } from './playgroundActions';
import type { RunGate } from './runGate';
import { needsConfirmation } from './runGate';
import { applySharedState, sharedStateFrom } from './sharedStateMapping';
import type { AppOrigin, ConfirmReason, UiStore } from '../shell/uiStore';
import type { WorkActions } from './workActions';

/**
 * What the page does around the editor: open apps from links, share files, zips and folders;
 * download them; share them; and run only what the person agreed to run.
 */
export interface AppActions {
  /**
   * Run or Restart. While code from a link is held back it asks first, and resolves once the
   * person has answered (and the run has started, if they said yes).
   */
  run(): Promise<void>;
  /** The answer to "Run it?". */
  confirmRun(run: boolean): Promise<void>;
  /** Opens a bundled example (after asking when the work differs from its example). */
  openExample(name: string): Promise<void>;
  /** Puts the example's own files back (after asking). */
  resetToExample(): Promise<void>;
  /** Loads a shared state; with the local engine it waits for the person to confirm before it runs. */
  openShared(state: SharedState, via: ConfirmReason, options?: { readonly askNow?: boolean }): Promise<void>;
  /** A share link pasted into the address bar of an open page (only the hash changed). */
  openLink(search: string, hash: string): Promise<void>;
  /** A `.fchp.json` share file, picked or dropped. */
  openShareFile(file: File): Promise<void>;
  /** A zip, folder or drop that was read; shows what was left out, or why nothing was loaded. */
  openImported(result: Promise<ImportResult>): Promise<void>;
  /** The files as the editor shows them (unsaved changes included, as Share does) as a zip named after the app. */
  downloadZip(): Promise<void>;
  /** The state a share link carries. */
  sharedState(): SharedState;
  /**
   * The full playground with this app in it, for an embed's "Open in the full playground": the
   * share link for the current state (unsaved changes included) on `fullUrl`. When the state
   * cannot go in a link (not shareable, or the link would be too long) it is `fullUrl` itself,
   * and a note says that the edits were not carried. Never rejects.
   */
  fullPlaygroundLink(fullUrl: string): Promise<string>;
  /** The share link for the current state on `href`, or why there can be none. Never rejects. */
  linkCarryingWork(href: string): Promise<{ ok: true; url: string } | { ok: false; reason: string }>;
  /** Whether replacing the app is fine: true, or the person agreed to lose the unsaved changes. */
  mayReplace(what: string): boolean;
}

/** Changes to the page's address that follow what is open (an example by name, or nothing). */
export interface AddressChange {
  /** The example to name in `?example=`, or null to remove it. */
  readonly example: string | null;
  /** Removes the hash (a share link) from the address. */
  readonly clearHash: boolean;
  /** A new history entry (another app), rather than replacing this one. */
  readonly push?: boolean;
}

export interface AppActionsOptions {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly base: PlaygroundActions;
  readonly ui: UiStore;
  readonly layout: LayoutStore;
  readonly gate: RunGate;
  readonly examples: readonly ExampleInfo[];
  readonly modules: LazyModules;
  /** Asks a yes/no question (window.confirm in the page). */
  readonly confirm: (question: string) => boolean;
  readonly setAddress: (change: AddressChange) => void;
  readonly download: (bytes: Uint8Array, name: string, type: string) => void;
  /** Switching examples, Reset to example, history entries (workActions.ts). */
  readonly work: WorkActions;
  /** Told which share link the app came from, so reloading that address restores the work. */
  readonly onLinkOpened?: (hash: string | undefined) => void;
}

/** Said when the local engine holds code from a link back while a host was running. */
export const HELD_MESSAGE = 'Not running: the shared app waits for your go-ahead. Press Run.';

/** The question before replacing an app with unsaved changes. */
export function replaceQuestion(unsaved: number, what: string): string {
  return `Opening ${what} replaces the app's files; ${unsaved} file${unsaved === 1 ? ' has' : 's have'} unsaved changes. Open it anyway?`;
}

/** Largest share file read at all; the reader has its own, smaller limit on characters. */
const MAX_SHARE_FILE_BYTES = 32 * 1024 * 1024;

export function createAppActions(options: AppActionsOptions): AppActions {
  const { stores, session, base, ui, layout, gate, examples, modules, confirm, setAddress } = options;
  const terminal = () => stores.terminal.getState();
  const say = (text: string) => terminal().write(`\r\n\u001b[36m[playground] ${text}\u001b[0m\r\n`);
  const isExample = (name: string | undefined) => name !== undefined && examples.some((e) => e.name === name);
  let heldVia: ConfirmReason = 'link';
  /** Runs waiting for the answer to "Run it?". */
  let waiting: (() => void)[] = [];
  const answered = () => {
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  // The question can also go away without an answer (another app was opened): nobody waits for it.
  let answering = false;
  ui.subscribe((next, previous) => {
    if (previous.confirm !== undefined && next.confirm === undefined && !answering) answered();
  });

  const running = () => {
    const phase = stores.runtime.getState().engine.phase;
    return phase !== 'idle' && phase !== 'failed';
  };

  const mayReplace = (what: string) => {
    const unsaved = Object.keys(stores.files.getState().drafts).length;
    return unsaved === 0 || confirm(replaceQuestion(unsaved, what));
  };

  const actions: AppActions = {
    async run() {
      ui.getState().setAwaitingClick(false);
      if (gate.held) {
        ui.getState().askConfirm(heldVia);
        return new Promise<void>((resolve) => waiting.push(resolve));
      }
      await base.runOrRestart();
    },

    async confirmRun(run) {
      const via = ui.getState().confirm ?? heldVia;
      answering = true;
      ui.getState().askConfirm(undefined);
      answering = false;
      if (!run) {
        say(
          `The app from the share ${via} is loaded but not running. Read and edit it; press Run when you want it to run.`,
        );
        answered();
        return;
      }
      gate.release();
      await base.runOrRestart();
      answered();
    },

    openExample: (name) => options.work.openExample(name),
    resetToExample: () => options.work.resetToExample(),

    async openShared(state, via, { askNow = true } = {}) {
      const hold = needsConfirmation(stores.runtime.getState().engineKind);
      if (hold) {
        gate.hold();
        heldVia = via;
      } else {
        gate.release();
      }
      const example = isExample(state.example) ? state.example : undefined;
      applySharedState(
        state,
        { files: stores.files, triggers: stores.triggers, layout },
        state.example ?? 'shared',
      );
      stores.exchanges.getState().clear();
      ui.getState().setOrigin({
        kind: via,
        name: state.example ?? 'shared',
        ...(example !== undefined && { example }),
      });
      ui.getState().setLinkError(undefined);
      say(`Opened the app from the share ${via}.`);
      if (!hold) {
        if (running()) await session.restart().catch(base.report);
        return;
      }
      if (running()) {
        // Stop the previous app's host: the held engine starts none, so nothing runs until a yes.
        await session.restart().catch(() => undefined);
        stores.runtime.getState().setEngine({ phase: 'stopped', message: HELD_MESSAGE });
        // The stopped host's last status and functions belong to the previous app.
        stores.runtime.setState({ host: undefined, functions: [], diagnostics: [] });
      }
      if (askNow) ui.getState().askConfirm(via);
    },

    async openLink(search, hash) {
      if (hash === '' || hash === '#') return;
      let request;
      try {
        request = (await modules.share()).readShareRequest(search, hash);
      } catch (e) {
        base.report(e);
        return;
      }
      if (request.kind === 'error') {
        ui.getState().setLinkError(`${request.error} Nothing from the link was loaded.`);
        return;
      }
      if (request.kind !== 'state') return;
      if (!mayReplace('the shared app')) return;
      await actions.openShared(request.state, 'link');
      options.onLinkOpened?.(hash);
    },

    async openShareFile(file) {
      const fail = (error: string) =>
        ui.getState().setNote({ tone: 'error', title: `'${file.name}' was not opened`, lines: [error] });
      if (file.size > MAX_SHARE_FILE_BYTES) {
        fail('This share file is too large to open.');
        return;
      }
      let result;
      try {
        const [text, share] = await Promise.all([file.text(), modules.share()]);
        result = share.readSharedStateFile(text);
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
        return;
      }
      if (!result.ok) {
        fail(`${result.error} Nothing was loaded.`);
        return;
      }
      if (!mayReplace(`'${file.name}'`)) return;
      ui.getState().setNote(undefined);
      setAddress({ example: null, clearHash: true });
      await actions.openShared(result.state, 'file');
      options.onLinkOpened?.(undefined);
    },

    async openImported(pending) {
      let result: ImportResult;
      try {
        result = await pending;
      } catch (e) {
        result = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      if (!result.ok) {
        ui.getState().setNote({ tone: 'error', title: 'Nothing was opened', lines: [result.error] });
        return;
      }
      const { files, name, warnings, skipped } = result;
      if (!mayReplace(`'${name}'`)) return;
      stores.files.getState().load(files, name, fileToOpen(files));
      applyTriggerStart(stores.triggers, triggerStartFor(name, files, undefined));
      stores.exchanges.getState().clear();
      loadedTrusted(ui, gate, { kind: 'import', name });
      setAddress({ example: null, clearHash: true });
      options.onLinkOpened?.(undefined);
      const count = Object.keys(files).length;
      // The warnings name most of what was skipped already; list only the rest.
      const unmentioned = skipped.filter((path) => !warnings.some((w) => w.includes(path)));
      say(`Opened '${name}' (${count} file${count === 1 ? '' : 's'}).`);
      ui.getState().setNote(
        warnings.length > 0 || unmentioned.length > 0
          ? {
              tone: 'warning',
              title: `Opened '${name}'`,
              lines: [
                ...warnings,
                ...(unmentioned.length > 0 ? [`Not loaded: ${unmentioned.join(', ')}.`] : []),
              ],
            }
          : undefined,
      );
      if (running()) await session.restart().catch(base.report);
    },

    async downloadZip() {
      // As Share does: the files as the editor shows them, unsaved changes included.
      const { files, drafts } = stores.files.getState();
      const name = ui.getState().origin.name;
      try {
        const transfer = await modules.transfer();
        const bytes = transfer.exportAppZip({ ...files, ...drafts }, { name });
        options.download(bytes, transfer.zipFileName(name), 'application/zip');
      } catch (e) {
        ui.getState().setNote({
          tone: 'error',
          title: 'The zip could not be made',
          lines: [e instanceof Error ? e.message : String(e)],
        });
        return;
      }
    },

    sharedState() {
      return sharedStateFrom(
        { files: stores.files, triggers: stores.triggers, layout },
        ui.getState().origin.example,
      );
    },

    async fullPlaygroundLink(fullUrl) {
      // Taken at the click: what the person saw is what opens.
      const link = await actions.linkCarryingWork(fullUrl);
      if (link.ok) return link.url;
      ui.getState().setNote({
        tone: 'warning',
        title: 'Your edits were not carried to the full playground',
        lines: [`${link.reason} The full playground opens the app as this page first loaded it.`],
      });
      return fullUrl;
    },

    async linkCarryingWork(href) {
      const state = actions.sharedState();
      let share;
      try {
        share = await modules.share();
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        return { ok: false, reason: `The code that builds share links could not be loaded (${reason}).` };
      }
      const problem = share.checkShareable(state);
      if (problem) return { ok: false, reason: problem };
      let url;
      try {
        url = share.shareUrl(href, share.encodeShareFragment(state));
      } catch (e) {
        return { ok: false, reason: e instanceof Error ? e.message : String(e) };
      }
      if (share.shareLinkStatus(url) === 'too-long') {
        return {
          ok: false,
          reason: `A link holding this app would be too long (${url.length.toLocaleString('en')} characters; the limit is ${share.SHARE_LINK_WARN_LENGTH.toLocaleString('en')}).`,
        };
      }
      return { ok: true, url };
    },

    mayReplace,
  };
  return actions;
}

/**
 * After a trusted app (a bundled example, the person's own zip or folder) replaced everything:
 * nothing is held back any more, and an old link's error no longer applies.
 */
export function loadedTrusted(ui: UiStore, gate: RunGate, origin: AppOrigin): void {
  gate.release();
  ui.getState().askConfirm(undefined);
  ui.getState().setOrigin(origin);
  ui.getState().setLinkError(undefined);
}

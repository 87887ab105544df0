import type { PlaygroundSession, Stores } from '../session/session';
import type { UiStore } from '../shell/uiStore';
import type { WorkPersistence } from '../stores/persistence/workPersistence';
import { workIdOf } from '../stores/persistence/workPersistence';
import type { WorkSnapshot } from '../stores/persistence/workSnapshot';
import { applyWork, differsFrom } from '../stores/persistence/workSnapshot';
import type { AddressChange } from './appActions';
import { HELD_MESSAGE } from './appActions';
import type { PlaygroundActions } from './playgroundActions';
import type { RunGate } from './runGate';
import { needsConfirmation } from './runGate';

/**
 * Moving between apps without losing one: switching examples asks when the work differs from its
 * example and opens the new one in a new history entry (Back brings the old work back); "Reset
 * to example" is the one deliberate way to drop changes.
 */
export interface WorkActions {
  /** Asks first when the work differs from its example; then opens `name` in a new history entry. */
  openExample(name: string): Promise<void>;
  /** Puts the example's own files back, after asking when there is something to lose. */
  resetToExample(): Promise<void>;
  /** Puts restored work into the page; code from a link stays held back for the local engine. */
  restoreWork(work: WorkSnapshot): void;
  /** Back or Forward landed on another entry: its work, or the example its address names. */
  openHistoryEntry(state: unknown, search: string): Promise<void>;
}

export interface WorkActionsOptions {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly ui: UiStore;
  readonly gate: RunGate;
  readonly base: PlaygroundActions;
  readonly persistence?: WorkPersistence | undefined;
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
  readonly isExample: (name: string | undefined) => boolean;
  readonly defaultExample: string;
  readonly confirm: (question: string) => boolean;
  readonly setAddress: (change: AddressChange) => void;
}

/** The question before leaving work that differs from its example. */
export function leaveQuestion(app: string, what: string, kept: boolean): string {
  return kept
    ? `'${app}' differs from the example. Open ${what}? Your work stays in this tab's history: Back returns to it.`
    : `'${app}' differs from the example. Open ${what} and lose those changes?`;
}

export function resetQuestion(example: string): string {
  return `Put back the files of the '${example}' example? Every change to them, saved or not, is lost.`;
}

export function createWorkActions(options: WorkActionsOptions): WorkActions {
  const { stores, session, ui, gate, base, persistence, confirm } = options;
  const running = () => {
    const phase = stores.runtime.getState().engine.phase;
    return phase !== 'idle' && phase !== 'failed';
  };

  /** Whether the files (saved and unsaved) differ from the example the app is. */
  const differs = async (): Promise<boolean> => {
    const current = stores.files.getState();
    const example = ui.getState().origin.example;
    if (!options.isExample(example)) return Object.keys(current.files).length > 0;
    try {
      return differsFrom(current, await options.loadExample(example!));
    } catch {
      return Object.keys(current.drafts).length > 0;
    }
  };

  const actions: WorkActions = {
    async openExample(name) {
      const app = ui.getState().origin.name;
      if ((await differs()) && !confirm(leaveQuestion(app, `'${name}'`, persistence !== undefined))) return;
      if (persistence) {
        await persistence.beginNew();
        options.setAddress({ example: name, clearHash: true, push: true });
      }
      await base.openExample(name);
    },

    async resetToExample() {
      const example = ui.getState().origin.example;
      if (!options.isExample(example)) return;
      if ((await differs()) && !confirm(resetQuestion(example!))) return;
      await base.openExample(example!);
    },

    restoreWork(work) {
      applyWork(work, { files: stores.files, triggers: stores.triggers, ui });
      stores.exchanges.getState().clear();
      ui.getState().askConfirm(undefined);
      ui.getState().setLinkError(undefined);
      const shared = work.origin.kind === 'link' || work.origin.kind === 'file';
      if (shared && needsConfirmation(stores.runtime.getState().engineKind)) gate.hold();
      else gate.release();
    },

    async openHistoryEntry(state, search) {
      if (!persistence) return;
      const target = workIdOf(state);
      // An entry this page did not make (a share link's hash): hashchange opens it.
      if (target === undefined || target === persistence.id) return;
      const work = await persistence.switchTo(target);
      if (!work) {
        const name = new URLSearchParams(search).get('example');
        await base.openExample(name !== null && options.isExample(name) ? name : options.defaultExample);
        return;
      }
      actions.restoreWork(work);
      if (gate.held) {
        if (running()) {
          // As for a link opened in a running page: the previous app's host stops, nothing new runs.
          await session.restart().catch(() => undefined);
          stores.runtime.getState().setEngine({ phase: 'stopped', message: HELD_MESSAGE });
          stores.runtime.setState({ host: undefined, functions: [], diagnostics: [] });
        }
        ui.getState().askConfirm(work.origin.kind === 'file' ? 'file' : 'link');
        return;
      }
      if (running()) await session.restart().catch(base.report);
    },
  };
  return actions;
}

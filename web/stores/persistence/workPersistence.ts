import type { Claims } from './tabClaims';
import type { KeyValueStorage } from './workStorage';
import { loadWork, newWorkId, readIndex, saveWork } from './workStorage';
import type { WorkSnapshot, WorkStores } from './workSnapshot';
import { captureWork } from './workSnapshot';

/**
 * Keeps the work as the person types, and brings it back. Each history entry of a tab names its
 * workspace in `history.state`, so a reload, Back after switching examples, and a tab reopened
 * with Ctrl+Shift+T each find their own work; a fresh tab adopts the newest workspace no open tab
 * holds (a closed tab's). Each tab writes only the workspace it holds (tabClaims.ts), so two tabs
 * never overwrite each other.
 */

export interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

/** What the address asks to open (startup.ts reads it): the work restored must fit it. */
export type StartKind =
  | { readonly kind: 'none' }
  | { readonly kind: 'example'; readonly name: string }
  | { readonly kind: 'state'; readonly hash: string }
  | { readonly kind: 'error' };

export interface WorkPersistenceOptions {
  readonly storage: KeyValueStorage;
  readonly claims: Claims;
  readonly stores: WorkStores;
  readonly history: HistoryLike;
  /** Where pagehide and visibilitychange come from: a last save as the tab goes away. */
  readonly page?: Pick<Window, 'addEventListener'> & { readonly document: Pick<Document, 'visibilityState'> };
  readonly now?: () => number;
  readonly debounceMs?: number;
  /** Told once when storage refuses the work (full, or blocked). */
  readonly onProblem?: (message: string) => void;
}

export type WorkPersistence = ReturnType<typeof createWorkPersistence>;

/** The key in `history.state` that names an entry's workspace. */
export const HISTORY_KEY = 'fchpWork';

export function workIdOf(state: unknown): string | undefined {
  const id =
    typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[HISTORY_KEY] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A tab being reloaded may still hold its workspace for a moment; a duplicated tab holds it for good. */
const RELOAD_GRACE_MS = 1500;

function fits(work: WorkSnapshot, start: StartKind): boolean {
  switch (start.kind) {
    case 'none':
      return true;
    case 'example':
      return work.origin.example === start.name || work.source === start.name;
    case 'state':
      return work.link === start.hash;
    case 'error':
      return false;
  }
}

export function createWorkPersistence(options: WorkPersistenceOptions) {
  const { storage, claims, stores, history } = options;
  const now = options.now ?? Date.now;
  const debounceMs = options.debounceMs ?? 250;
  let id: string | undefined;
  let link: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  let reported = false;

  const markHistory = () => {
    const state = typeof history.state === 'object' && history.state !== null ? history.state : {};
    history.replaceState({ ...state, [HISTORY_KEY]: id }, '');
  };

  const save = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (id === undefined || !started) return;
    const problem = saveWork(storage, id, captureWork(stores, now(), link));
    if (problem && !reported) {
      reported = true;
      options.onProblem?.(problem);
    }
  };
  const schedule = () => {
    if (!started) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };

  /**
   * A fresh workspace for this tab, held from now on. Its id is new, so no other tab can hold
   * it: the claim is not waited for (a lock's round trip through the browser is tens of
   * milliseconds at page open, and the runtime starts after this).
   */
  const takeNew = () => {
    id = newWorkId();
    link = undefined;
    void claims.claim(id);
  };

  return {
    get id(): string | undefined {
      return id;
    },

    /**
     * The work to restore for what the address asks, claimed for this tab; undefined when the page
     * should open what the address asks instead (then this tab gets a fresh workspace).
     */
    async restore(start: StartKind): Promise<WorkSnapshot | undefined> {
      const own = workIdOf(history.state);
      if (own !== undefined) {
        const work = loadWork(storage, own);
        if (work && fits(work, start)) {
          // Held elsewhere: this tab was duplicated. It gets a copy, and the original stays theirs.
          if (await claims.claim(own, RELOAD_GRACE_MS)) id = own;
          else takeNew();
          link = work.link;
          markHistory();
          return work;
        }
      } else if (start.kind === 'none' || start.kind === 'example') {
        for (const entry of readIndex(storage)) {
          if (start.kind === 'example' && entry.example !== start.name) continue;
          const work = loadWork(storage, entry.id);
          if (!work || !fits(work, start)) continue;
          if (!(await claims.claim(entry.id))) continue;
          id = entry.id;
          link = work.link;
          markHistory();
          return work;
        }
      }
      takeNew();
      markHistory();
      return undefined;
    },

    /** Starts saving as the stores change. */
    start(): () => void {
      started = true;
      const unsubscribe = [
        stores.files.subscribe(schedule),
        // The queues, timers and clock change with every host event; only what the person set counts.
        stores.triggers.subscribe((next, previous) => {
          if (
            next.composer !== previous.composer ||
            next.recent !== previous.recent ||
            next.tab !== previous.tab ||
            next.queueDraft !== previous.queueDraft
          )
            schedule();
        }),
        stores.ui.subscribe((next, previous) => {
          if (next.origin !== previous.origin) schedule();
        }),
      ];
      const page = options.page;
      if (page) {
        page.addEventListener('pagehide', save);
        page.addEventListener('visibilitychange', () => {
          if (page.document.visibilityState === 'hidden') save();
        });
      }
      save();
      return () => {
        for (const off of unsubscribe) off();
      };
    },

    /** Saves now (before the page changes what this workspace is). */
    flush: save,

    /** The share link the app was just opened from: reloading that address restores this work. */
    setLink(hash: string | undefined) {
      link = hash;
      schedule();
    },

    /** Keeps the current work where it is and moves this tab to a fresh workspace (a new history entry). */
    async beginNew(): Promise<void> {
      save();
      if (id !== undefined) claims.release(id);
      takeNew();
    },

    /**
     * Moves this tab to a history entry's workspace: its work, or undefined when it is gone (the
     * page then opens what the entry's address says, into a fresh workspace).
     */
    async switchTo(target: string | undefined): Promise<WorkSnapshot | undefined> {
      save();
      if (id !== undefined && id !== target) claims.release(id);
      const work = target === undefined ? undefined : loadWork(storage, target);
      if (work && target !== undefined && (await claims.claim(target))) {
        id = target;
        link = work.link;
      } else {
        takeNew();
        link = work?.link;
      }
      markHistory();
      return work;
    },
  };
}

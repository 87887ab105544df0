import type { QueueDraft, TriggerTab } from '../../examples/exampleMeta';
import type { AppOrigin, UiStore } from '../../shell/uiStore';
import type { FilesStore } from '../filesStore';
import type { ComposedRequest, TriggersStore } from '../triggersStore';

/**
 * Everything a person would be sorry to lose, as one JSON-able value: the files saved and unsaved,
 * the tabs, the composer, the recent requests, the enqueue form, the trigger tab and where the app
 * came from. A reload or a reopened tab puts it back.
 */
export interface WorkSnapshot {
  readonly v: 1;
  readonly savedAt: number;
  readonly files: Readonly<Record<string, string>>;
  readonly drafts: Readonly<Record<string, string>>;
  readonly openTabs: readonly string[];
  readonly active?: string;
  readonly source?: string;
  readonly origin: AppOrigin;
  readonly composer: ComposedRequest;
  readonly recent: readonly ComposedRequest[];
  readonly tab: TriggerTab;
  readonly queueDraft: QueueDraft;
  /** The share link (the address's hash) the app was opened from: reloading that address restores this. */
  readonly link?: string;
}

export interface WorkStores {
  readonly files: FilesStore;
  readonly triggers: TriggersStore;
  readonly ui: UiStore;
}

export function captureWork(stores: WorkStores, savedAt: number, link: string | undefined): WorkSnapshot {
  const { files, drafts, openTabs, active, source } = stores.files.getState();
  const { composer, recent, tab, queueDraft } = stores.triggers.getState();
  return {
    v: 1,
    savedAt,
    files,
    drafts,
    openTabs,
    ...(active !== undefined && { active }),
    ...(source !== undefined && { source }),
    origin: stores.ui.getState().origin,
    composer,
    recent,
    tab,
    queueDraft,
    ...(link !== undefined && { link }),
  };
}

/** Puts a snapshot back into the stores (drafts stay drafts). */
export function applyWork(work: WorkSnapshot, stores: WorkStores): void {
  stores.files.setState({
    files: { ...work.files },
    drafts: { ...work.drafts },
    openTabs: [...work.openTabs],
    active: work.active,
    source: work.source,
  });
  const triggers = stores.triggers.getState();
  triggers.compose(work.composer);
  triggers.setRecent(work.recent);
  triggers.setTab(work.tab);
  triggers.setQueueDraft(work.queueDraft);
  stores.ui.getState().setOrigin(work.origin);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isTextRecord = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.values(v).every((t) => typeof t === 'string');
const isRequest = (v: unknown): v is ComposedRequest =>
  isObject(v) &&
  typeof v.method === 'string' &&
  typeof v.path === 'string' &&
  typeof v.body === 'string' &&
  Array.isArray(v.headers) &&
  v.headers.every((h) => Array.isArray(h) && h.length === 2 && h.every((x) => typeof x === 'string'));
const TABS: readonly unknown[] = ['http', 'queues', 'timers', 'mcp'];
const KINDS: readonly unknown[] = ['example', 'link', 'file', 'import'];

/**
 * A stored snapshot, checked: storage is the page's own, but another version of the playground
 * (or a person in DevTools) may have written it. Anything unexpected reads as nothing stored.
 */
export function readWork(text: string | null): WorkSnapshot | undefined {
  if (text === null) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(v) || v.v !== 1 || typeof v.savedAt !== 'number') return undefined;
  if (!isTextRecord(v.files) || !isTextRecord(v.drafts)) return undefined;
  if (!Array.isArray(v.openTabs) || !v.openTabs.every((p) => typeof p === 'string')) return undefined;
  if (v.active !== undefined && typeof v.active !== 'string') return undefined;
  if (v.source !== undefined && typeof v.source !== 'string') return undefined;
  const origin = v.origin;
  if (!isObject(origin) || !KINDS.includes(origin.kind) || typeof origin.name !== 'string') return undefined;
  if (origin.example !== undefined && typeof origin.example !== 'string') return undefined;
  if (!isRequest(v.composer) || !Array.isArray(v.recent) || !v.recent.every(isRequest)) return undefined;
  if (!TABS.includes(v.tab)) return undefined;
  const draft = v.queueDraft;
  if (!isObject(draft) || typeof draft.queue !== 'string' || typeof draft.text !== 'string') return undefined;
  if (v.link !== undefined && typeof v.link !== 'string') return undefined;
  return v as unknown as WorkSnapshot;
}

/** Whether the work differs from an example's files (saved edits and unsaved ones alike). */
export function differsFrom(
  current: {
    readonly files: Readonly<Record<string, string>>;
    readonly drafts: Readonly<Record<string, string>>;
  },
  example: Readonly<Record<string, string>>,
): boolean {
  const shown = { ...current.files, ...current.drafts };
  const paths = Object.keys(shown);
  if (paths.length !== Object.keys(example).length) return true;
  return paths.some((p) => example[p] !== shown[p]);
}

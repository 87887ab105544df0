import { createStore } from 'zustand/vanilla';

/** What saving a file means for the running app. */
export type ChangeKind = 'config' | 'code';

export interface FilesState {
  /** Saved contents: what the engine runs. */
  readonly files: Readonly<Record<string, string>>;
  /** Unsaved editor contents, by path. */
  readonly drafts: Readonly<Record<string, string>>;
  readonly openTabs: readonly string[];
  readonly active?: string;
  /** The example (or shared app) the files came from. */
  readonly source?: string;
}

export interface FilesActions {
  load(files: Record<string, string>, source: string, open?: string): void;
  edit(path: string, text: string): void;
  /** Saves a draft; returns what kind of change it is, or undefined when nothing changed. */
  save(path: string): ChangeKind | undefined;
  saveAll(): ChangeKind[];
  create(path: string, text?: string): string | undefined;
  rename(from: string, to: string): string | undefined;
  remove(path: string): void;
  open(path: string): void;
  close(path: string): void;
}

export type FilesStore = ReturnType<typeof createFilesStore>;

const CONFIG = /(^|\/)(host\.json|function\.json|local\.settings\.json)$/;

/** host.json, function.json and local.settings.json reload the app; anything else restarts the handler. */
export function changeKindOf(path: string): ChangeKind {
  return CONFIG.test(path) ? 'config' : 'code';
}

/** A safe app-relative path: no `..`, no absolute paths, no empty segments or odd characters. */
export function checkPath(path: string): string | undefined {
  if (path === '' || path.startsWith('/') || path.endsWith('/'))
    return 'A path must name a file inside the app.';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..')
      return `'${path}' has an empty, '.' or '..' segment.`;
    if (!/^[A-Za-z0-9._@ -]+$/.test(segment))
      return `'${segment}' may only use letters, digits, '.', '_', '-', '@' and spaces.`;
  }
  return undefined;
}

export function createFilesStore() {
  return createStore<FilesState & FilesActions>()((set, get) => ({
    files: {},
    drafts: {},
    openTabs: [],
    load(files, source, open) {
      const first = open && files[open] !== undefined ? open : Object.keys(files).sort()[0];
      set({ files: { ...files }, drafts: {}, openTabs: first ? [first] : [], active: first, source });
    },
    edit(path, text) {
      const saved = get().files[path];
      const drafts = { ...get().drafts };
      if (text === saved) delete drafts[path];
      else drafts[path] = text;
      set({ drafts });
    },
    save(path) {
      const draft = get().drafts[path];
      if (draft === undefined) return undefined;
      const drafts = { ...get().drafts };
      delete drafts[path];
      set({ files: { ...get().files, [path]: draft }, drafts });
      return changeKindOf(path);
    },
    saveAll() {
      return Object.keys(get().drafts).flatMap((path) => get().save(path) ?? []);
    },
    create(path, text = '') {
      const problem =
        checkPath(path) ?? (get().files[path] !== undefined ? `'${path}' already exists.` : undefined);
      if (problem) return problem;
      set({ files: { ...get().files, [path]: text } });
      get().open(path);
      return undefined;
    },
    rename(from, to) {
      const { files, drafts, openTabs, active } = get();
      const problem = checkPath(to) ?? (files[to] !== undefined ? `'${to}' already exists.` : undefined);
      if (problem) return problem;
      const moved = (p: string) =>
        p === from ? to : p.startsWith(`${from}/`) ? to + p.slice(from.length) : p;
      const remap = (record: Readonly<Record<string, string>>) =>
        Object.fromEntries(Object.entries(record).map(([p, t]) => [moved(p), t]));
      set({
        files: remap(files),
        drafts: remap(drafts),
        openTabs: openTabs.map(moved),
        ...(active !== undefined && { active: moved(active) }),
      });
      return undefined;
    },
    remove(path) {
      const gone = (p: string) => p === path || p.startsWith(`${path}/`);
      const { files, drafts, openTabs, active } = get();
      const tabs = openTabs.filter((p) => !gone(p));
      set({
        files: Object.fromEntries(Object.entries(files).filter(([p]) => !gone(p))),
        drafts: Object.fromEntries(Object.entries(drafts).filter(([p]) => !gone(p))),
        openTabs: tabs,
        active: active !== undefined && gone(active) ? tabs[tabs.length - 1] : active,
      });
    },
    open(path) {
      const { openTabs } = get();
      set({ openTabs: openTabs.includes(path) ? openTabs : [...openTabs, path], active: path });
    },
    close(path) {
      const { openTabs, active } = get();
      const tabs = openTabs.filter((p) => p !== path);
      set({ openTabs: tabs, active: active === path ? tabs[tabs.length - 1] : active });
    },
  }));
}

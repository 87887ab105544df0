import { createStore } from 'zustand/vanilla';
import { clashProblem, hasFile, pathProblem } from '../files/fileRules';

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

/** The path rule, kept under its old name for callers not yet moved to files/fileRules. */
export const checkPath = pathProblem;

/**
 * Files are keyed by name: every change goes through a Map and back with Object.fromEntries, so a
 * file named `__proto__` or `toString` is an entry like any other, never the object's own machinery.
 */
const asMap = (record: Readonly<Record<string, string>>) => new Map(Object.entries(record));
const asRecord = (map: ReadonlyMap<string, string>) => Object.fromEntries(map) as Record<string, string>;

export function createFilesStore() {
  return createStore<FilesState & FilesActions>()((set, get) => ({
    files: {},
    drafts: {},
    openTabs: [],
    load(files, source, open) {
      const first = open !== undefined && hasFile(files, open) ? open : Object.keys(files).sort()[0];
      set({
        files: asRecord(asMap(files)),
        drafts: {},
        openTabs: first ? [first] : [],
        active: first,
        source,
      });
    },
    edit(path, text) {
      const drafts = asMap(get().drafts);
      if (hasFile(get().files, path) && text === get().files[path]) drafts.delete(path);
      else drafts.set(path, text);
      set({ drafts: asRecord(drafts) });
    },
    save(path) {
      const drafts = asMap(get().drafts);
      const draft = drafts.get(path);
      if (draft === undefined) return undefined;
      drafts.delete(path);
      set({ files: asRecord(asMap(get().files).set(path, draft)), drafts: asRecord(drafts) });
      return changeKindOf(path);
    },
    saveAll() {
      return Object.keys(get().drafts).flatMap((path) => get().save(path) ?? []);
    },
    create(path, text = '') {
      const files = asMap(get().files);
      const problem = pathProblem(path) ?? clashProblem(files.keys(), path);
      if (problem) return problem;
      set({ files: asRecord(files.set(path, text)) });
      get().open(path);
      return undefined;
    },
    rename(from, to) {
      const { files, drafts, openTabs, active } = get();
      const problem = pathProblem(to) ?? clashProblem(Object.keys(files), to, from);
      if (problem) return problem;
      const moved = (p: string) =>
        p === from ? to : p.startsWith(`${from}/`) ? to + p.slice(from.length) : p;
      const remap = (record: Readonly<Record<string, string>>) =>
        asRecord(new Map([...asMap(record)].map(([p, t]) => [moved(p), t])));
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

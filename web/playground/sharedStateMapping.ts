import type { SharedState } from '../share/shareState';
import { fileToOpen } from './playgroundActions';
import type { FilesStore } from '../stores/filesStore';
import type { TriggersStore } from '../stores/triggersStore';
import type { LayoutSizes, LayoutStore, Pane } from '../shell/layoutStore';
import { DEFAULT_LAYOUT } from '../shell/layoutStore';

/**
 * Between the stores and a share link's state: what Share puts in a link, and what opening one
 * puts back. Only types come from web/share, so this stays out of the first-load bundle.
 */

const PANES = Object.keys(DEFAULT_LAYOUT) as Pane[];

export interface ShareSources {
  readonly files: FilesStore;
  readonly triggers: TriggersStore;
  readonly layout: LayoutStore;
}

/**
 * The state to share: every file as the editor shows it (unsaved changes included, since that is
 * what the person sees), the tabs, the composer, the recent requests, the example and the sizes.
 */
export function sharedStateFrom(sources: ShareSources, example: string | undefined): SharedState {
  const { files, drafts, openTabs, active } = sources.files.getState();
  const all = { ...files, ...drafts };
  const has = (path: string) => Object.hasOwn(all, path);
  const { composer, recent } = sources.triggers.getState();
  const sizes = sources.layout.getState();
  const layout: Record<string, number> = {};
  for (const pane of PANES) layout[pane] = sizes[pane];
  return {
    files: all,
    ...(active !== undefined && has(active) && { activeFile: active }),
    openTabs: openTabs.filter(has),
    composer,
    ...(recent.length > 0 && { recent }),
    ...(example !== undefined && { example }),
    layout,
  };
}

/** The pane sizes a shared state asks for, clamped, and only the panes this page has. */
export function sharedLayout(state: SharedState): Partial<LayoutSizes> {
  const sizes: Partial<Record<Pane, number>> = {};
  for (const pane of PANES) {
    const size = state.layout?.[pane];
    if (typeof size === 'number' && Number.isFinite(size)) sizes[pane] = size;
  }
  return sizes;
}

/**
 * Puts a shared state into the stores in one go: the files (all saved), the tabs in order with
 * the active one (the first tab, or the file an opened app shows, when the link names none), the composer, the recent requests and the sizes (through the clamping setter).
 * `source` names the app in the files store.
 */
export function applySharedState(state: SharedState, targets: ShareSources, source: string): void {
  const files = targets.files.getState();
  files.load({ ...state.files }, source);
  const tabs = state.openTabs.filter((p) => Object.hasOwn(state.files, p));
  // A link need not name the active file; an empty editor beside the app's files helps nobody.
  const active =
    state.activeFile !== undefined && Object.hasOwn(state.files, state.activeFile)
      ? state.activeFile
      : (tabs[0] ?? fileToOpen(state.files) ?? Object.keys(state.files).sort()[0]);
  if (active !== undefined && !tabs.includes(active)) tabs.push(active);
  targets.files.setState({ openTabs: tabs, active });
  const triggers = targets.triggers.getState();
  triggers.compose(state.composer);
  triggers.setRecent(state.recent ?? []);
  const layout = targets.layout.getState();
  for (const [pane, size] of Object.entries(sharedLayout(state)) as [Pane, number][])
    layout.resize(pane, size);
}

import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { hasFile } from '../files/fileRules';
import type { FilesStore } from '../stores/filesStore';
import type { PlaygroundActions } from '../playground/playgroundActions';
import { shortcutLabel } from './shortcuts';
import { tabLabels } from './tabLabels';
import '../styles/marks.css';
import './editorTabs.css';

export interface EditorTabsProps {
  readonly files: FilesStore;
  readonly actions: PlaygroundActions;
  readonly mac: boolean;
}

/** The editor below the tabs, which every tab controls. */
export const EDITOR_PANEL_ID = 'editor-panel';

/** A tab's id, from its place in the list (paths may hold any character). */
export const editorTabId = (index: number) => `editor-tab-${index}`;

/**
 * The open files, with a dot for unsaved changes, a close button each, and Save. A tab list as
 * the WAI-ARIA practices describe it: one tab in the Tab order, arrow keys, Home and End move,
 * Delete closes; the close buttons are for the mouse (a tab list holds only tabs).
 */
export function EditorTabs({ files, actions, mac }: EditorTabsProps) {
  const openTabs = useStore(files, (s) => s.openTabs);
  const active = useStore(files, (s) => s.active);
  const drafts = useStore(files, (s) => s.drafts);
  const labels = tabLabels(openTabs);
  const activeDirty = active !== undefined && hasFile(drafts, active);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const n = openTabs.length;
    if (e.key === 'Delete') {
      e.preventDefault();
      files.getState().close(openTabs[at]!);
      return;
    }
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % n
        : e.key === 'ArrowLeft'
          ? (at + n - 1) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    files.getState().open(openTabs[next]!);
    document.getElementById(editorTabId(next))?.focus();
  };
  const activeAt = active === undefined ? -1 : openTabs.indexOf(active);
  return (
    <div className="editor-tabs">
      <div className="tab-list" role="tablist" aria-label="Open files">
        {openTabs.map((path, i) => {
          const selected = path === active;
          const dirty = hasFile(drafts, path);
          return (
            <div
              key={path}
              role="presentation"
              className={`tab${selected ? ' tab--active' : ''}`}
              data-path={path}
            >
              <button
                type="button"
                role="tab"
                id={editorTabId(i)}
                aria-selected={selected}
                aria-controls={EDITOR_PANEL_ID}
                aria-keyshortcuts="Delete"
                tabIndex={selected || (activeAt < 0 && i === 0) ? 0 : -1}
                title={path}
                onClick={() => files.getState().open(path)}
                onKeyDown={(e) => onKeyDown(e, i)}
              >
                {labels.get(path)}
                {dirty && <span className="dirty-dot" aria-label="unsaved changes" />}
              </button>
              <button
                type="button"
                className="icon-button tab-close"
                tabIndex={-1}
                aria-hidden="true"
                aria-label={`Close ${path}`}
                title="Close"
                onClick={() => files.getState().close(path)}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="tab-save"
        disabled={!activeDirty}
        title={`Save and apply (${shortcutLabel('save', mac)})`}
        onClick={() => active !== undefined && void actions.save(active)}
      >
        Save
      </button>
    </div>
  );
}

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

/** The open files, with a dot for unsaved changes, a close button each, and Save. */
export function EditorTabs({ files, actions, mac }: EditorTabsProps) {
  const openTabs = useStore(files, (s) => s.openTabs);
  const active = useStore(files, (s) => s.active);
  const drafts = useStore(files, (s) => s.drafts);
  const labels = tabLabels(openTabs);
  const activeDirty = active !== undefined && hasFile(drafts, active);
  return (
    <div className="editor-tabs">
      <div className="tab-list" role="tablist" aria-label="Open files">
        {openTabs.map((path) => {
          const selected = path === active;
          const dirty = hasFile(drafts, path);
          return (
            <div key={path} className={`tab${selected ? ' tab--active' : ''}`} data-path={path}>
              <button
                type="button"
                role="tab"
                aria-selected={selected}
                title={path}
                onClick={() => files.getState().open(path)}
              >
                {labels.get(path)}
                {dirty && <span className="dirty-dot" aria-label="unsaved changes" />}
              </button>
              <button
                type="button"
                className="icon-button tab-close"
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

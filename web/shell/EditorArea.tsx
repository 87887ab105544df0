import { useCallback, useMemo } from 'react';
import { fileText } from '../files/fileRules';
import { useStore } from 'zustand';
import { Editor } from '../editor/Editor';
import { languageOf, markersFor } from '../editor/editorProps';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import { EDITOR_PANEL_ID, editorTabId, EditorTabs } from './EditorTabs';
import type { PlaygroundActions } from '../playground/playgroundActions';
import { ProblemsList } from './ProblemsList';
import './editorArea.css';

export interface EditorAreaProps {
  readonly files: FilesStore;
  readonly runtime: RuntimeStore;
  readonly actions: PlaygroundActions;
  readonly dark: boolean;
  readonly mac: boolean;
}

/** Tabs, the editor of the active file with the host's markers, and the list of problems. */
export function EditorArea({ files, runtime, actions, dark, mac }: EditorAreaProps) {
  const active = useStore(files, (s) => s.active);
  const openTabs = useStore(files, (s) => s.openTabs);
  const value = useStore(files, (s) =>
    active === undefined ? undefined : (fileText(s.drafts, active) ?? fileText(s.files, active)),
  );
  const diagnostics = useStore(runtime, (s) => s.diagnostics);
  const markers = useMemo(
    () => (active === undefined ? [] : markersFor(diagnostics, active)),
    [diagnostics, active],
  );
  const onChange = useCallback(
    (text: string) => {
      if (active !== undefined) files.getState().edit(active, text);
    },
    [files, active],
  );

  const activeIndex = active === undefined ? -1 : openTabs.indexOf(active);
  return (
    <section className="editor-area" aria-label="Editor">
      <EditorTabs files={files} actions={actions} mac={mac} />
      <div
        className="editor-body"
        id={EDITOR_PANEL_ID}
        role="tabpanel"
        {...(activeIndex >= 0 ? { 'aria-labelledby': editorTabId(activeIndex) } : { 'aria-label': 'Editor' })}
      >
        {active !== undefined && value !== undefined ? (
          <Editor
            path={active}
            value={value}
            language={languageOf(active)}
            onChange={onChange}
            markers={markers}
            openPaths={openTabs}
            dark={dark}
          />
        ) : (
          <p className="empty-note">Open a file from the tree.</p>
        )}
        {/* Monaco keeps Tab for indenting; its tab-focus mode is the way out, said where a keyboard lands. */}
        <p className="tab-focus-note" role="note">
          Tab indents here. {mac ? 'Ctrl+Shift+M' : 'Ctrl+M'} makes Tab move the focus instead (press it again
          to switch back).
        </p>
      </div>
      <ProblemsList runtime={runtime} files={files} />
    </section>
  );
}

import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundActions } from '../playground/playgroundActions';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import { NewFunctionForm, PathForm } from './NewItemForms';
import { buildTree, functionFolders, problemLevels } from './tree';
import type { RowEditing } from './TreeRows';
import { TreeRows } from './TreeRows';
import '../styles/paneHeader.css';
import './fileTree.css';

export interface FileTreeProps {
  readonly files: FilesStore;
  readonly runtime: RuntimeStore;
  readonly actions: PlaygroundActions;
}

type Adding = 'file' | 'function' | undefined;

/** The app's files: open, add, rename, delete; functions carry their trigger badge. */
export function FileTree({ files, runtime, actions }: FileTreeProps) {
  const saved = useStore(files, (s) => s.files);
  const drafts = useStore(files, (s) => s.drafts);
  const active = useStore(files, (s) => s.active);
  const functions = useStore(runtime, (s) => s.functions);
  const diagnostics = useStore(runtime, (s) => s.diagnostics);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = useState<Adding>();
  const [editing, setEditing] = useState<RowEditing>();

  const paths = useMemo(() => Object.keys(saved), [saved]);
  const tree = useMemo(() => buildTree(paths), [paths]);
  const functionNames = useMemo(() => functionFolders(paths), [paths]);
  const problems = useMemo(() => problemLevels(diagnostics), [diagnostics]);

  const toggle = (path: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(path)) next.add(path);
      return next;
    });

  return (
    <nav className="file-tree" aria-label="Files">
      <header className="pane-header">
        <h2>Files</h2>
        <span className="pane-actions">
          <button
            type="button"
            onClick={() => setAdding(adding === 'file' ? undefined : 'file')}
            aria-pressed={adding === 'file'}
          >
            + File
          </button>
          <button
            type="button"
            onClick={() => setAdding(adding === 'function' ? undefined : 'function')}
            aria-pressed={adding === 'function'}
          >
            + Function
          </button>
        </span>
      </header>
      {adding === 'file' && (
        <PathForm
          label="New file path"
          initial=""
          submitLabel="Add"
          paths={paths}
          onSubmit={(path) => {
            const problem = actions.createFile(path);
            if (!problem) setAdding(undefined);
            return problem;
          }}
          onCancel={() => setAdding(undefined)}
        />
      )}
      {adding === 'function' && (
        <NewFunctionForm
          paths={paths}
          onSubmit={(name, template) => {
            const problem = actions.addFunction(name, template);
            if (!problem) setAdding(undefined);
            return problem;
          }}
          onCancel={() => setAdding(undefined)}
        />
      )}
      <div className="tree-scroll">
        <TreeRows
          nodes={tree}
          depth={0}
          files={saved}
          drafts={drafts}
          active={active}
          collapsed={collapsed}
          functionNames={functionNames}
          functions={functions}
          problems={problems}
          editing={editing}
          onToggle={toggle}
          onOpen={(path) => files.getState().open(path)}
          onEdit={setEditing}
          onRename={actions.rename}
          onDelete={actions.remove}
        />
      </div>
    </nav>
  );
}

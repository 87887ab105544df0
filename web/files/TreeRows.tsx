import type { FunctionInfo } from '../../runtime/core/control/protocol';
import { hasFile } from './fileRules';
import { triggerBadge } from '../shell/status';
import { PathForm } from './NewItemForms';
import type { TreeNode } from './tree';
import { folderTrigger } from './triggerOf';
import '../styles/marks.css';
import { focusOnMount } from './focusOnMount';

/** What one row is busy with: renaming it, or confirming its deletion. */
export type RowEditing = { readonly kind: 'rename' | 'delete'; readonly path: string } | undefined;

export interface TreeRowsProps {
  readonly nodes: readonly TreeNode[];
  readonly depth: number;
  readonly files: Readonly<Record<string, string>>;
  readonly drafts: Readonly<Record<string, string>>;
  readonly active: string | undefined;
  readonly collapsed: ReadonlySet<string>;
  readonly functionNames: ReadonlySet<string>;
  readonly functions: readonly FunctionInfo[];
  readonly problems: ReadonlyMap<string, 'error' | 'warning'>;
  readonly editing: RowEditing;
  readonly onToggle: (path: string) => void;
  readonly onOpen: (path: string) => void;
  readonly onEdit: (editing: RowEditing) => void;
  readonly onRename: (from: string, to: string) => string | undefined;
  readonly onDelete: (path: string) => void;
}

function TriggerBadge({ name, props }: { readonly name: string; readonly props: TreeRowsProps }) {
  const trigger = folderTrigger(name, props.functions, props.files[`${name}/function.json`]);
  if (!trigger) return null;
  const title = `${trigger.trigger}${trigger.disabled ? ', disabled' : ''}${
    trigger.loaded ? '' : ' (from function.json; the host has not loaded it)'
  }`;
  return (
    <span
      className={`badge badge--${triggerBadge(trigger.trigger).toLowerCase()}${trigger.loaded ? '' : ' badge--pending'}${
        trigger.disabled ? ' badge--disabled' : ''
      }`}
      title={title}
    >
      {triggerBadge(trigger.trigger)}
    </span>
  );
}

/** The rows of one folder level, recursively. */
export function TreeRows(props: TreeRowsProps) {
  const { nodes, depth, editing } = props;
  return (
    <ul className="tree-level">
      {nodes.map((node) => {
        const isFolder = node.kind === 'folder';
        const open = isFolder && !props.collapsed.has(node.path);
        const indent = { paddingInlineStart: `${0.5 + depth * 0.9}rem` };
        if (editing?.path === node.path && editing.kind === 'rename') {
          return (
            <li key={node.path} style={indent}>
              <PathForm
                label={`New path for ${node.path}`}
                initial={node.path}
                submitLabel="Rename"
                paths={Object.keys(props.files)}
                onSubmit={(to) => {
                  const problem = props.onRename(node.path, to);
                  if (!problem) props.onEdit(undefined);
                  return problem;
                }}
                onCancel={() => props.onEdit(undefined)}
              />
            </li>
          );
        }
        return (
          <li key={node.path}>
            <div
              className={`tree-row${props.active === node.path ? ' tree-row--active' : ''}`}
              style={indent}
              data-path={node.path}
            >
              <button
                type="button"
                className="tree-item"
                aria-expanded={isFolder ? open : undefined}
                aria-current={props.active === node.path ? 'page' : undefined}
                onClick={() => (isFolder ? props.onToggle(node.path) : props.onOpen(node.path))}
              >
                <span className="tree-icon" aria-hidden="true">
                  {isFolder ? (open ? '▾' : '▸') : ''}
                </span>
                <span className="tree-name">{node.name}</span>
                {hasFile(props.drafts, node.path) && (
                  <span className="dirty-dot" title="Unsaved changes" aria-label="unsaved" />
                )}
                {props.problems.has(node.path) && (
                  <span
                    className={`problem-mark problem-mark--${props.problems.get(node.path)}`}
                    title={`The host reports ${props.problems.get(node.path) === 'error' ? 'errors' : 'warnings'} here`}
                    aria-label={props.problems.get(node.path) === 'error' ? 'has errors' : 'has warnings'}
                  />
                )}
              </button>
              {isFolder && depth === 0 && props.functionNames.has(node.name) && (
                <TriggerBadge name={node.name} props={props} />
              )}
              <span className="tree-actions">
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Rename ${node.path}`}
                  title="Rename"
                  onClick={() => props.onEdit({ kind: 'rename', path: node.path })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Delete ${node.path}`}
                  title="Delete"
                  onClick={() => props.onEdit({ kind: 'delete', path: node.path })}
                >
                  ×
                </button>
              </span>
            </div>
            {editing?.path === node.path && editing.kind === 'delete' && (
              <div
                className="tree-confirm"
                role="alertdialog"
                aria-label={`Delete ${node.path}?`}
                style={indent}
              >
                <span>
                  Delete {isFolder ? 'the folder ' : ''}
                  <code>{node.path}</code>?
                </span>
                <button
                  type="button"
                  className="danger"
                  ref={focusOnMount}
                  onClick={() => {
                    props.onDelete(node.path);
                    props.onEdit(undefined);
                  }}
                >
                  Delete
                </button>
                <button type="button" onClick={() => props.onEdit(undefined)}>
                  Cancel
                </button>
              </div>
            )}
            {open && <TreeRows {...props} nodes={node.children} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}

import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ViewStore } from './viewStore';

/**
 * The file tree with a fold button: folded, it is a slim rail whose one button brings it back,
 * and the editor gets its width.
 */
export function TreeFold({ view, children }: { readonly view: ViewStore; readonly children: ReactNode }) {
  const folded = useStore(view, (s) => s.treeFolded);
  const toggle = (
    <button
      type="button"
      className="tree-fold-button icon-button"
      aria-expanded={!folded}
      aria-label={folded ? 'Show the file tree' : 'Fold the file tree'}
      title={folded ? 'Show the file tree' : 'Fold the file tree'}
      onClick={() => view.getState().setTreeFolded(!folded)}
    >
      <span aria-hidden="true">{folded ? '»' : '«'}</span>
    </button>
  );
  return (
    <div className={folded ? 'tree-fold tree-fold--folded' : 'tree-fold'}>
      {toggle}
      {!folded && children}
    </div>
  );
}

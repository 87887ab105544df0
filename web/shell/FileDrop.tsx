import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { AppActions } from '../playground/appActions';
import { lazyModules, loadedTransfer } from '../playground/lazy/modules';
import type { UiStore } from './uiStore';
import './fileDrop.css';

const isShareFile = (name: string) => /\.fchp\.json$/i.test(name);

/**
 * A drop of a zip, a folder or a share file. The browser empties `dataTransfer` once the handler
 * returns, so everything is taken from it here, before any await: by importDrop itself when its
 * chunk has arrived (dragging in starts fetching it), else as a snapshot of the entries and files.
 */
export function handleDrop(data: DataTransfer, actions: AppActions): void {
  const files = Array.from(data.files);
  const entries = Array.from(data.items).flatMap((item) => {
    const entry = item.kind === 'file' ? item.webkitGetAsEntry() : null;
    return entry ? [entry] : [];
  });
  const only = files.length === 1 ? files[0] : undefined;
  if (only && isShareFile(only.name) && !entries.some((e) => e.isDirectory)) {
    void actions.openShareFile(only);
    return;
  }
  const transfer = loadedTransfer();
  if (transfer) {
    void actions.openImported(transfer.importDrop(data));
    return;
  }
  const snapshot = {
    items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })),
    files,
  } as unknown as DataTransfer;
  void actions.openImported(lazyModules.transfer().then((t) => t.importDrop(snapshot)));
}

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/** Listens for files dragged over the window (not text dragged inside the editor). */
export function useFileDrop(ui: UiStore, actions: AppActions, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth += 1;
      if (depth === 1) {
        ui.getState().setDropping(true);
        lazyModules.transfer().catch(() => undefined);
      }
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) ui.getState().setDropping(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      ui.getState().setDropping(false);
      handleDrop(e.dataTransfer, actions);
    };
    const options = { capture: true };
    window.addEventListener('dragenter', enter, options);
    window.addEventListener('dragover', over, options);
    window.addEventListener('dragleave', leave, options);
    window.addEventListener('drop', drop, options);
    return () => {
      window.removeEventListener('dragenter', enter, options);
      window.removeEventListener('dragover', over, options);
      window.removeEventListener('dragleave', leave, options);
      window.removeEventListener('drop', drop, options);
    };
  }, [ui, actions, enabled]);
}

/** Shown while files are dragged over the page. */
export function DropOverlay({ ui }: { readonly ui: UiStore }) {
  const dropping = useStore(ui, (s) => s.dropping);
  if (!dropping) return null;
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <p>Drop a .zip, a folder or a .fchp.json share file to open it</p>
    </div>
  );
}

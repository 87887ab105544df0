import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { AppActions } from '../playground/appActions';
import { lazyModules } from '../playground/lazy/modules';
import './openMenu.css';

/** The folder picker's attribute, which React's types do not list. */
const FOLDER_PICKER = { webkitdirectory: '' } as Record<string, string>;

/**
 * Open ▾: a zip file, a folder (`webkitdirectory`), or a `.fchp.json` share file. The file inputs
 * stay in the page (hidden), so tests can hand them files.
 */
export function OpenMenu({ actions }: { readonly actions: AppActions }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLSpanElement>(null);
  const zip = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const shareFile = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const pick = (input: HTMLInputElement | null) => {
    setOpen(false);
    input?.click();
  };

  /** A picked zip or folder; the input is emptied so picking the same one again still counts. */
  const onPicked = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.currentTarget.files ?? []);
    e.currentTarget.value = '';
    if (files.length === 0) return;
    void actions.openImported(lazyModules.transfer().then((t) => t.importPickedFiles(files)));
  };

  return (
    <span className="open-menu" ref={root}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        data-testid="open-button"
        onClick={() => setOpen((o) => !o)}
        title="Open an app from a zip, a folder or a share file"
      >
        Open ▾
      </button>
      {open && (
        <span className="open-menu-list" id={menuId}>
          <button type="button" onClick={() => pick(zip.current)}>
            Zip file…
          </button>
          <button type="button" onClick={() => pick(folder.current)}>
            Folder…
          </button>
          <button type="button" onClick={() => pick(shareFile.current)}>
            Share file (.fchp.json)…
          </button>
        </span>
      )}
      <input
        ref={zip}
        type="file"
        accept=".zip,application/zip"
        hidden
        aria-label="Open a zip file"
        data-testid="open-zip-input"
        onChange={onPicked}
      />
      <input
        ref={folder}
        type="file"
        hidden
        aria-label="Open a folder"
        data-testid="open-folder-input"
        onChange={onPicked}
        {...FOLDER_PICKER}
      />
      <input
        ref={shareFile}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Open a share file"
        data-testid="open-share-input"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void actions.openShareFile(file);
        }}
      />
    </span>
  );
}

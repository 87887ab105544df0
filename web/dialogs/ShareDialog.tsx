import { useMemo, useRef } from 'react';
import type { SharedState } from '../share/shareState';
import {
  checkShareable,
  encodeShareFragment,
  sharedStateFile,
  shareLinkStatus,
  shareUrl,
  SHARE_LINK_WARN_LENGTH,
} from '../playground/lazy/share';
import { downloadBlob } from '../transfer/downloadBlob';
import { Modal } from './Modal';
import { copyLabel, useCopy } from './useCopy';

export interface ShareDialogProps {
  /** The state to share, taken when the dialog opens. */
  readonly state: SharedState;
  /** The page's address, which the link is built on. */
  readonly href: string;
  /** Files with unsaved changes (they are in the link). */
  readonly unsaved: number;
  readonly onClose: () => void;
}

type Link =
  | { readonly ok: false; readonly problem: string }
  | { readonly ok: true; readonly url: string; readonly tooLong: boolean };

function makeLink(state: SharedState, href: string): Link {
  const problem = checkShareable(state);
  if (problem) return { ok: false, problem };
  try {
    const url = shareUrl(href, encodeShareFragment(state));
    return { ok: true, url, tooLong: shareLinkStatus(url) === 'too-long' };
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  }
}

/** The link to this app, state and all: shown in a field, copied with a button, or as a file. */
export default function ShareDialog({ state, href, unsaved, onClose }: ShareDialogProps) {
  const link = useMemo(() => makeLink(state, href), [state, href]);
  const field = useRef<HTMLInputElement>(null);
  const [copyState, copy] = useCopy();

  const downloadFile = () => {
    const file = sharedStateFile(state);
    downloadBlob(new TextEncoder().encode(file.text), file.name, 'application/json');
  };

  return (
    <Modal title="Share this app" testId="share-dialog" onClose={onClose}>
      {!link.ok ? (
        <p className="modal-problem" role="alert" data-testid="share-problem">
          {link.problem}
        </p>
      ) : (
        <>
          <p className="modal-muted">
            The link holds every file, the open tabs, the HTTP request and the layout. Anyone who opens it
            gets a copy; nothing is uploaded.
            {unsaved > 0 && ` It includes ${unsaved} unsaved change${unsaved === 1 ? '' : 's'}.`}
          </p>
          <label className="modal-field">
            <span>Link ({link.url.length.toLocaleString('en')} characters)</span>
            <span className="modal-row">
              <input
                ref={field}
                type="text"
                readOnly
                value={link.url}
                data-testid="share-url"
                data-autofocus
                spellCheck={false}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                className="primary"
                data-testid="share-copy"
                data-state={copyState}
                onClick={() => copy(link.url, field.current)}
              >
                {copyLabel(copyState)}
              </button>
            </span>
          </label>
          {link.tooLong && (
            <p className="modal-warning" role="status" data-testid="share-too-long">
              This link is longer than {SHARE_LINK_WARN_LENGTH.toLocaleString('en')} characters: chat tools,
              mail and issue trackers often cut links that long. Send a share file instead; it opens with Open
              → Share file.
            </p>
          )}
        </>
      )}
      <div className="modal-actions">
        <button
          type="button"
          className={link.ok && link.tooLong ? 'primary' : undefined}
          data-testid="share-download"
          onClick={downloadFile}
          disabled={!link.ok}
        >
          Download share file
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

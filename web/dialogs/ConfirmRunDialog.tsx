import type { ConfirmReason } from '../shell/uiStore';
import { Modal } from './Modal';

export interface ConfirmRunDialogProps {
  readonly reason: ConfirmReason;
  readonly fileCount: number;
  readonly onAnswer: (run: boolean) => void;
}

/** Asks before code from a link or a share file runs on this computer (the local engine). */
export default function ConfirmRunDialog({ reason, fileCount, onAnswer }: ConfirmRunDialogProps) {
  const what = reason === 'link' ? 'This link' : 'This share file';
  return (
    <Modal title="Run this code?" testId="confirm-run" role="alertdialog" onClose={() => onAnswer(false)}>
      <p className="modal-lead">
        {what} contains code that will run on your computer through the local engine. Run it?
      </p>
      <p className="modal-muted">
        Its {fileCount} file{fileCount === 1 ? ' is' : 's are'} open in the editor. To read them first, choose
        Don&rsquo;t run; press Run in the toolbar when you are ready.
      </p>
      <div className="modal-actions">
        <button type="button" data-testid="confirm-run-no" onClick={() => onAnswer(false)}>
          Don&rsquo;t run
        </button>
        <button
          type="button"
          className="primary"
          data-testid="confirm-run-yes"
          onClick={() => onAnswer(true)}
        >
          Run
        </button>
      </div>
    </Modal>
  );
}

import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import './dialogs.css';

export interface ModalProps {
  readonly title: string;
  /** Escape, the close button, or the caller's own buttons. */
  readonly onClose: () => void;
  readonly testId: string;
  readonly children: ReactNode;
  /** Alert dialogs (a question that must be answered) have no close button. */
  readonly role?: 'dialog' | 'alertdialog';
  readonly className?: string;
}

/**
 * A modal `<dialog>`: the browser keeps focus inside it, makes the rest of the page inert and
 * closes it on Escape (which calls onClose). An element marked `data-autofocus` gets the focus.
 */
export function Modal({ title, onClose, testId, children, role = 'dialog', className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  const mounted = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    mounted.current = true;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // The field the dialog is about, rather than its close button.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      mounted.current = false;
      dialog?.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        close.current();
      }}
      onClose={(e) => {
        // The browser may close it by itself (a second Escape); a re-opened dialog ignores a stale event.
        if (mounted.current && !e.currentTarget.open) close.current();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        {role === 'dialog' && (
          <button type="button" className="icon-button" aria-label="Close" onClick={() => close.current()}>
            ×
          </button>
        )}
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

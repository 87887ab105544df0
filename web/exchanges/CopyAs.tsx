import { useEffect, useRef, useState } from 'react';
import type { CopyChoice, CopyKind } from './copyAs';
import './CopyAs.css';

type CopyState = { readonly kind: CopyKind; readonly how: 'copied' | 'manual' } | undefined;

/**
 * "Copy as curl", "Copy as fetch" and "Copy as curl to the handler". Where the clipboard is not
 * available (an embed without the permission, an insecure origin) the text is shown selected, to
 * copy by hand.
 */
export function CopyAs({ choices }: { readonly choices: readonly CopyChoice[] }) {
  const [state, setState] = useState<CopyState>();
  const text = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state?.how === 'manual') text.current?.select();
    if (state?.how !== 'copied') return undefined;
    const timer = setTimeout(() => setState(undefined), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  if (choices.length === 0) return null;
  const shown = state && choices.find((c) => c.kind === state.kind);

  const copy = async (choice: CopyChoice) => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(choice.text);
      setState({ kind: choice.kind, how: 'copied' });
    } catch {
      setState({ kind: choice.kind, how: 'manual' });
    }
  };

  return (
    <div className="xp-curl" role="group" aria-label="Copy the request">
      {choices.map((choice) => (
        <button
          key={choice.kind}
          type="button"
          data-testid={`copy-${choice.kind}`}
          title={
            choice.kind === 'curl-handler'
              ? "The host's request, straight to the handler's port: call your handler without the host"
              : undefined
          }
          onClick={() => void copy(choice)}
        >
          {choice.label}
        </button>
      ))}
      <span role="status" className="xp-muted">
        {state?.how === 'copied' ? 'Copied.' : ''}
      </span>
      {shown?.truncatedBody && (
        <span className="xp-muted"> The log cut this body, so the copy sends only its first part.</span>
      )}
      {state?.how === 'manual' && shown && (
        <div className="xp-curl-manual">
          <label>
            <span className="xp-muted">The clipboard is not available here: copy the text below.</span>
            <textarea
              ref={text}
              readOnly
              className="xp-code"
              data-testid="curl-text"
              aria-label={shown.label.replace(/^Copy as /, '')}
              rows={Math.min(12, shown.text.split('\n').length + 1)}
              value={shown.text}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <button type="button" onClick={() => setState(undefined)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

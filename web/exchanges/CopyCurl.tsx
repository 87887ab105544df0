import { useEffect, useMemo, useRef, useState } from 'react';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { curlForExchange } from './curl';
import './CopyCurl.css';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * "Copy as curl" for the caller's request. Where the clipboard is not available (an embed
 * without the permission, an insecure origin) the command is shown selected, to copy by hand.
 */
export function CopyCurl({ exchange }: { readonly exchange: Exchange }) {
  const curl = useMemo(() => curlForExchange(exchange), [exchange]);
  const [state, setState] = useState<CopyState>('idle');
  const text = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state === 'manual') text.current?.select();
    if (state !== 'copied') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  if (!curl) return null;

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(curl.command);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  return (
    <div className="xp-curl">
      <button type="button" data-testid="copy-curl" onClick={() => void copy()}>
        Copy as curl
      </button>
      <span role="status" className="xp-muted">
        {state === 'copied' ? 'Copied.' : ''}
      </span>
      {curl.truncatedBody && (
        <span className="xp-muted"> The log cut this body, so the command sends only its first part.</span>
      )}
      {state === 'manual' && (
        <div className="xp-curl-manual">
          <label>
            <span className="xp-muted">The clipboard is not available here: copy the command below.</span>
            <textarea
              ref={text}
              readOnly
              className="xp-code"
              data-testid="curl-text"
              aria-label="curl command"
              rows={Math.min(12, curl.command.split('\n').length + 1)}
              value={curl.command}
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
          <button type="button" onClick={() => setState('idle')}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

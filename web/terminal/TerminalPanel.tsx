import { useEffect, useRef, useState } from 'react';
import type { TerminalStore } from '../stores/terminalStore';
import { followPlainTerminal } from './plainTerminalView';
import { deferred } from '../playground/deferredChunks';
import type { TerminalView } from './xtermView';
import '../styles/paneHeader.css';
import './terminal.css';

export interface TerminalPanelProps {
  readonly terminal: TerminalStore;
  readonly dark: boolean;
}

/** The output as plain text: shown until xterm has loaded, and for good if it cannot. */
function PlainTerminal({ terminal }: { readonly terminal: TerminalStore }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => followPlainTerminal(ref.current!, terminal), [terminal]);
  return <pre ref={ref} className="terminal-plain" />;
}

const loadXterm = deferred(() => import('./xtermView'));

/**
 * The host's and the handler's output. xterm loads after the first paint, in its own chunk, and
 * not while the runtime starts (deferredChunks.ts): the plain text serves until then.
 */
export function TerminalPanel({ terminal, dark }: TerminalPanelProps) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<TerminalView | null>(null);
  const darkRef = useRef(dark);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let cancelled = false;
    const frame = requestAnimationFrame(() => {
      loadXterm()
        .then(({ mountTerminal }) => {
          if (cancelled || !container.current) return;
          view.current = mountTerminal(container.current, terminal, darkRef.current);
          setState('ready');
        })
        .catch((error: unknown) => {
          if (cancelled) return;
          console.warn('The terminal could not load; showing plain text instead.', error);
          setState('failed');
        });
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      view.current?.dispose();
      view.current = null;
    };
  }, [terminal]);

  useEffect(() => {
    darkRef.current = dark;
    view.current?.setDark(dark);
  }, [dark]);

  return (
    <section className="terminal-panel" aria-label="Terminal">
      <header className="pane-header">
        <h2>Terminal</h2>
        <button type="button" className="link-button" onClick={() => terminal.getState().clear()}>
          Clear
        </button>
      </header>
      <div className="terminal-body">
        <div ref={container} className="terminal-xterm" data-state={state} />
        {state !== 'ready' && <PlainTerminal terminal={terminal} />}
      </div>
    </section>
  );
}

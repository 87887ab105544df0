import { useStore } from 'zustand';
import { exampleMeta } from '../examples/examples';
import { suggestionLabel } from '../examples/exampleMeta';
import type { TrySuggestion } from '../examples/exampleMeta';
import type { PlaygroundSession } from '../session/session';
import { requestSend } from './sendShortcut';
import './tryThis.css';

export interface TryThisProps {
  readonly session: PlaygroundSession;
  readonly running: boolean;
}

/**
 * The requests and messages the example's README suggests, one click each: the chip fills the
 * composer (or the enqueue form), shows its tab, and sends when the host runs.
 */
export function TryThis({ session, running }: TryThisProps) {
  const source = useStore(session.stores.files, (s) => s.source);
  const suggestions = exampleMeta(source)?.tryThis ?? [];
  if (suggestions.length === 0) return null;

  const tryIt = (s: TrySuggestion) => {
    const triggers = session.stores.triggers.getState();
    if (s.kind === 'http') {
      triggers.compose(s.request);
      triggers.setTab('http');
      if (running) requestSend(window);
      return;
    }
    triggers.setQueueDraft(s.message);
    triggers.setTab('queues');
    if (running) void session.enqueue(s.message.queue, s.message.text).catch(() => undefined);
  };

  return (
    <section className="tp-try" aria-label="Try this">
      <span className="tp-try-title" aria-hidden="true">
        Try this:
      </span>
      <ul>
        {suggestions.map((s, i) => (
          <li key={i}>
            <button
              type="button"
              className="tp-chip tp-mono"
              title={running ? 'Fill in and send' : 'Fill in (the host is not running yet)'}
              onClick={() => tryIt(s)}
            >
              {suggestionLabel(s)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

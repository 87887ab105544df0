import { Fragment, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { explanationFor } from '../examples/explanation';
import type { UiStore } from './uiStore';
import './notices.css';

/** The READMEs are in the first-load bundle already (examples.ts reads them for the picker). */
const readmes: Readonly<Record<string, string>> = import.meta.glob<string>('/examples/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Why the address could not be opened (a bad share link, an unknown example), as plain text. */
export function LinkErrorBanner({ ui }: { readonly ui: UiStore }) {
  const error = useStore(ui, (s) => s.linkError);
  if (error === undefined) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid="link-error">
      <p className="notice-text">{error}</p>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => ui.getState().setLinkError(undefined)}
      >
        ×
      </button>
    </div>
  );
}

/** What an import left out or why it failed, and other one-off notes; dismissible. */
export function NoteBanner({ ui }: { readonly ui: UiStore }) {
  const note = useStore(ui, (s) => s.note);
  if (note === undefined) return null;
  return (
    <div
      className={`notice notice--${note.tone}`}
      role={note.tone === 'error' ? 'alert' : 'status'}
      data-testid="import-note"
    >
      <div className="notice-text">
        <strong>{note.title}</strong>
        {note.lines.length === 1 ? (
          <p>{note.lines[0]}</p>
        ) : (
          <ul>
            {note.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => ui.getState().setNote(undefined)}
      >
        ×
      </button>
    </div>
  );
}

/** Typos in an embed's address: the embed still works with the defaults, and says what it ignored. */
export function EmbedProblems({ ui }: { readonly ui: UiStore }) {
  const problems = useStore(ui, (s) => s.embedProblems);
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--warning" role="status" data-testid="embed-problems">
      <ul className="notice-text">
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => ui.getState().setEmbedProblems([])}
      >
        ×
      </button>
    </div>
  );
}

/** The gallery's "what to look at" for the open example: its README's first paragraph. */
export function ExampleExplanation({ ui }: { readonly ui: UiStore }) {
  const example = useStore(ui, (s) => s.origin.example);
  const closedFor = useStore(ui, (s) => s.explanationClosedFor);
  const runs = useMemo(() => explanationFor(example, readmes), [example]);
  const [expanded, setExpanded] = useState(false);
  if (runs === undefined || example === undefined || closedFor === example) return null;
  return (
    <aside
      className={expanded ? 'explanation' : 'explanation explanation--collapsed'}
      aria-label="What to look at"
      data-testid="example-explanation"
    >
      <p className="explanation-text">
        <strong className="explanation-title">What to look at: </strong>
        {runs.map((run, i) =>
          run.kind === 'code' ? (
            <code key={i}>{run.text}</code>
          ) : run.kind === 'strong' ? (
            <strong key={i}>{run.text}</strong>
          ) : (
            <Fragment key={i}>{run.text}</Fragment>
          ),
        )}
      </p>
      <span className="explanation-actions">
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => setExpanded((e) => !e)}
        >
          {expanded ? 'Less' : 'More'}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the explanation"
          onClick={() => ui.getState().closeExplanation(example)}
        >
          ×
        </button>
      </span>
    </aside>
  );
}

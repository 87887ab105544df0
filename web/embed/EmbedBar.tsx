import { useEffect, useState } from 'react';
import type { MouseEvent } from 'react';
import { useStore } from 'zustand';
import type { HostState } from '../../runtime/core/control/protocol';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import type { AppActions } from '../playground/appActions';
import type { LoadedExample } from './embedHandoff';
import { differsFromExample } from './embedHandoff';
import { engineLabel, engineTone } from '../shell/status';
import type { UiStore } from '../shell/uiStore';
import '../shell/statusPill.css';
import './embed.css';

export interface EmbedBarProps {
  readonly runtime: RuntimeStore;
  readonly files: FilesStore;
  readonly ui: UiStore;
  readonly actions: AppActions;
  /** The same app in the full playground (embed options removed). */
  readonly fullUrl: string;
  /** A bundled example's files, to tell whether the app still is that example. */
  readonly loadExample: (name: string) => Promise<Record<string, string>>;
}

/** The bundled example the app came from, once its files have loaded (they are cached by then). */
function useOriginExample(
  name: string | undefined,
  loadExample: EmbedBarProps['loadExample'],
): LoadedExample | undefined {
  const [example, setExample] = useState<LoadedExample>();
  useEffect(() => {
    if (name === undefined) return;
    let current = true;
    loadExample(name).then(
      (files) => {
        if (current) setExample({ name, files });
      },
      // Not known: a click then carries the app as it is, which loses nothing.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [name, loadExample]);
  return example;
}

/** An embed's only chrome: the app's name, Run, a status dot and a way out to the full playground. */
export function EmbedBar({ runtime, files, ui, actions, fullUrl, loadExample }: EmbedBarProps) {
  const engine = useStore(runtime, (s) => s.engine);
  const host = useStore(runtime, (s) => s.host);
  const name = useStore(ui, (s) => s.origin.name);
  const exampleName = useStore(ui, (s) => s.origin.example);
  const example = useOriginExample(exampleName, loadExample);

  // The link is a plain link to the example; only when the app has changed since does a click
  // build a share link instead, so the edits made here go along.
  const openFull = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!differsFromExample(ui.getState().origin, files.getState(), example)) return;
    event.preventDefault();
    void actions.fullPlaygroundLink(fullUrl).then((url) => window.open(url, '_blank', 'noopener'));
  };
  const tone = engineTone(engine);
  const status = engine.phase === 'running' && host ? HOST_STATE_WORDS[host.state] : engineLabel(engine);
  return (
    <header className="embed-bar" role="toolbar" aria-label="Playground">
      <span className="embed-name" title={name}>
        {name}
      </span>
      <button
        type="button"
        className="primary"
        disabled={engine.phase === 'booting' || engine.phase === 'failed'}
        onClick={() => void actions.run()}
      >
        {engine.phase === 'idle' ? 'Run' : 'Restart'}
      </button>
      <span className={`embed-status status-pill--${tone}`} data-tone={tone} aria-live="polite">
        <span className="status-dot" aria-hidden="true" />
        <span className="embed-status-text">{status}</span>
      </span>
      <span className="toolbar-spacer" />
      <a
        className="embed-full-link"
        href={fullUrl}
        target="_blank"
        rel="noopener"
        data-testid="open-full-playground"
        onClick={openFull}
      >
        Open in the full playground ↗
      </a>
    </header>
  );
}

/** Click-to-run: a big Run button over the workspace; the code stays readable around it. */
export function RunOverlay({ ui, actions }: { readonly ui: UiStore; readonly actions: AppActions }) {
  const waiting = useStore(ui, (s) => s.awaitingClick);
  if (!waiting) return null;
  return (
    <div className="run-overlay">
      <button
        type="button"
        className="primary run-overlay-button"
        data-testid="embed-run"
        onClick={() => void actions.run()}
      >
        <span aria-hidden="true">▶ </span>Run
      </button>
    </div>
  );
}

/** The host's state in words, never a state name in a sentence. */
const HOST_STATE_WORDS: Record<HostState, string> = {
  Starting: 'host starting',
  Running: 'host running',
  Error: 'host stopped by an error',
  Stopped: 'host stopped',
};

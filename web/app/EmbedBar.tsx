import { useStore } from 'zustand';
import type { RuntimeStore } from '../stores/runtimeStore';
import type { AppActions } from './appActions';
import { engineLabel, engineTone } from './status';
import type { UiStore } from './uiStore';

export interface EmbedBarProps {
  readonly runtime: RuntimeStore;
  readonly ui: UiStore;
  readonly actions: AppActions;
  /** The same app in the full playground (embed options removed). */
  readonly fullUrl: string;
}

/** An embed's only chrome: the app's name, Run, a status dot and a way out to the full playground. */
export function EmbedBar({ runtime, ui, actions, fullUrl }: EmbedBarProps) {
  const engine = useStore(runtime, (s) => s.engine);
  const host = useStore(runtime, (s) => s.host);
  const name = useStore(ui, (s) => s.origin.name);
  const tone = engineTone(engine);
  const status =
    engine.phase === 'running' && host ? `host ${host.state.toLowerCase()}` : engineLabel(engine);
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

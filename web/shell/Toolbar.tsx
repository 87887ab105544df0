import { useStore } from 'zustand';
import type { EngineKind } from '../engine/engine';
import type { EngineChoice } from '../engine/engineChoices';
import type { ExampleInfo } from '../examples/examples';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import type { AppActions } from '../playground/appActions';
import { OpenMenu } from './OpenMenu';
import type { PlaygroundActions } from '../playground/playgroundActions';
import { shortcutLabel } from './shortcuts';
import { engineLabel, engineTone, handlerTone, hostTone } from './status';
import { StatusPill } from './StatusPill';
import type { UiStore } from './uiStore';
import './toolbar.css';

export interface ToolbarProps {
  readonly files: FilesStore;
  readonly runtime: RuntimeStore;
  readonly examples: readonly ExampleInfo[];
  readonly actions: PlaygroundActions;
  readonly app: AppActions;
  readonly ui: UiStore;
  readonly mac: boolean;
  /** The engines this page can switch to; without them, no switcher. */
  readonly engines?: readonly EngineChoice[];
  /** Reloads the page into that engine, keeping the work. */
  readonly onSwitchEngine?: (kind: EngineKind) => void;
}

/**
 * Example picker, run/restart, save, open, download, share and embed, and the engine's, host's and
 * handler's states.
 */
export function Toolbar({
  files,
  runtime,
  examples,
  actions,
  app,
  ui,
  mac,
  engines,
  onSwitchEngine,
}: ToolbarProps) {
  const origin = useStore(ui, (s) => s.origin);
  const source = origin.kind === 'example' ? origin.name : undefined;
  const dirty = useStore(files, (s) => Object.keys(s.drafts).length);
  const engineKind = useStore(runtime, (s) => s.engineKind);
  const engine = useStore(runtime, (s) => s.engine);
  const host = useStore(runtime, (s) => s.host);
  const known = source !== undefined && examples.some((e) => e.name === source);
  const placeholder = `${origin.name} (${origin.kind === 'import' ? 'opened' : 'shared'})`;
  const busy = engine.phase === 'booting';
  const handler = host?.handler;

  return (
    <header className="toolbar" role="toolbar" aria-label="Playground">
      <h1 className="toolbar-title">Functions Custom Handler Playground</h1>
      <span className="toolbar-field">
        <span aria-hidden="true">Example</span>
        <select
          aria-label="Example"
          value={known ? source : ''}
          onChange={(e) => void app.openExample(e.target.value)}
          title={examples.find((e) => e.name === source)?.description}
        >
          {!known && <option value="">{placeholder}</option>}
          {examples.map((e) => (
            <option key={e.name} value={e.name} title={e.description}>
              {e.name}: {e.description}
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        disabled={!examples.some((e) => e.name === origin.example)}
        onClick={() => void app.resetToExample()}
        title="Put back the example's own files (asks first)"
      >
        Reset to example
      </button>
      <button
        type="button"
        className="primary"
        disabled={busy || engine.phase === 'failed'}
        onClick={() => void app.run()}
      >
        {engine.phase === 'idle' ? 'Run' : 'Restart'}
      </button>
      <button
        type="button"
        disabled={dirty === 0}
        onClick={() => void actions.saveAll()}
        title={`Save all and apply (${shortcutLabel('saveAll', mac)})`}
      >
        Save all{dirty > 0 ? ` (${dirty})` : ''}
      </button>
      <OpenMenu actions={app} />
      <button
        type="button"
        data-testid="download-zip"
        onClick={() => void app.downloadZip()}
        title="Download the files as the editor shows them, unsaved changes included, as a zip ready for func start"
      >
        Download zip
      </button>
      <button
        type="button"
        data-testid="share-button"
        onClick={() => ui.getState().openDialog('share')}
        title="A link that holds this whole app"
      >
        Share
      </button>
      <button
        type="button"
        data-testid="embed-button"
        onClick={() => ui.getState().openDialog('embed')}
        title="Code to embed this app in a docs page"
      >
        Embed
      </button>
      <span className="toolbar-spacer" />
      {engines && onSwitchEngine && (
        <span className="toolbar-field">
          <span aria-hidden="true">Engine</span>
          <select
            aria-label="Engine"
            value={engineKind}
            onChange={(e) => onSwitchEngine(e.target.value as EngineKind)}
            title="Where the host and the handler run; switching reloads the page with your work"
          >
            {engines.map((choice) => (
              <option key={choice.kind} value={choice.kind}>
                {choice.label}
              </option>
            ))}
          </select>
        </span>
      )}
      <span className="toolbar-status" aria-live="polite">
        <StatusPill
          label="Engine"
          value={`${engineKind} · ${engineLabel(engine)}`}
          tone={engineTone(engine)}
          title={'message' in engine ? engine.message : undefined}
        />
        <StatusPill
          label="Host"
          value={host?.state ?? '—'}
          tone={hostTone(host?.state)}
          title={host?.errors.join('\n') || host?.frontDoorUrl}
        />
        <StatusPill
          label="Handler"
          value={handler?.state ?? '—'}
          tone={handlerTone(handler?.state)}
          title={
            handler
              ? [
                  handler.pid !== undefined && `pid ${handler.pid}`,
                  handler.port !== undefined && `port ${handler.port}`,
                  handler.detail,
                ]
                  .filter(Boolean)
                  .join(', ') || undefined
              : undefined
          }
        />
      </span>
    </header>
  );
}

import { useStore } from 'zustand';
import type { ExampleInfo } from '../examples/examples';
import type { FilesStore } from '../stores/filesStore';
import type { RuntimeStore } from '../stores/runtimeStore';
import type { PlaygroundActions } from './playgroundActions';
import { shortcutLabel } from './shortcuts';
import { engineLabel, engineTone, handlerTone, hostTone } from './status';
import { StatusPill } from './StatusPill';

export interface ToolbarProps {
  readonly files: FilesStore;
  readonly runtime: RuntimeStore;
  readonly examples: readonly ExampleInfo[];
  readonly actions: PlaygroundActions;
  readonly mac: boolean;
}

/** Example picker, run/restart, save, and the engine's, host's and handler's states. */
export function Toolbar({ files, runtime, examples, actions, mac }: ToolbarProps) {
  const source = useStore(files, (s) => s.source);
  const dirty = useStore(files, (s) => Object.keys(s.drafts).length);
  const engineKind = useStore(runtime, (s) => s.engineKind);
  const engine = useStore(runtime, (s) => s.engine);
  const host = useStore(runtime, (s) => s.host);
  const known = examples.some((e) => e.name === source);
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
          onChange={(e) => {
            const unsaved = Object.keys(files.getState().drafts).length;
            const discard =
              unsaved === 0 ||
              window.confirm(
                `Opening '${e.target.value}' replaces the app's files; ${unsaved} file${unsaved === 1 ? ' has' : 's have'} unsaved changes. Open it anyway?`,
              );
            if (discard) void actions.openExample(e.target.value);
          }}
          title={examples.find((e) => e.name === source)?.description}
        >
          {!known && <option value="">{source ?? '(none)'}</option>}
          {examples.map((e) => (
            <option key={e.name} value={e.name} title={e.description}>
              {e.name}: {e.description}
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        className="primary"
        disabled={busy || engine.phase === 'failed'}
        onClick={() => void actions.runOrRestart()}
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
      <span className="toolbar-spacer" />
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

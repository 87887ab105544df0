import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { EmbedPanel } from '../embed/embedOptions';
import type { EngineKind } from '../engine/engine';
import {
  ALL_PANELS,
  DEFAULT_EMBED_HEIGHT,
  DEFAULT_EMBED_PANELS,
  embedSnippet,
  embedUrl,
  MAX_EMBED_HEIGHT,
  MIN_EMBED_HEIGHT,
  parseOrigin,
} from '../embed/embedOptions';
import type { SharedState } from '../share/shareState';
import { checkShareable, encodeShareFragment } from '../playground/lazy/share';
import { noTriggerProblem, SERVED_LOCALLY_WARNING } from '../embed/embedTriggers';
import { Modal } from './Modal';
import { copyLabel, useCopy } from './useCopy';

export interface EmbedDialogProps {
  /** The app as it is now (for "this app as it is"). */
  readonly state: SharedState;
  /** The bundled example the app is, when its files are unchanged (then the short `?example=` form works). */
  readonly example?: string;
  /** Resolves whether the files still equal the bundled example's. */
  readonly isUnchangedExample?: () => Promise<boolean>;
  /** The playground's address without query or hash. */
  readonly baseUrl: string;
  /** The page's `?engine=`, carried into the snippet. */
  readonly engine?: EngineKind;
  /** The page is served by `npm start`: other sites cannot frame it. */
  readonly servedLocally?: boolean;
  readonly onClose: () => void;
}

const PANEL_LABELS: Readonly<Record<EmbedPanel, string>> = {
  files: 'Files',
  editor: 'Editor',
  terminal: 'Terminal',
  exchanges: 'Exchanges',
  triggers: 'Triggers',
};

type Content = 'example' | 'app';

/** Builds the `<iframe>` for a docs page: which panels, which file, click-to-run, theme, height. */
export default function EmbedDialog({
  state,
  example,
  isUnchangedExample,
  baseUrl,
  engine,
  servedLocally = false,
  onClose,
}: EmbedDialogProps) {
  const [panels, setPanels] = useState<readonly EmbedPanel[]>(DEFAULT_EMBED_PANELS);
  const [file, setFile] = useState('');
  const [clickToRun, setClickToRun] = useState(true);
  const [theme, setTheme] = useState<'system' | 'light' | 'dark'>('system');
  const [height, setHeight] = useState(DEFAULT_EMBED_HEIGHT);
  const [parentOrigin, setParentOrigin] = useState('');
  const [content, setContent] = useState<Content>(example ? 'example' : 'app');
  const [unchanged, setUnchanged] = useState<boolean | undefined>(example ? undefined : false);
  const snippetField = useRef<HTMLTextAreaElement>(null);
  const [copyState, copy] = useCopy();
  const id = useId();

  useEffect(() => {
    if (!example || !isUnchangedExample) return;
    let live = true;
    void isUnchangedExample().then(
      (same) => {
        if (!live) return;
        setUnchanged(same);
        if (!same) setContent('app');
      },
      () => live && setUnchanged(false),
    );
    return () => {
      live = false;
    };
  }, [example, isUnchangedExample]);

  const fragment = useMemo((): { ok: true; value: string } | { ok: false; problem: string } => {
    const problem = checkShareable(state);
    if (problem) return { ok: false, problem };
    return { ok: true, value: encodeShareFragment(state) };
  }, [state]);

  const useExample = content === 'example' && example !== undefined;
  const input = {
    baseUrl,
    panels,
    clickToRun,
    theme,
    height,
    ...(file !== '' && { file }),
    ...(useExample ? { example } : fragment.ok ? { fragment: fragment.value } : {}),
    ...(parentOrigin.trim() !== '' && { parentOrigin: parentOrigin.trim() }),
    ...(engine !== undefined && { engine }),
  };
  const triggerProblem = noTriggerProblem(panels, state.files, parentOrigin);
  const blocked = (!useExample && !fragment.ok) || triggerProblem !== undefined;
  const snippet = blocked ? '' : embedSnippet(input);
  const url = blocked ? '' : embedUrl(input);
  const files = Object.keys(state.files).sort();

  const togglePanel = (panel: EmbedPanel, on: boolean) =>
    setPanels((current) => ALL_PANELS.filter((p) => (p === panel ? on : current.includes(p))));

  return (
    <Modal title="Embed this app" testId="embed-dialog" onClose={onClose} className="modal--wide">
      {servedLocally && (
        <p className="modal-problem" role="note">
          {SERVED_LOCALLY_WARNING}
        </p>
      )}
      <div className="embed-form">
        <fieldset>
          <legend>What to embed</legend>
          {example && (
            <label className="modal-check">
              <input
                type="radio"
                name={`${id}-content`}
                checked={content === 'example'}
                onChange={() => setContent('example')}
              />
              The bundled &lsquo;{example}&rsquo; example
              {unchanged === false && <span className="modal-muted"> (without your changes)</span>}
            </label>
          )}
          <label className="modal-check">
            <input
              type="radio"
              name={`${id}-content`}
              checked={content === 'app'}
              onChange={() => setContent('app')}
            />
            This app as it is now (in the address, like a share link)
          </label>
        </fieldset>
        <fieldset>
          <legend>Panels</legend>
          {ALL_PANELS.map((panel) => (
            <label key={panel} className="modal-check">
              <input
                type="checkbox"
                data-testid={`embed-panel-${panel}`}
                checked={panels.includes(panel)}
                disabled={panels.length === 1 && panels.includes(panel)}
                onChange={(e) => togglePanel(panel, e.target.checked)}
              />
              {PANEL_LABELS[panel]}
            </label>
          ))}
        </fieldset>
        <div className="embed-options">
          <label className="modal-field">
            <span>File to open</span>
            <select value={file} onChange={(e) => setFile(e.target.value)} data-testid="embed-file">
              <option value="">(the handler, as usual)</option>
              {files.map((path) => (
                <option key={path} value={path}>
                  {path}
                </option>
              ))}
            </select>
          </label>
          <label className="modal-field">
            <span>Theme</span>
            <select
              value={theme}
              onChange={(e) => setTheme(e.target.value as typeof theme)}
              data-testid="embed-theme"
            >
              <option value="system">Follow the reader&rsquo;s system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <label className="modal-field">
            <span>Height (px)</span>
            <input
              type="number"
              min={MIN_EMBED_HEIGHT}
              max={MAX_EMBED_HEIGHT}
              step={10}
              value={height}
              data-testid="embed-height"
              onChange={(e) => setHeight(Number(e.target.value) || DEFAULT_EMBED_HEIGHT)}
            />
          </label>
          <label className="modal-check">
            <input
              type="checkbox"
              checked={clickToRun}
              data-testid="embed-click-to-run"
              onChange={(e) => setClickToRun(e.target.checked)}
            />
            Click to run (nothing starts until the reader presses Run; best with several embeds on a page)
          </label>
          <label className="modal-field">
            <span>Embedding page&rsquo;s origin, for the message API (optional)</span>
            <input
              type="text"
              placeholder="https://docs.example.com"
              value={parentOrigin}
              spellCheck={false}
              onChange={(e) => setParentOrigin(e.target.value)}
            />
            {parentOrigin.trim() !== '' && parseOrigin(parentOrigin.trim()) === undefined && (
              <span className="form-error">
                Not an origin: scheme, host and port only, such as https://docs.example.com.
              </span>
            )}
          </label>
        </div>
      </div>
      {triggerProblem !== undefined ? (
        <p className="modal-problem" role="alert">
          {triggerProblem}
        </p>
      ) : blocked && !fragment.ok ? (
        <p className="modal-problem" role="alert">
          {fragment.problem}
        </p>
      ) : (
        <label className="modal-field">
          <span>Embed code</span>
          <textarea
            ref={snippetField}
            readOnly
            rows={8}
            value={snippet}
            data-testid="embed-snippet"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      )}
      <p className="modal-muted">
        The app runs inside the frame only when the embedding page is cross-origin isolated (see
        docs/embedding.md); otherwise the frame says so and offers to open the playground in a new tab.
      </p>
      <div className="modal-actions">
        {url && (
          <a href={url} target="_blank" rel="noopener noreferrer" className="modal-link">
            Try it in a new tab
          </a>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          data-testid="embed-copy"
          disabled={blocked}
          onClick={() => copy(snippet, snippetField.current)}
        >
          {copyLabel(copyState, 'Copy embed code')}
        </button>
      </div>
    </Modal>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { FunctionInfo } from '../../runtime/core/control/protocol';
import type { PlaygroundSession } from '../session/session';
import { hostAcceptsRequests, type RuntimeStore } from '../stores/runtimeStore';
import { hostStateSentence } from '../shell/handlerProblems';
import type { ComposedRequest, TriggersStore } from '../stores/triggersStore';
import {
  matchesRoute,
  normalizeTarget,
  pathForRoute,
  pathOfUrl,
  splitTarget,
  withQuery,
} from './requestTarget';
import type { QueryRow } from './requestTarget';
import { sampleRoutePath } from './routeSample';
import { isSendShortcut, SEND_REQUEST_EVENT } from './sendShortcut';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

type LastSend =
  | { readonly ok: true; readonly status: number; readonly exchangeId?: string; readonly ms: number }
  | { readonly ok: false; readonly error: string };

export interface HttpComposerProps {
  readonly triggers: TriggersStore;
  readonly runtime: RuntimeStore;
  readonly session: PlaygroundSession;
}

const isHttp = (f: FunctionInfo) => f.trigger.toLowerCase() === 'httptrigger' || f.url !== undefined;

/** The function the composed path reaches (its own path first, then its route template), if one does. */
function functionFor(functions: readonly FunctionInfo[], target: string): string {
  const path = splitTarget(target).path.toLowerCase();
  if (path === '') return '';
  const exact = (f: FunctionInfo) =>
    f.url !== undefined && pathForRoute(pathOfUrl(f.url)).toLowerCase() === path;
  const under = (f: FunctionInfo) => f.url !== undefined && matchesRoute(pathOfUrl(f.url), path);
  return (functions.find(exact) ?? functions.find(under))?.name ?? '';
}

/** The HTTP composer: a request to the front door, as a caller would send it. */
export function HttpComposer({ triggers, runtime, session }: HttpComposerProps) {
  const composer = useStore(triggers, (s) => s.composer);
  const recent = useStore(triggers, (s) => s.recent);
  const allFunctions = useStore(runtime, (s) => s.functions);
  const hostState = useStore(runtime, (s) => s.host?.state);
  const functions = allFunctions.filter(isHttp);
  const running = useStore(runtime, hostAcceptsRequests);
  const phase = useStore(runtime, (s) => s.engine.phase);
  // The host's last word, unless the engine knows better: a restart under way, or a host that was
  // Running when its process ended.
  const notRunning =
    phase === 'booting' || phase === 'starting-host'
      ? hostStateSentence('Starting')
      : hostStateSentence(phase === 'stopped' && hostState === 'Running' ? 'Stopped' : hostState);

  // Which function the picker shows: the one chosen, else the one whose path is composed.
  const [chosen, setChosen] = useState<string>();
  const picked = chosen ?? functionFor(functions, composer.path);
  const [pending, setPending] = useState(0);
  const [last, setLast] = useState<LastSend>();
  const compose = (patch: Partial<ComposedRequest>) => triggers.getState().compose(patch);

  // Query rows are edited locally (a row being typed has no key yet) and merged into the path.
  const [rows, setRows] = useState<QueryRow[]>(() => splitTarget(composer.path).query);
  const written = useRef(composer.path);
  useEffect(() => {
    if (composer.path !== written.current) {
      written.current = composer.path;
      setRows(splitTarget(composer.path).query);
    }
  }, [composer.path]);
  const setQuery = (next: QueryRow[]) => {
    setRows(next);
    const path = withQuery(composer.path, next);
    written.current = path;
    compose({ path });
  };

  const pickedFunction = functions.find((f) => f.name === picked);
  const pick = (name: string) => {
    setChosen(name);
    const fn = functions.find((f) => f.name === name);
    if (!fn) return;
    // A fresh target: the old query belonged to the old path.
    compose({
      method: fn.methods?.[0]?.toUpperCase() ?? 'GET',
      path: fn.url ? sampleRoutePath(pathOfUrl(fn.url)) : `/api/${fn.name}`,
    });
  };

  const send = async () => {
    if (!running) return;
    // Read from the store, not this render: a "try this" chip fills the composer and sends at once.
    const current = triggers.getState().composer;
    const request: ComposedRequest = { ...current, path: normalizeTarget(current.path) };
    if (request.path !== current.path) compose({ path: request.path });
    setPending((n) => n + 1);
    const started = performance.now();
    try {
      const result = await session.sendRequest(request);
      setLast({ ok: true, ...result, ms: performance.now() - started });
    } catch (e) {
      setLast({ ok: false, error: (e as Error).message });
    } finally {
      setPending((n) => n - 1);
    }
  };
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });

  useEffect(() => {
    const onRequest = (e: Event) => {
      e.preventDefault();
      void sendRef.current();
    };
    window.addEventListener(SEND_REQUEST_EVENT, onRequest);
    return () => window.removeEventListener(SEND_REQUEST_EVENT, onRequest);
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!isSendShortcut(e)) return;
    e.preventDefault();
    void send();
  };

  const methods = [...new Set([...METHODS, ...(pickedFunction?.methods ?? []).map((m) => m.toUpperCase())])];
  const allowed = pickedFunction?.methods?.map((m) => m.toUpperCase());
  const wrongMethod =
    pickedFunction && allowed && allowed.length > 0 && !allowed.includes(composer.method.toUpperCase());

  return (
    <form className="tp-composer" aria-label="HTTP request" onSubmit={onSubmit} onKeyDown={onKeyDown}>
      <div className="tp-line">
        <label className="tp-field">
          <span>Function</span>
          <select data-testid="composer-function" value={picked} onChange={(e) => pick(e.target.value)}>
            <option value="">(any path)</option>
            {functions.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
                {f.disabled ? ' (disabled)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="tp-line">
        <select
          aria-label="Method"
          data-testid="composer-method"
          value={composer.method.toUpperCase()}
          onChange={(e) => compose({ method: e.target.value })}
        >
          {methods.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          className="tp-grow tp-mono"
          aria-label="Path"
          data-testid="composer-path"
          spellCheck={false}
          value={composer.path}
          placeholder="/api/function?name=value"
          onChange={(e) => {
            // Kept exactly as typed, `?` and query included; the query rows follow it.
            setChosen(undefined);
            compose({ path: e.target.value });
          }}
        />
      </div>
      {wrongMethod && pickedFunction && allowed && (
        <p className="tp-note" data-testid="composer-method-note">
          {pickedFunction.name} accepts {allowed.join(', ')} only: the host answers 404 to other methods.
        </p>
      )}

      <KeyValueRows
        title="Query"
        noun="query parameter"
        testId="composer-query"
        rows={rows}
        onChange={setQuery}
      />
      <KeyValueRows
        title="Headers"
        noun="header"
        testId="composer-header"
        rows={composer.headers}
        onChange={(headers) => compose({ headers })}
      />

      <label className="tp-field tp-block">
        <span>Body</span>
        <textarea
          className="tp-mono"
          data-testid="composer-body"
          aria-label="Request body"
          rows={6}
          spellCheck={false}
          value={composer.body}
          onChange={(e) => compose({ body: e.target.value })}
        />
      </label>

      <div className="tp-line tp-send-line">
        <button
          type="submit"
          className="tp-primary"
          data-testid="composer-send"
          disabled={!running}
          title={running ? 'Send (Ctrl+Enter)' : 'The host is not running yet'}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          Send
        </button>
        <span className="tp-muted">Ctrl+Enter</span>
        <span className="tp-status" role="status" data-testid="composer-status">
          {!running ? (
            <span className="tp-muted">{notRunning}</span>
          ) : pending > 0 ? (
            'Sending…'
          ) : last?.ok ? (
            <>
              <span className={`tp-http tp-http-${Math.floor(last.status / 100)}xx`}>{last.status}</span> in{' '}
              {Math.round(last.ms)} ms
              {last.exchangeId && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="tp-link"
                    onClick={() => session.stores.exchanges.getState().select(last.exchangeId)}
                  >
                    show exchange
                  </button>
                </>
              )}
            </>
          ) : last ? (
            <span className="tp-error">{last.error}</span>
          ) : null}
        </span>
      </div>

      {recent.length > 0 && (
        <section className="tp-recent" aria-label="Recent requests">
          <h4>Recent</h4>
          <ul>
            {recent.map((r, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="tp-recent-item"
                  data-testid="recent-request"
                  title="Put this request back in the composer"
                  onClick={() => {
                    compose(r);
                    setChosen(undefined);
                  }}
                >
                  <span className="tp-method">{r.method}</span> <span className="tp-mono">{r.path}</span>
                  {r.body && (
                    <span className="tp-muted tp-preview"> {r.body.replace(/\s+/g, ' ').slice(0, 60)}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}

interface KeyValueRowsProps {
  readonly title: string;
  readonly noun: string;
  readonly testId: string;
  readonly rows: readonly QueryRow[];
  readonly onChange: (rows: QueryRow[]) => void;
}

/** Name/value rows with add and remove, for the query and the headers. */
function KeyValueRows({ title, noun, testId, rows, onChange }: KeyValueRowsProps) {
  const set = (i: number, row: QueryRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset className="tp-rows">
      <legend>{title}</legend>
      {rows.map(([key, value], i) => (
        <div className="tp-line" key={i} data-testid={`${testId}-row`}>
          <input
            className="tp-mono tp-key"
            aria-label={`${title}: name ${i + 1}`}
            data-testid={`${testId}-name`}
            spellCheck={false}
            value={key}
            placeholder="name"
            onChange={(e) => set(i, [e.target.value, value])}
          />
          <input
            className="tp-mono tp-grow"
            aria-label={`${title}: value of ${key || `row ${i + 1}`}`}
            data-testid={`${testId}-value`}
            spellCheck={false}
            value={value}
            placeholder="value"
            onChange={(e) => set(i, [key, e.target.value])}
          />
          <button
            type="button"
            className="tp-icon"
            aria-label={`Remove ${noun} ${key || i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="tp-add"
        data-testid={`${testId}-add`}
        onClick={() => onChange([...rows, ['', '']])}
      >
        + Add {noun}
      </button>
    </fieldset>
  );
}

import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import { formatClockTime, formatDuration, statusLabel, statusTone, TRIGGER_LABELS } from './format';
import { HopView } from './HopView';
import { parseJsonTree } from './jsonTree';
import { JsonView } from './JsonView';
import './ExchangeDetail.css';

export interface ExchangeDetailProps {
  readonly exchange: Exchange;
  /** The exchange that caused this one, when the log still has it. */
  readonly cause?: Exchange;
  /** What this exchange caused (queue messages' invocations), in time order. */
  readonly effects: readonly Exchange[];
  readonly onSelect: (id: string) => void;
  /** What a person can do with it (send again, copy, compare), under its facts. */
  readonly actions?: ReactNode;
}

/** One invocation in full: hints first, then every hop in order, then logs and outputs. */
export function ExchangeDetail({ exchange: x, cause, effects, onSelect, actions }: ExchangeDetailProps) {
  const trigger = TRIGGER_LABELS[x.trigger];
  return (
    <article className="xp-detail" aria-label={`Exchange ${x.title}`} data-testid="exchange-detail">
      <header className="xp-detail-head">
        <h3 className="xp-detail-title">
          <span className={`xp-status xp-tone-${statusTone(x)}`} data-testid="detail-status">
            {statusLabel(x)}
          </span>{' '}
          {x.title}
        </h3>
        <dl className="xp-facts">
          <div>
            <dt>Function</dt>
            <dd>{x.functionName ?? '(none matched)'}</dd>
          </div>
          <div>
            <dt>Trigger</dt>
            <dd>
              {trigger.label}
              {x.mode ? ` (${x.mode})` : ''}
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatClockTime(x.startedAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{x.state === 'in-progress' ? 'running…' : formatDuration(x.durationMs)}</dd>
          </div>
          {x.invocationId && (
            <div>
              <dt>Invocation id</dt>
              <dd className="xp-mono" data-testid="detail-invocation-id">
                {x.invocationId}
              </dd>
            </div>
          )}
        </dl>
        {actions}
      </header>

      {(x.causedBy !== undefined || effects.length > 0) && (
        <nav className="xp-links" aria-label="Related exchanges">
          {x.causedBy !== undefined && (
            <p>
              Caused by{' '}
              {cause ? (
                <button
                  type="button"
                  className="xp-link"
                  data-testid="cause-link"
                  onClick={() => onSelect(cause.id)}
                >
                  {cause.title}
                </button>
              ) : (
                <span className="xp-muted">an exchange no longer in the log</span>
              )}
            </p>
          )}
          {effects.length > 0 && (
            <p>
              Caused{' '}
              {effects.map((e, i) => (
                <span key={e.id}>
                  {i > 0 && ', '}
                  <button
                    type="button"
                    className="xp-link"
                    data-testid="effect-link"
                    onClick={() => onSelect(e.id)}
                  >
                    {e.functionName ?? e.title}
                  </button>{' '}
                  <span className={`xp-status xp-tone-${statusTone(e)}`}>{statusLabel(e)}</span>
                </span>
              ))}
            </p>
          )}
        </nav>
      )}

      {x.error && (
        <p className="xp-error" data-testid="exchange-error">
          {x.error}
        </p>
      )}

      {x.hints.length > 0 && (
        <ul className="xp-hints" aria-label="Hints">
          {x.hints.map((h, i) => (
            <li key={i} className="xp-hint" data-testid="hint" data-hint-code={h.code}>
              <span className="xp-hint-mark" aria-hidden="true">
                !
              </span>
              <span className="xp-hint-text">{h.message}</span> <code className="xp-hint-code">{h.code}</code>
            </li>
          ))}
        </ul>
      )}

      <ol className="xp-hops" aria-label="Hops, in order">
        {x.hops.map((hop, i) => (
          <HopView key={i} hop={hop} index={i} />
        ))}
      </ol>
      {x.state === 'in-progress' && (
        <p className="xp-muted xp-waiting">
          <span className="xp-spinner" aria-hidden="true" /> Waiting for the rest of the exchange…
        </p>
      )}

      {x.logs.length > 0 && (
        <section className="xp-section" aria-label="Logs">
          <h4>Logs</h4>
          <pre className="xp-code xp-wrap" data-testid="exchange-logs">
            {x.logs.join('\n')}
          </pre>
        </section>
      )}

      {x.outputs.length > 0 && (
        <section className="xp-section" aria-label="Outputs">
          <h4>Outputs</h4>
          <ul className="xp-outputs">
            {x.outputs.map((o, i) => (
              <li key={i} data-testid="exchange-output">
                <span className="xp-output-name">{o.binding}</span> <span className="xp-tag">{o.type}</span>
                <OutputValue value={o.value} label={o.binding} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

function OutputValue({ value, label }: { value: string; label: string }) {
  const node = useMemo(() => (value.length <= 256 * 1024 ? parseJsonTree(value) : undefined), [value]);
  if (node && (node.kind === 'object' || node.kind === 'array' || node.kind === 'string'))
    return <JsonView node={node} label={label} />;
  return <pre className="xp-code xp-wrap">{value}</pre>;
}

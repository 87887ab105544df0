import { useMemo } from 'react';
import type { Exchange } from '../../../runtime/core/exchange/exchange';
import { describeHop, formatClockTime } from '../format';
import type { DiffKind, DiffRow } from './exchangeDiff';
import { diffExchanges } from './exchangeDiff';
import './DiffView.css';

export interface DiffViewProps {
  readonly left: Exchange;
  readonly right: Exchange;
  readonly onClose: () => void;
}

/** Said in words beside each row, so a difference does not rest on colour alone. */
const KIND_WORDS: Readonly<Record<DiffKind, string>> = {
  same: '',
  changed: 'differs',
  'left-only': 'left only',
  'right-only': 'right only',
};

function name(x: Exchange): string {
  return `${x.title} at ${formatClockTime(x.startedAt)}`;
}

function Rows({ rows, caption }: { readonly rows: readonly DiffRow[]; readonly caption: string }) {
  return (
    <table className="xd-table">
      <caption className="xp-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Left</th>
          <th scope="col">Right</th>
          <th scope="col">
            <span className="xp-sr-only">Difference</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={`xd-${r.kind}`} data-kind={r.kind}>
            <th scope="row">{r.name}</th>
            <td>
              <pre className="xd-cell">{r.left ?? '—'}</pre>
            </td>
            <td>
              <pre className="xd-cell">{r.right ?? '—'}</pre>
            </td>
            <td className="xd-mark">{KIND_WORDS[r.kind]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two exchanges side by side: facts, then hop by hop, header by header. */
export default function DiffView({ left, right, onClose }: DiffViewProps) {
  const diff = useMemo(() => diffExchanges(left, right), [left, right]);
  return (
    <article className="xd" aria-label="Comparison of two exchanges">
      <header className="xd-head">
        <h3>
          Comparing <span className="xd-side">left: {name(left)}</span> with{' '}
          <span className="xd-side">right: {name(right)}</span>
        </h3>
        <p role="status">
          {diff.changes === 0
            ? 'No difference in what was sent and answered.'
            : `${diff.changes} difference${diff.changes === 1 ? '' : 's'}.`}
        </p>
        <button type="button" onClick={onClose}>
          Close comparison
        </button>
      </header>
      <section aria-label="Facts">
        <h4>Facts</h4>
        <Rows rows={diff.facts} caption="Facts of the two exchanges" />
      </section>
      {diff.hops.map((hop, i) => {
        const title = `${describeHop(hop.from, hop.to)}${hop.occurrence > 0 ? ` (again, ${hop.occurrence + 1})` : ''}`;
        return (
          <section key={i} className={`xd-hop xd-${hop.kind}`} aria-label={title} data-kind={hop.kind}>
            <h4>
              {title} <span className="xd-mark">{KIND_WORDS[hop.kind]}</span>
            </h4>
            <Rows rows={hop.summary} caption={`${title}: start line, time and body`} />
            {hop.headers.length > 0 && <Rows rows={hop.headers} caption={`${title}: headers`} />}
          </section>
        );
      })}
    </article>
  );
}

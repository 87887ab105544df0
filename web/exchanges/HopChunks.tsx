import { useMemo } from 'react';
import type { Hop } from '../../runtime/core/exchange/exchange';
import { bodyPieces } from './bodyPieces';
import { formatBytes, formatDuration, formatOffset } from './format';
import './HopChunks.css';

/**
 * How the body arrived: one piece, or a stream of pieces each with the time it came. This is
 * where proxying shows itself: its answers pass on piece by piece, while a payload answer reaches
 * the caller in one piece once the handler's whole answer is in.
 */
export function HopChunks({ hop }: { readonly hop: Hop }) {
  const pieces = useMemo(() => bodyPieces(hop), [hop]);
  if (pieces.length === 0) return null;
  const streaming = hop.message === undefined;
  if (pieces.length === 1 && !streaming) {
    return (
      <p className="xp-note-line" data-testid="hop-one-piece">
        The body went in one piece, at {formatOffset(pieces[0]!.atMs)}.
      </p>
    );
  }
  const spread = pieces[pieces.length - 1]!.atMs - pieces[0]!.atMs;
  return (
    <section className="xp-chunks" aria-label="Body pieces as they arrived" data-testid="hop-chunks">
      <p className="xp-note-line">
        {streaming ? 'Streaming: ' : 'Streamed: '}
        {pieces.length} pieces over {formatDuration(spread)}
        {streaming && ', more to come'}.
      </p>
      <ol className="xp-chunk-list">
        {pieces.map((piece, i) => (
          <li key={i} className="xp-chunk" data-testid="hop-chunk">
            <span className="xp-chunk-at">{formatOffset(piece.atMs)}</span>
            <span className="xp-chunk-size">{formatBytes(piece.size)}</span>
            <pre className="xp-code xp-wrap xp-chunk-text">{piece.text}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}

import type { Tone } from './status';
import './statusPill.css';

/** A labelled status with a coloured dot: green ok, amber busy, red error, grey idle. */
export function StatusPill({
  label,
  value,
  tone,
  title,
}: {
  readonly label: string;
  readonly value: string;
  readonly tone: Tone;
  readonly title?: string;
}) {
  return (
    <span className={`status-pill status-pill--${tone}`} title={title} data-tone={tone}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{label}</span> <span className="status-value">{value}</span>
    </span>
  );
}

import type { Exchange, ExchangeTrigger, Party, WireBody } from '../../runtime/core/exchange/exchange';

/** `0.4 ms`, `7.3 ms`, `40 ms`, `1.23 s`, `2m 5s`; empty while unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const abs = Math.max(0, ms);
  if (abs < 10) return `${abs.toFixed(1)} ms`;
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(2)} s`;
  const minutes = Math.floor(abs / 60_000);
  return `${minutes}m ${Math.floor((abs - minutes * 60_000) / 1000)}s`;
}

/** A hop's time since the exchange started: `+33.8 ms`. */
export function formatOffset(atMs: number): string {
  return `+${formatDuration(atMs)}`;
}

/** Local wall-clock time with milliseconds: `23:47:19.026`. */
export function formatClockTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

export type Tone = 'ok' | 'warning' | 'error' | 'pending';

/** The colour of an exchange's outcome: the HTTP status's class, or how the invocation ended. */
export function statusTone(x: Pick<Exchange, 'state' | 'status'>): Tone {
  if (x.state === 'in-progress') return 'pending';
  if (x.status !== undefined) return x.status >= 500 ? 'error' : x.status >= 400 ? 'warning' : 'ok';
  return x.state === 'failed' ? 'error' : 'ok';
}

export function statusLabel(x: Pick<Exchange, 'state' | 'status'>): string {
  if (x.status !== undefined) return String(x.status);
  return x.state === 'in-progress' ? 'running' : x.state === 'failed' ? 'failed' : 'done';
}

export const TRIGGER_LABELS: Readonly<
  Record<ExchangeTrigger, { readonly icon: string; readonly label: string }>
> = {
  http: { icon: '⇄', label: 'HTTP' },
  queue: { icon: '☰', label: 'Queue' },
  timer: { icon: '◷', label: 'Timer' },
  admin: { icon: '⚙', label: 'Admin' },
};

const HOP_WORDS: Readonly<Record<string, string>> = {
  'caller>host': 'The request the caller sent to the front door',
  'host>handler': 'What the host sent to your handler',
  'handler>host': 'What your handler answered',
  'host>caller': 'What the caller got back from the host',
  'queue>host': 'A queue message the host picked up',
  'host>queue': 'A message the host put on a queue',
  'timer>host': 'The timer fired',
};

/** What a hop is, in plain words. */
export function describeHop(from: Party, to: Party): string {
  return HOP_WORDS[`${from}>${to}`] ?? `From the ${from} to the ${to}`;
}

/** How many body bytes the log kept (the rest was cut at its per-message limit). */
export function keptBytes(body: WireBody): number {
  if (body.encoding === 'base64') {
    const padding = body.data.endsWith('==') ? 2 : body.data.endsWith('=') ? 1 : 0;
    return Math.max(0, Math.floor((body.data.length * 3) / 4) - padding);
  }
  return new TextEncoder().encode(body.data).length;
}

/** `512 B`, `1.5 kB`, `2.0 MB`. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** Whether a message says its body is JSON (`application/json`, `application/problem+json`...). */
export function isJsonContentType(headers: readonly (readonly [string, string])[]): boolean {
  const type = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  return /^[^;]*[/+]json\s*(;|$)/i.test(type.trim());
}

/**
 * What was written between two snapshots of the terminal buffer, which is capped and so may
 * have lost its start. `reset` means the buffer was cleared or replaced: redraw it whole.
 */
export function appendedText(previous: string, next: string): { reset: boolean; text: string } {
  if (next.startsWith(previous)) return { reset: false, text: next.slice(previous.length) };
  if (next === '') return { reset: true, text: '' };
  // The buffer slid: its start was dropped, so a suffix of `previous` begins `next`.
  for (let dropped = 1; dropped < previous.length; dropped++) {
    const kept = previous.length - dropped;
    if (kept <= next.length && next.startsWith(previous.slice(dropped))) {
      return { reset: false, text: next.slice(kept) };
    }
  }
  return { reset: true, text: next };
}

/** Terminal text without ANSI escape sequences, for the plain fallback view. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007|\r(?=\n)/g, '');
}

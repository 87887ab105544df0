import { terminalChange, type TerminalStore } from '../stores/terminalStore';
import { stripAnsi } from './stripAnsi';

/** What the plain view keeps of the end of the output: enough to read back, cheap to lay out. */
export const PLAIN_MAX = 64 * 1024;

/**
 * Follows the terminal store in `pre` as plain text, for as long as xterm is not there.
 *
 * Writes are gathered and added once per animation frame, each batch in a block of its own: a
 * block is laid out alone, so a busy host (a line per request) costs the new lines only, not a
 * re-render and re-layout of the whole buffer on every write. The view scrolls with the output
 * only while the reader is at its end.
 */
export function followPlainTerminal(pre: HTMLElement, store: TerminalStore): () => void {
  let pending = '';
  let reset = true;
  let kept = 0;
  let frame = 0;

  const flush = () => {
    frame = 0;
    const atEnd = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 8;
    if (reset) {
      pre.replaceChildren();
      kept = 0;
      reset = false;
    }
    const text = stripAnsi(pending.length > PLAIN_MAX ? pending.slice(-PLAIN_MAX) : pending);
    pending = '';
    if (text) {
      const last = pre.lastElementChild;
      // A line that was cut off by the previous batch goes on in the same block.
      if (last && !last.textContent!.endsWith('\n')) last.append(text);
      else pre.append(block(pre.ownerDocument, text));
      kept += text.length;
    }
    while (kept > PLAIN_MAX && pre.childElementCount > 1) {
      kept -= pre.firstElementChild!.textContent!.length;
      pre.firstElementChild!.remove();
    }
    if (atEnd) pre.scrollTop = pre.scrollHeight;
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(flush);
  };

  pending = store.getState().buffer;
  schedule();
  const unsubscribe = store.subscribe((state, previous) => {
    const change = terminalChange(previous, state);
    if (change.reset) {
      reset = true;
      pending = change.text;
    } else pending += change.text;
    schedule();
  });
  return () => {
    unsubscribe();
    cancelAnimationFrame(frame);
  };
}

function block(doc: Document, text: string): HTMLElement {
  const div = doc.createElement('div');
  div.textContent = text;
  return div;
}

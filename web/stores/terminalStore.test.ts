import { describe, expect, it } from 'vitest';
import { createTerminalStore, MAX_BUFFER, terminalChange } from './terminalStore';

describe('the terminal store', () => {
  it('tells a following view each write, and a reset after a clear', () => {
    const store = createTerminalStore();
    const seen: { reset: boolean; text: string }[] = [];
    store.subscribe((state, previous) => seen.push(terminalChange(previous, state)));
    store.getState().write('Functions:\r\n');
    store.getState().write('\thello: [GET]\r\n');
    store.getState().clear();
    store.getState().write('again');
    expect(seen).toEqual([
      { reset: false, text: 'Functions:\r\n' },
      { reset: false, text: '\thello: [GET]\r\n' },
      { reset: true, text: '' },
      { reset: false, text: 'again' },
    ]);
    expect(store.getState().buffer).toBe('again');
  });

  it('redraws whole when the view is more than one write behind', () => {
    const store = createTerminalStore();
    const before = store.getState();
    store.getState().write('a');
    store.getState().write('b');
    expect(terminalChange(before, store.getState())).toEqual({ reset: true, text: 'ab' });
  });

  it('keeps the end of long output, at least MAX_BUFFER of it, and never much more', () => {
    const store = createTerminalStore();
    const line = `${'x'.repeat(99)}\n`;
    let written = '';
    for (let i = 0; i < 5000; i++) {
      store.getState().write(line);
      written += line;
    }
    const { buffer } = store.getState();
    expect(buffer.length).toBeGreaterThanOrEqual(MAX_BUFFER);
    expect(buffer.length).toBeLessThanOrEqual(MAX_BUFFER + 64 * 1024);
    expect(written.endsWith(buffer)).toBe(true);
  });
});

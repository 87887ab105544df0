/** The terminal proper: xterm and its fit addon, in their own lazy chunk. */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalStore } from '../stores/terminalStore';
import { terminalChange } from '../stores/terminalStore';

export interface TerminalView {
  setDark(dark: boolean): void;
  dispose(): void;
}

function cssVar(el: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

function themeFor(el: HTMLElement, dark: boolean): ITheme {
  const background = cssVar(el, '--panel', dark ? '#1d2027' : '#f6f7f9');
  const foreground = cssVar(el, '--fg', dark ? '#e3e6ec' : '#1d2330');
  const selection = cssVar(el, '--selection', dark ? '#26385a' : '#dce8fd');
  // xterm's default palette is made for dark backgrounds; darken the pale colours on light ones.
  const light: ITheme = {
    black: '#1d2330',
    red: '#c4302b',
    green: '#1f7a43',
    yellow: '#8a5a00',
    blue: '#2f5fc4',
    magenta: '#9b3bb0',
    cyan: '#13748a',
    white: '#5d6676',
    brightBlack: '#5d6676',
    brightWhite: '#1d2330',
  };
  return {
    background,
    foreground,
    cursor: foreground,
    selectionBackground: selection,
    ...(dark ? {} : light),
  };
}

/** Shows the terminal store in `el`: replays the buffer, then follows it. Returns its controls. */
export function mountTerminal(el: HTMLElement, store: TerminalStore, dark: boolean): TerminalView {
  const term = new Terminal({
    convertEol: true,
    disableStdin: true,
    cursorBlink: false,
    scrollback: 5000,
    fontSize: 12,
    fontFamily: cssVar(el, '--mono-font', 'monospace'),
    theme: themeFor(el, dark),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(el);
  // The terminal only shows output: Tab and Shift+Tab are left to the browser, so focus moves on.
  term.attachCustomKeyEventHandler((e) => e.key !== 'Tab');
  const refit = () => {
    if (el.clientWidth > 0 && el.clientHeight > 0) fit.fit();
  };
  refit();
  term.write(store.getState().buffer);
  // Each write goes to xterm as it comes: no comparing of the (large) buffer.
  const unsubscribe = store.subscribe((state, previous) => {
    const { reset, text } = terminalChange(previous, state);
    if (reset) term.reset();
    if (text) term.write(text);
  });
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(refit);
  });
  observer.observe(el);
  return {
    setDark: (value) => (term.options.theme = themeFor(el, value)),
    dispose() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      unsubscribe();
      term.dispose();
    },
  };
}

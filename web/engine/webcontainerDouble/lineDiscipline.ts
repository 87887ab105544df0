/** Linux's MAX_CANON: a canonical line holds at most this many characters; the rest are dropped. */
export const MAX_CANON = 4095;

const ERASE = '\u007f';
const BACKSPACE = '\b';
const KILL = '\u0015'; // ^U
const EOF = '\u0004'; // ^D

export interface Typed {
  /** What the terminal shows back (the echo), after output processing (\n → \r\n). */
  readonly echo: string;
  /** What the process can read now. */
  readonly readable: string;
  /** ^D on an empty line: the reader sees end of input. */
  readonly endOfInput: boolean;
}

/**
 * A pseudo-terminal's line discipline in the default (cooked) mode, as a process reading a PTY
 * sees it before it calls `setRawMode(true)`, and what matters of it to a program that writes to
 * that process:
 *
 * - ECHO and ECHOCTL: every accepted character is shown back, control characters as `^X`
 *   (ESC as `^[`), so a control frame written to a cooked terminal comes back as visible junk;
 * - ICANON: input is readable only line by line: a line without its newline waits, and
 *   characters past MAX_CANON are dropped, so a long frame arrives cut;
 * - ICRNL: a carriage return is read as a newline;
 * - ERASE (DEL, BS), KILL (^U) and EOF (^D) edit the line, as a person typing would.
 *
 * Signals (^C, ^Z), flow control and the other flags are not modelled: the playground never
 * types them. In raw mode (after `setRaw`) input passes through unchanged and unechoed.
 */
export class LineDiscipline {
  private line = '';
  private raw = false;

  get isRaw(): boolean {
    return this.raw;
  }

  type(text: string): Typed {
    if (this.raw) return { echo: '', readable: text, endOfInput: false };
    let echo = '';
    let readable = '';
    let endOfInput = false;
    for (const typed of text) {
      const c = typed === '\r' ? '\n' : typed;
      if (c === '\n') {
        echo += '\r\n';
        readable += `${this.line}\n`;
        this.line = '';
      } else if (c === ERASE || c === BACKSPACE) {
        if (this.line === '') continue;
        const last = [...this.line].pop()!;
        this.line = this.line.slice(0, this.line.length - last.length);
        echo += isControl(last) ? '\b\b  \b\b' : '\b \b'; // a ^X took two columns
      } else if (c === KILL) {
        echo += '\b \b'.repeat(echoWidth(this.line));
        this.line = '';
      } else if (c === EOF) {
        if (this.line === '') endOfInput = true;
        readable += this.line;
        this.line = '';
      } else if (this.line.length < MAX_CANON) {
        this.line += c;
        echo += showControl(c);
      }
    }
    return { echo, readable, endOfInput };
  }

  /**
   * Leaves cooked mode, as `setRawMode(true)` does. Whatever the line held becomes readable at
   * once, as Linux does when ICANON is switched off.
   */
  setRaw(): string {
    this.raw = true;
    const pending = this.line;
    this.line = '';
    return pending;
  }
}

function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code < 0x20 && c !== '\t') || code === 0x7f;
}

function showControl(c: string): string {
  if (!isControl(c)) return c;
  return `^${String.fromCharCode(c.charCodeAt(0) ^ 0x40)}`;
}

function echoWidth(line: string): number {
  let width = 0;
  for (const c of line) width += isControl(c) ? 2 : 1;
  return width;
}

import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../../../runtime/core/control/framing';
import { LineDiscipline, MAX_CANON } from './lineDiscipline';

describe('LineDiscipline (the double PTY in cooked mode)', () => {
  it('echoes what is typed and makes it readable only line by line, a carriage return ending a line', () => {
    const tty = new LineDiscipline();
    expect(tty.type('hel')).toEqual({ echo: 'hel', readable: '', endOfInput: false });
    expect(tty.type('lo\rnext\n')).toEqual({
      echo: 'lo\r\nnext\r\n',
      readable: 'hello\nnext\n',
      endOfInput: false,
    });
  });

  it('shows a control frame back as junk (ESC as ^[) and holds it, having no newline', () => {
    const tty = new LineDiscipline();
    const frame = encodeFrame({ type: 'state.get', id: 'c1' });
    const typed = tty.type(frame);
    expect(typed.readable).toBe('');
    expect(typed.echo.startsWith('^[_fchp1;')).toBe(true);
    expect(typed.echo).not.toContain('\u001b');
  });

  it(`cuts a line at ${MAX_CANON} characters, dropping the rest unechoed`, () => {
    const tty = new LineDiscipline();
    const { echo } = tty.type('x'.repeat(MAX_CANON + 10));
    expect(echo).toHaveLength(MAX_CANON);
    expect(tty.type('\n').readable).toBe(`${'x'.repeat(MAX_CANON)}\n`);
  });

  it('edits the line with erase and kill, and ^D flushes it or signals end of input on an empty line', () => {
    const tty = new LineDiscipline();
    expect(tty.type('ab\u007f').echo).toBe('ab\b \b');
    expect(tty.type('\u001b\u007f').echo).toBe('^[\b\b  \b\b');
    expect(tty.type('cd\u0015').echo).toBe('cd' + '\b \b'.repeat(3));
    expect(tty.type('z\u0004')).toEqual({ echo: 'z', readable: 'z', endOfInput: false });
    expect(tty.type('\u0004').endOfInput).toBe(true);
  });

  it('in raw mode passes input through unechoed, and switching releases the pending line', () => {
    const tty = new LineDiscipline();
    tty.type('partial');
    expect(tty.setRaw()).toBe('partial');
    expect(tty.type('\u001b_x\r')).toEqual({ echo: '', readable: '\u001b_x\r', endOfInput: false });
  });
});

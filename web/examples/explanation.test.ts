import { describe, expect, test } from 'vitest';
import { explanationFor, firstParagraph, inlineRuns } from './explanation';

describe('the gallery explanation', () => {
  test('is the first paragraph after the title, lines joined', () => {
    const readme = '# hello: a title\n\nIn the exchanges panel, open\na call.\n\nMore text.\n';
    expect(firstParagraph(readme)).toBe('In the exchanges panel, open a call.');
    expect(firstParagraph('# only a title\n')).toBe('');
    expect(firstParagraph('No title\nhere\r\n\r\nnext')).toBe('No title here');
  });

  test('splits code and bold runs from plain text, and leaves markup as text', () => {
    expect(inlineRuns('the mode is **proxy**, so `Host` is <b>set</b>')).toEqual([
      { kind: 'text', text: 'the mode is ' },
      { kind: 'strong', text: 'proxy' },
      { kind: 'text', text: ', so ' },
      { kind: 'code', text: 'Host' },
      { kind: 'text', text: ' is <b>set</b>' },
    ]);
    expect(inlineRuns('an unclosed `tick')).toEqual([{ kind: 'text', text: 'an unclosed `tick' }]);
  });

  test('is there only for a bundled example with a README', () => {
    const readmes = { '/examples/hello/README.md': '# hello\n\nLook at `x`.\n' };
    expect(explanationFor('hello', readmes)).toEqual([
      { kind: 'text', text: 'Look at ' },
      { kind: 'code', text: 'x' },
      { kind: 'text', text: '.' },
    ]);
    expect(explanationFor('other', readmes)).toBeUndefined();
    expect(explanationFor(undefined, readmes)).toBeUndefined();
  });
});

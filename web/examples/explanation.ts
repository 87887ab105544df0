/**
 * The gallery's "what to look at": each example README's first paragraph, shown above the
 * workspace while that example is open. Markdown is not rendered as HTML: the text is split into
 * plain, code and bold runs that the page shows as text.
 */

export interface Run {
  readonly kind: 'text' | 'code' | 'strong';
  readonly text: string;
}

/** The first paragraph after the title: consecutive non-blank lines, headings skipped, joined. */
export function firstParagraph(readme: string): string {
  const lines = readme.split(/\r?\n/);
  const paragraph: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      if (paragraph.length > 0) break;
      continue;
    }
    if (trimmed === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(trimmed);
  }
  return paragraph.join(' ');
}

/** Splits `code` spans and **bold** runs from plain text; anything unmatched stays plain. */
export function inlineRuns(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) runs.push({ kind: 'text', text: text.slice(at, match.index) });
    if (match[1] !== undefined) runs.push({ kind: 'code', text: match[1] });
    else runs.push({ kind: 'strong', text: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ kind: 'text', text: text.slice(at) });
  return runs;
}

/** The explanation for an example from the bundled READMEs (keyed `/examples/<name>/README.md`). */
export function explanationFor(
  example: string | undefined,
  readmes: Readonly<Record<string, string>>,
): Run[] | undefined {
  if (example === undefined) return undefined;
  const readme = readmes[`/examples/${example}/README.md`];
  if (readme === undefined) return undefined;
  const paragraph = firstParagraph(readme);
  return paragraph === '' ? undefined : inlineRuns(paragraph);
}

/**
 * Whether the page is an embed, and whether the app waits for a click before it runs (embeds do
 * unless `run=auto`; `run=click` asks it of any page). Invalid values count as embedOptions.ts
 * reads them (it also reports them). No imports: the inline script at the top of the built page
 * reads these too.
 */
export function isEmbed(params: URLSearchParams): boolean {
  const value = params.get('embed');
  // Any other value means the author meant an embed.
  return value !== null && !['0', 'false'].includes(value.toLowerCase());
}

export function clickToRunFrom(params: URLSearchParams): boolean {
  const run = params.get('run');
  if (run === 'click') return true;
  if (run === 'auto') return false;
  return isEmbed(params);
}

/**
 * Whether the page will most likely run the in-page engine: no other engine asked for by
 * `?engine=`, not served by npm start (its config in the page), and not an embed that waits for
 * a click (a docs page with several of them starts no engine until asked). No imports: the
 * inline script at the top of the built page uses it too.
 */
export interface EarlyPage {
  readonly location: { readonly search: string; readonly href: string };
  readonly document: Pick<Document, 'querySelector'>;
  readonly crossOriginIsolated?: boolean;
}

export function likelyInPage(page: EarlyPage, clickToRun: boolean): boolean {
  const requested = new URLSearchParams(page.location.search).get('engine');
  if (requested !== null && requested !== 'inpage') return false;
  if (requested === null && page.document.querySelector('meta[name="fchp-engine"]')) return false;
  return !clickToRun;
}

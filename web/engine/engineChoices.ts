import type { EngineKind } from './engine';

/** An engine the person can switch to on this page, as the toolbar lists it. */
export interface EngineChoice {
  readonly kind: EngineKind;
  readonly label: string;
}

const LABELS: Readonly<Record<EngineKind, string>> = {
  inpage: 'In the page',
  webcontainer: 'WebContainer',
  local: 'Local (npm start)',
  fake: 'Demo',
};

/** Every kind `?engine=` accepts. */
export const ENGINE_KINDS: readonly EngineKind[] = ['inpage', 'webcontainer', 'local', 'fake'];

export function isEngineKind(value: string | null | undefined): value is EngineKind {
  return (ENGINE_KINDS as readonly (string | null | undefined)[]).includes(value);
}

/**
 * The engines this page can run: in the page and a WebContainer anywhere (the WebContainer says
 * itself when the page is not set up for it), the local engine only when `npm start` served the
 * page. The demo engine is for tests and shows only while it runs.
 */
export function engineChoices(options: { servedLocally: boolean; current: EngineKind }): EngineChoice[] {
  const kinds: EngineKind[] = [
    ...(options.servedLocally ? (['local'] as const) : []),
    'inpage',
    'webcontainer',
  ];
  if (!kinds.includes(options.current)) kinds.push(options.current);
  return kinds.map((kind) => ({ kind, label: LABELS[kind] }));
}

/** The `?engine=` the address asks for, if it names one. */
export function requestedEngine(search: string): EngineKind | undefined {
  const value = new URLSearchParams(search).get('engine');
  return isEngineKind(value) ? value : undefined;
}

/** The same address with `?engine=<kind>`: what a reload into another engine opens. */
export function addressWithEngine(href: string, kind: EngineKind): string {
  const url = new URL(href);
  url.searchParams.set('engine', kind);
  return url.href;
}

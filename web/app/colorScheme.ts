import { useSyncExternalStore } from 'react';

const DARK = '(prefers-color-scheme: dark)';

function query(): MediaQueryList | undefined {
  return typeof matchMedia === 'function' ? matchMedia(DARK) : undefined;
}

/** Calls back when the system switches between light and dark; returns the disposer. */
export function subscribeColorScheme(onChange: () => void): () => void {
  const mq = query();
  mq?.addEventListener('change', onChange);
  return () => mq?.removeEventListener('change', onChange);
}

export function prefersDark(): boolean {
  return query()?.matches ?? false;
}

/** Whether the system asks for dark colours, kept up to date. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribeColorScheme, prefersDark, () => false);
}

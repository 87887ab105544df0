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

/** The theme an address can force (`?theme=light|dark`), or the system's. */
export type ThemeChoice = 'light' | 'dark' | 'system';

/** Whether to draw dark: forced by the theme, else the system's preference. */
export function useDarkTheme(theme: ThemeChoice): boolean {
  const system = usePrefersDark();
  return theme === 'system' ? system : theme === 'dark';
}

/** Marks <html> with a forced theme, which theme.css honours over the media query. */
export function applyThemeAttribute(root: HTMLElement, theme: ThemeChoice): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

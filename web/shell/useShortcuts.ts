import { useEffect, useRef } from 'react';
import type { ShortcutAction } from './shortcuts';
import { shortcutFor } from './shortcuts';

/**
 * Listens for the playground's shortcuts on the whole window, in the capture phase, so they work
 * inside the code editor too (which would otherwise take Ctrl+Enter for itself).
 */
export function useShortcuts(mac: boolean, handlers: Readonly<Record<ShortcutAction, () => void>>): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = shortcutFor(e, mac);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [mac]);
}

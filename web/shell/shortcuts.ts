/** What a keyboard shortcut asks the playground to do. */
export type ShortcutAction = 'save' | 'saveAll' | 'send';

/** The parts of a KeyboardEvent a shortcut depends on. */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * Maps a key press to an action: Ctrl+S (⌘S on a Mac) saves the active file, Ctrl+Shift+S saves
 * all, Ctrl+Enter sends the HTTP composer's request.
 */
export function shortcutFor(event: KeyLike, mac: boolean): ShortcutAction | undefined {
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!mod || event.altKey) return undefined;
  if (event.key.toLowerCase() === 's') return event.shiftKey ? 'saveAll' : 'save';
  if (event.key === 'Enter' && !event.shiftKey) return 'send';
  return undefined;
}

/** The shortcut as a person would type it, for labels and tooltips. */
export function shortcutLabel(action: ShortcutAction, mac: boolean): string {
  const keys = action === 'save' ? ['S'] : action === 'saveAll' ? ['Shift', 'S'] : ['Enter'];
  return mac ? `⌘${keys.map((k) => (k === 'Shift' ? '⇧' : k)).join('')}` : ['Ctrl', ...keys].join('+');
}

/** Whether this browser is on a Mac (where Cmd, not Ctrl, is the modifier). */
export function isMacPlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> | undefined): boolean {
  if (!nav) return false;
  return /Mac|iPhone|iPad/i.test(nav.platform || nav.userAgent);
}

import type { EmbedPanel } from '../embed/embedOptions';
import type { Pane } from './layoutStore';

/**
 * Which panes the workspace shows and the grid that holds them: every pane in the full
 * playground, the chosen ones in an embed. Three columns (files | editor and terminal | triggers
 * and exchanges), each left out when none of its panes is shown.
 */

/** A resize handle between two panes: the pane it resizes, and which way a drag grows it. */
export interface Handle {
  readonly kind: 'handle';
  readonly pane: Pane;
  readonly axis: 'x' | 'y';
  readonly direction: 1 | -1;
  readonly label: string;
}

export type CenterPane = 'editor' | 'terminal';
export type SidePane = 'triggers' | 'exchanges';

export type Column =
  | { readonly kind: 'tree' }
  | { readonly kind: 'center'; readonly rows: readonly (CenterPane | Handle)[]; readonly template: string }
  | { readonly kind: 'side'; readonly rows: readonly (SidePane | Handle)[]; readonly template: string }
  | Handle;

export interface WorkspaceLayout {
  readonly columns: readonly Column[];
  /** `grid-template-columns` for the workspace. */
  readonly template: string;
}

const HANDLE_SIZE = '5px';

const handle = (pane: Pane, axis: 'x' | 'y', direction: 1 | -1, label: string): Handle => ({
  kind: 'handle',
  pane,
  axis,
  direction,
  label,
});

/**
 * The grid for these panels. The full playground sizes panes in pixels (the layout store) with
 * handles between them; an embed, a few hundred pixels in a docs page, shares its width and height
 * in proportions and has no handles.
 */
export function workspaceLayout(panels: readonly EmbedPanel[], embed: boolean): WorkspaceLayout {
  const has = (panel: EmbedPanel) => panels.includes(panel);
  const center: CenterPane[] = (['editor', 'terminal'] as const).filter(has);
  const side: SidePane[] = (['triggers', 'exchanges'] as const).filter(has);

  const columns: Column[] = [];
  const sizes: string[] = [];
  const push = (column: Column, size: string) => {
    columns.push(column);
    sizes.push(size);
  };

  if (has('files')) {
    const alone = center.length === 0 && side.length === 0;
    push({ kind: 'tree' }, alone ? 'minmax(0, 1fr)' : embed ? 'minmax(120px, 0.3fr)' : 'var(--tree-width)');
    if (!alone && !embed) push(handle('tree', 'x', 1, 'Resize the file tree'), HANDLE_SIZE);
  }
  if (center.length > 0) {
    const both = center.length === 2;
    const rows: (CenterPane | Handle)[] = both
      ? embed
        ? ['editor', 'terminal']
        : ['editor', handle('terminal', 'y', -1, 'Resize the terminal'), 'terminal']
      : center;
    const template = !both
      ? 'minmax(0, 1fr)'
      : embed
        ? 'minmax(0, 2fr) minmax(0, 1fr)'
        : `minmax(120px, 1fr) ${HANDLE_SIZE} var(--terminal-height)`;
    push({ kind: 'center', rows, template }, embed ? 'minmax(0, 1fr)' : 'minmax(240px, 1fr)');
    if (side.length > 0 && !embed) push(handle('side', 'x', -1, 'Resize the side panels'), HANDLE_SIZE);
  }
  if (side.length > 0) {
    const both = side.length === 2;
    const rows: (SidePane | Handle)[] = both
      ? embed
        ? ['triggers', 'exchanges']
        : ['triggers', handle('triggers', 'y', 1, 'Resize the triggers panel'), 'exchanges']
      : side;
    const template = !both
      ? 'minmax(0, 1fr)'
      : embed
        ? 'minmax(0, 1fr) minmax(0, 1.5fr)'
        : `var(--triggers-height) ${HANDLE_SIZE} minmax(100px, 1fr)`;
    push(
      { kind: 'side', rows, template },
      center.length === 0 ? 'minmax(0, 1fr)' : embed ? 'minmax(0, 1fr)' : 'var(--side-width)',
    );
  }
  return { columns, template: sizes.join(' ') };
}

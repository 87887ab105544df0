import { describe, expect, test } from 'vitest';
import { ALL_PANELS } from '../embed/embedOptions';
import { workspaceLayout } from './workspaceLayout';
import type { Column } from './workspaceLayout';

const kinds = (columns: readonly Column[]) =>
  columns.map((c) => (c.kind === 'handle' ? `|${c.pane}` : c.kind));
const rowsOf = (columns: readonly Column[], kind: 'center' | 'side') => {
  const column = columns.find((c) => c.kind === kind);
  return column && 'rows' in column
    ? column.rows.map((r) => (typeof r === 'object' ? `|${r.pane}` : r))
    : undefined;
};

describe('workspace layout', () => {
  test('the full playground: every pane, sized by the layout store, with handles (the grid it always had)', () => {
    const { columns, template } = workspaceLayout(ALL_PANELS, false);
    expect(kinds(columns)).toEqual(['tree', '|tree', 'center', '|side', 'side']);
    expect(template).toBe('var(--tree-width) 5px minmax(240px, 1fr) 5px var(--side-width)');
    expect(rowsOf(columns, 'center')).toEqual(['editor', '|terminal', 'terminal']);
    expect(rowsOf(columns, 'side')).toEqual(['triggers', '|triggers', 'exchanges']);
    const center = columns.find((c) => c.kind === 'center');
    const side = columns.find((c) => c.kind === 'side');
    expect(center && 'template' in center && center.template).toBe(
      'minmax(120px, 1fr) 5px var(--terminal-height)',
    );
    expect(side && 'template' in side && side.template).toBe('var(--triggers-height) 5px minmax(100px, 1fr)');
  });

  test('an embed of the editor and the exchanges: two proportional columns, no handles', () => {
    const { columns, template } = workspaceLayout(['editor', 'exchanges'], true);
    expect(kinds(columns)).toEqual(['center', 'side']);
    expect(template).toBe('minmax(0, 1fr) minmax(0, 1fr)');
    expect(rowsOf(columns, 'center')).toEqual(['editor']);
    expect(rowsOf(columns, 'side')).toEqual(['exchanges']);
  });

  test('the embed default (editor, exchanges, triggers) stacks triggers over exchanges', () => {
    const { columns } = workspaceLayout(['editor', 'exchanges', 'triggers'], true);
    expect(kinds(columns)).toEqual(['center', 'side']);
    expect(rowsOf(columns, 'side')).toEqual(['triggers', 'exchanges']);
  });

  test('a column that is alone takes the whole width', () => {
    expect(workspaceLayout(['exchanges'], true)).toMatchObject({ template: 'minmax(0, 1fr)' });
    expect(workspaceLayout(['files'], true)).toMatchObject({ template: 'minmax(0, 1fr)' });
    expect(kinds(workspaceLayout(['terminal'], false).columns)).toEqual(['center']);
  });

  test('files and the side column without the editor keep the tree handle in the full page', () => {
    const { columns, template } = workspaceLayout(['files', 'triggers'], false);
    expect(kinds(columns)).toEqual(['tree', '|tree', 'side']);
    expect(template).toBe('var(--tree-width) 5px minmax(0, 1fr)');
  });

  test('panels are laid out in the page order whatever order they come in', () => {
    const { columns } = workspaceLayout(['exchanges', 'terminal', 'files', 'editor', 'triggers'], true);
    expect(kinds(columns)).toEqual(['tree', 'center', 'side']);
    expect(rowsOf(columns, 'center')).toEqual(['editor', 'terminal']);
    expect(rowsOf(columns, 'side')).toEqual(['triggers', 'exchanges']);
  });
});

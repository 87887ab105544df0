/**
 * console.table as Node draws it: the rows of an array or object (or a Map's or Set's entries)
 * in a box of line-drawing characters, each value shown by Node's inspect at shallow depth,
 * cells left-aligned to the widest, an index column first.
 */
import type { InspectOptions } from 'node-inspect-extracted';

export interface TableInspect {
  inspect(value: unknown, options?: InspectOptions): string;
  /** Columns on a terminal (wide characters count two): node-inspect-extracted has it, untyped. */
  getStringWidth?(text: string): number;
}

const INDEX = '(index)';
const ITERATION_INDEX = '(iteration index)';
const KEY = 'Key';
const VALUES = 'Values';

/** The box, as a list of rows of cells under a head. */
function draw(
  head: readonly string[],
  columns: readonly (readonly (string | undefined)[])[],
  width: (text: string) => number,
): string {
  const widths = head.map((cell) => width(cell));
  const height = Math.max(0, ...columns.map((column) => column.length));
  const rows: string[][] = Array.from({ length: height }, () => []);
  columns.forEach((column, i) => {
    for (let j = 0; j < height; j++) {
      const cell = Object.hasOwn(column, j) ? (column[j] ?? '') : '';
      rows[j]![i] = cell;
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    }
  });
  const row = (cells: readonly string[]) =>
    `│ ${cells.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell))).join(' │ ')} │`;
  const rule = (left: string, middle: string, right: string) =>
    left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right;
  return [rule('┌', '┬', '┐'), row(head), rule('├', '┼', '┤'), ...rows.map(row), rule('└', '┴', '┘')].join(
    '\n',
  );
}

const isPrimitive = (value: unknown) =>
  value === null || (typeof value !== 'function' && typeof value !== 'object');

/**
 * The text console.table prints for `data`, or undefined when Node prints it as console.log
 * would (not an object). `properties` picks and orders the columns.
 */
export function renderTable(
  util: TableInspect,
  data: unknown,
  properties?: readonly string[],
): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const show = (value: unknown) =>
    util.inspect(value, {
      depth:
        value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 2
          ? -1
          : 0,
      maxArrayLength: 3,
      breakLength: Infinity,
    });
  const width = (text: string) => util.getStringWidth?.(text) ?? [...text].length;
  const indexes = (length: number) => Array.from({ length }, (_, i) => show(i));

  if (data instanceof Map) {
    const entries = [...data.entries()];
    return draw(
      [ITERATION_INDEX, KEY, VALUES],
      [indexes(entries.length), entries.map(([key]) => show(key)), entries.map(([, value]) => show(value))],
      width,
    );
  }
  if (data instanceof Set) {
    const values = [...data.values()];
    return draw([ITERATION_INDEX, VALUES], [indexes(values.length), values.map(show)], width);
  }

  const columns = new Map<string, (string | undefined)[]>();
  const rowKeys = Object.keys(data);
  const primitives: (string | undefined)[] = [];
  let hasPrimitives = false;
  rowKeys.forEach((rowKey, i) => {
    const item = (data as Record<string, unknown>)[rowKey];
    const primitive = isPrimitive(item);
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      primitives[i] = show(item);
      return;
    }
    for (const key of properties ?? Object.keys(item as object)) {
      const column = columns.get(key) ?? [];
      columns.set(key, column);
      column[i] =
        (primitive && properties) || !Object.hasOwn(item as object, key)
          ? ''
          : show((item as Record<string, unknown>)[key]);
    }
  });
  const head = [INDEX, ...columns.keys()];
  const body = [rowKeys, ...columns.values()];
  if (hasPrimitives) {
    head.push(VALUES);
    body.push(primitives);
  }
  return draw(head, body, width);
}

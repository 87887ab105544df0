export interface FileDiff {
  /** New or changed files. */
  readonly write: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
}

/** What to write and remove to turn `previous` into `next`, so edits apply as small diffs. */
export function diffFiles(
  previous: ReadonlyMap<string, string>,
  next: ReadonlyMap<string, string>,
): FileDiff {
  const write = new Map<string, string>();
  for (const [path, text] of next) if (previous.get(path) !== text) write.set(path, text);
  const remove = [...previous.keys()].filter((path) => !next.has(path));
  return { write, remove };
}

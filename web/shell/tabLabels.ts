/** Tab labels: the file name, or the whole path when two open files share a name (function.json). */
export function tabLabels(paths: readonly string[]): Map<string, string> {
  const count = new Map<string, number>();
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  for (const p of paths) count.set(base(p), (count.get(base(p)) ?? 0) + 1);
  return new Map(paths.map((p) => [p, (count.get(base(p)) ?? 0) > 1 ? p : base(p)]));
}

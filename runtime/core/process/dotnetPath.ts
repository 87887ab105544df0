/** `Path.IsPathRooted` on Unix: only a leading `/` counts. */
export function isPathRooted(path: string): boolean {
  return path.startsWith('/');
}

/**
 * `Path.Combine(first, second)` on Unix. It does not normalize: `..` and `.` segments stay in
 * the result, exactly as the host logs and uses them, and the OS resolves them later.
 */
export function combinePath(first: string, second: string): string {
  if (first === '') return second;
  if (second === '') return first;
  if (isPathRooted(second)) return second;
  return first.endsWith('/') ? first + second : `${first}/${second}`;
}

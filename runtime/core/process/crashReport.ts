/**
 * Where a handler's own output says it failed: the first `file:line` of a Node or Python error
 * inside the app, with the error's own line (`SyntaxError: Unexpected token ';'`). The host
 * shows it as a problem on that line, so a syntax error reads like one in an editor.
 */
export interface CrashReport {
  /** App-relative, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  /** The error's own line, e.g. `TypeError: x is not a function`. */
  readonly message: string;
}

/** `/app/handler.js:12` at the start of Node's report of an uncaught error or a syntax error. */
const NODE_HEAD = /^(\/[^:]+|[A-Za-z]:\\[^:]+|file:\/\/\/[^:]+):(\d+)$/;
/** `    at fn (/app/handler.js:5:11)` or `    at /app/handler.js:5:11`. */
const NODE_FRAME = /^\s+at (?:.*?\()?((?:file:\/\/)?[^():]+):(\d+):(\d+)\)?$/;
/** `  File "/app/handler.py", line 3, in <module>` (also for a SyntaxError, without `in`). */
const PYTHON_FRAME = /^\s*File "([^"]+)", line (\d+)/;
/** The error's line: `SyntaxError: …`, `ModuleNotFoundError: …`, `Error [ERR_X]: …`, `Error: …`. */
const ERROR_LINE = /^(?:[A-Z][\w.]*(?:Error|Exception|Interrupt|Exit)|Error)(?: \[[A-Z_]+\])?(?::|$)/;

function relative(path: string, appRoot: string): string | undefined {
  const plain = path.replace(/^file:\/\//, '').replace(/\\/g, '/');
  const root = appRoot.replace(/\\/g, '/').replace(/\/+$/, '');
  if (root !== '' && plain.startsWith(`${root}/`)) return plain.slice(root.length + 1);
  if (!plain.startsWith('/') && !/^[A-Za-z]:\//.test(plain)) return plain.replace(/^\.\//, '');
  return undefined;
}

/**
 * The first place inside the app that the output blames, and the error's line; undefined when
 * the output names no such place (a crash inside a library only, or a handler that printed nothing).
 */
export function crashReport(lines: readonly string[], appRoot: string): CrashReport | undefined {
  const message = lines.map((l) => l.trim()).find((l) => ERROR_LINE.test(l));
  // Python prints the innermost frame last; Node names the throwing place first.
  let python: { file: string; line: number } | undefined;
  for (const line of lines) {
    const head = NODE_HEAD.exec(line.trim());
    if (head) {
      const file = relative(head[1]!, appRoot);
      if (file !== undefined && !file.startsWith('node_modules/'))
        return { file, line: Number(head[2]), message: message ?? line.trim() };
    }
    const frame = NODE_FRAME.exec(line);
    if (frame) {
      const file = relative(frame[1]!, appRoot);
      if (file !== undefined && !file.startsWith('node_modules/'))
        return { file, line: Number(frame[2]), column: Number(frame[3]), message: message ?? line.trim() };
    }
    const py = PYTHON_FRAME.exec(line);
    if (py) {
      const file = relative(py[1]!, appRoot);
      if (file !== undefined) python = { file, line: Number(py[2]) };
    }
  }
  if (python) {
    const last = [...lines].reverse().find((l) => ERROR_LINE.test(l.trim()));
    return { ...python, message: (last ?? message ?? '').trim() };
  }
  return undefined;
}

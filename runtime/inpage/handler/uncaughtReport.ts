import { nodeInspect } from './polyfills';
import { nodeStackFormatInstalled } from './stackFormat';

/** Where an error points in a user file (1-based), when the stack cannot say (SyntaxError). */
export interface SourceLocation {
  /** A path, or a file: URL for an ES module (as Node names them). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const locations = new WeakMap<object, SourceLocation>();

/** Records where a SyntaxError is in the user's file (the loader finds it; see syntaxLocation). */
export function setErrorLocation(error: object, location: SourceLocation): void {
  locations.set(error, location);
}

export function errorLocation(error: unknown): SourceLocation | undefined {
  return typeof error === 'object' && error !== null ? locations.get(error) : undefined;
}

/** What the report needs to know about the user's files. */
export interface SourceFiles {
  /** The text of a user file by absolute path, undefined for anything else. */
  text(file: string): string | undefined;
  /**
   * How many characters our one-line wrapper adds before line 1 of `file` (0 if none): V8's
   * columns on line 1 include it, Node's do not.
   */
  wrapperLength(file: string): number;
}

// A frame's file: a path, or a file: URL (ES modules are named by URL, as Node names them).
const FRAME = /^(\s+at .*?)\(?((?:file:\/\/)?\/[^():]*?):(\d+):(\d+)\)?$/;

/**
 * A stack with only the user's frames (ours mean nothing to the handler's author), and the
 * columns on line 1 taken back to what the user's file says.
 */
export function userStack(stack: string, files: SourceFiles): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return stack;
  const header = lines.slice(0, firstFrame);
  const frames: string[] = [];
  for (const line of lines.slice(firstFrame)) {
    const match = FRAME.exec(line);
    if (!match || files.text(match[2] as string) === undefined) continue;
    frames.push(fixFrameColumn(line, match, files));
  }
  return [...header, ...frames].join('\n');
}

function fixFrameColumn(line: string, match: RegExpExecArray, files: SourceFiles): string {
  const [, , file, lineNumber, column] = match as unknown as [string, string, string, string, string];
  if (lineNumber !== '1' || nodeStackFormatInstalled()) return line;
  const fixed = Math.max(1, Number(column) - files.wrapperLength(file));
  return line.replace(`${file}:1:${column}`, `${file}:1:${fixed}`);
}

/** The first frame of the stack in a user file: where Node's report points. */
export function throwSite(error: unknown, files: SourceFiles): SourceLocation | undefined {
  const recorded = errorLocation(error);
  if (recorded) return recorded;
  const stack = typeof error === 'object' && error !== null ? (error as Error).stack : undefined;
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n')) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = match[2] as string;
    if (files.text(file) === undefined) continue;
    let column = Number(match[4]);
    if (match[3] === '1' && !nodeStackFormatInstalled())
      column = Math.max(1, column - files.wrapperLength(file));
    return { file, line: Number(match[3]), column };
  }
  return undefined;
}

/** Node's header: `file:line`, the source line, a caret under the throw, a blank line. */
function siteHeader(site: SourceLocation, files: SourceFiles, fromPromise: boolean): string {
  const source = files.text(site.file)?.split(/\r?\n/)[site.line - 1] ?? '';
  let caret = site.column - 1;
  // For a throw, Node points at the `throw` statement; the stack points at the error's
  // construction. (A rejection has no throw site: Node points where the stack does.)
  const before = source.slice(0, caret);
  const throwAt = before.search(/\bthrow\b[^;{}]*$/);
  if (throwAt >= 0 && !fromPromise) caret = throwAt;
  return `${site.file}:${site.line}\n${source}\n${' '.repeat(Math.max(0, caret))}^\n`;
}

/** Own enumerable properties of an error, shown after its stack as Node's inspect does. */
function errorProperties(error: object): string {
  const keys = Object.keys(error).filter((key) => key !== 'stack' && key !== 'message');
  if (keys.length === 0) return '';
  const record = error as Record<string, unknown>;
  const lines = keys.map((key) => `  ${key}: ${nodeInspect().inspect(record[key])}`);
  return ` {\n${lines.join(',\n')}\n}`;
}

/**
 * What Node 20 prints to stderr for an uncaught exception or unhandled rejection, as closely as
 * the page allows: same layout, the user's frames only (the host's internals are not Node's).
 */
export function formatUncaught(
  error: unknown,
  files: SourceFiles,
  nodeVersion: string,
  fromPromise = false,
): string {
  const footer = `\n\nNode.js ${nodeVersion}\n`;
  const isError = error instanceof Error || (typeof error === 'object' && error !== null && 'stack' in error);
  if (!isError && fromPromise) {
    const reason = nodeInspect().inspect(error);
    return (
      'node:internal/process/promises:389\n      new UnhandledPromiseRejection(reason);\n      ^\n\n' +
      'UnhandledPromiseRejection: This error originated either by throwing inside of an async ' +
      'function without a catch block, or by rejecting a promise which was not handled with ' +
      `.catch(). The promise rejected with the reason "${reason.replace(/^'|'$/g, '')}". {\n` +
      "  code: 'ERR_UNHANDLED_REJECTION'\n}" +
      footer
    );
  }
  if (!isError) {
    // Node also shows where it was thrown; a thrown value carries no stack to say.
    return (
      `\n${typeof error === 'string' ? error : nodeInspect().inspect(error)}\n` +
      '(Use `node --trace-uncaught ...` to show where the exception was thrown)' +
      footer
    );
  }
  const site = throwSite(error, files);
  const header = site ? `${siteHeader(site, files, fromPromise)}\n` : '';
  const stack = String((error as Error).stack ?? String(error));
  return `${header}${userStack(stack, files)}${errorProperties(error as object)}${footer}`;
}

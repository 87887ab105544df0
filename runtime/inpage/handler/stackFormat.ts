import type { SourceFiles } from './uncaughtReport';

// User code runs by indirect eval, so V8 names every anonymous function in it "eval"
// (`at Server.eval (/app/handler.js:5:9)` where Node prints `at Server.<anonymous> (…)`), and
// columns on line 1 include our wrapper. In the handler's own worker we format stacks
// ourselves (Error.prepareStackTrace, V8's hook) the way V8 does for Node, fixing both.

interface CallSite {
  getTypeName(): string | null;
  getFunctionName(): string | null;
  getMethodName(): string | null;
  getScriptNameOrSourceURL(): string | null;
  getFileName(): string | null;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  isToplevel(): boolean;
  isConstructor(): boolean;
  isEval(): boolean;
  isNative(): boolean;
  isAsync(): boolean;
  isPromiseAll(): boolean;
  getPromiseIndex(): number | null;
  toString(): string;
}

let installed = false;

/** True while our format is in place: stacks need no more fixing. */
export function nodeStackFormatInstalled(): boolean {
  return installed;
}

function location(site: CallSite, files: SourceFiles): string {
  if (site.isNative()) return 'native';
  const file = site.getScriptNameOrSourceURL() ?? site.getFileName();
  if (!file) return '<anonymous>';
  const line = site.getLineNumber();
  let column = site.getColumnNumber();
  if (line === 1 && column !== null) column = Math.max(1, column - files.wrapperLength(file));
  return line === null ? file : `${file}:${line}${column === null ? '' : `:${column}`}`;
}

/** One frame, as V8 writes it (call-site-info.cc), with user functions named as Node shows them. */
export function formatFrame(site: CallSite, files: SourceFiles): string {
  const file = site.getScriptNameOrSourceURL() ?? '';
  const isUser = files.text(file) !== undefined;
  if (!isUser) return site.toString();
  let functionName = site.getFunctionName() ?? '';
  if (functionName === 'eval' && site.isEval()) functionName = '';
  const where = location(site, files);
  let text = '';
  if (site.isAsync()) text += 'async ';
  if (site.isPromiseAll()) return `${text}Promise.all (index ${site.getPromiseIndex()})`;
  if (!site.isToplevel() && !site.isConstructor()) {
    const typeName = site.getTypeName();
    const methodName = site.getMethodName();
    if (functionName) {
      if (typeName && !functionName.startsWith(`${typeName}.`)) text += `${typeName}.`;
      text += functionName;
      if (methodName && !functionName.endsWith(methodName)) text += ` [as ${methodName}]`;
    } else {
      text += `${typeName ?? '<anonymous>'}.${methodName ?? '<anonymous>'}`;
    }
  } else if (site.isConstructor()) {
    text += `new ${functionName || '<anonymous>'}`;
  } else if (functionName) {
    text += functionName;
  } else {
    return `${text}${where}`;
  }
  return `${text} (${where})`;
}

type PrepareStackTrace = (error: Error, sites: CallSite[]) => unknown;

/**
 * Formats every stack in this realm as Node would show the user's frames. Returns the undo.
 * Only for a realm that runs one handler (its worker): the hook is global.
 */
export function installNodeStackFormat(files: SourceFiles): () => void {
  const errorClass = Error as unknown as { prepareStackTrace?: PrepareStackTrace };
  const previous = errorClass.prepareStackTrace;
  errorClass.prepareStackTrace = (error, sites) => {
    let header: string;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = '<error>';
    }
    return [header, ...sites.map((site) => `    at ${formatFrame(site, files)}`)].join('\n');
  };
  installed = true;
  return () => {
    errorClass.prepareStackTrace = previous;
    installed = false;
  };
}

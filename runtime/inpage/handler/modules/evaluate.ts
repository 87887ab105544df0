import { setErrorLocation } from '../uncaughtReport';
import { findSyntaxError } from '../syntaxLocation';

/**
 * The globals a module sees, passed as parameters of an outer function so every handler
 * process has its own (`process`, timers that stop at exit, …) and the page's stay untouched.
 * A module may still declare its own `const Buffer = …`: the module body is an inner function.
 */
export const MODULE_GLOBALS = [
  'process',
  'Buffer',
  'global',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'console',
  'fetch',
  '_dimp_',
  '_imp_meta__',
] as const;

export type ModuleGlobals = Record<(typeof MODULE_GLOBALS)[number], unknown>;

export type CommonJsBody = (
  this: unknown,
  exports: unknown,
  require: unknown,
  module: unknown,
  filename: string,
  dirname: string,
) => unknown;

export type EsModuleBody = (
  this: undefined,
  importStatic: (index: number, names: readonly string[]) => object,
  exportBindings: (getters: Record<string, () => unknown>, stars: readonly number[]) => void,
) => unknown;

export interface Compiled<Body> {
  readonly body: Body;
  /** Characters of wrapper before the user's line 1 (stack columns on line 1 include them). */
  readonly wrapperLength: number;
}

const COMMONJS_HEAD = 'function (exports, require, module, __filename, __dirname) {';

/**
 * Compiles a module by indirect eval: one line of wrapper, the user's code, and a sourceURL so
 * stack traces read `/app/handler.js:LINE:COL` (new Function would shift lines by two).
 * A SyntaxError gets the file, line and column Node would print (see syntaxLocation).
 */
function compile<Body>(
  filename: string,
  head: string,
  code: string,
  globals: ModuleGlobals,
  mode: { async?: boolean; strict?: boolean },
): Compiled<Body> {
  const outer = `(function (${MODULE_GLOBALS.join(', ')}) { return ${head}`;
  const text = `${outer}${code}\n}})\n//# sourceURL=${filename}`;
  let factory: (...values: unknown[]) => Body;
  try {
    factory = (0, eval)(text) as typeof factory;
  } catch (error) {
    if (error instanceof SyntaxError) {
      const position = findSyntaxError(code, error.message, mode);
      if (position) setErrorLocation(error, { file: filename, ...position });
    }
    throw error;
  }
  const body = factory(...MODULE_GLOBALS.map((name) => globals[name]));
  return { body, wrapperLength: outer.length };
}

export function compileCommonJs(
  filename: string,
  code: string,
  globals: ModuleGlobals,
): Compiled<CommonJsBody> {
  return compile<CommonJsBody>(filename, COMMONJS_HEAD, code, globals, {});
}

/**
 * Compiles a transformed ES module (strict, with its prelude on the wrapper's line). It is an
 * async function only when it has top-level await, so that a module without can be required.
 */
export function compileEsModule(
  filename: string,
  code: string,
  prelude: string,
  globals: ModuleGlobals,
): Compiled<EsModuleBody> & { readonly isAsync: boolean } {
  const head = (isAsync: boolean) =>
    `${isAsync ? 'async ' : ''}function (_imp_, _exp_) {"use strict";${prelude}`;
  try {
    return {
      ...compile<EsModuleBody>(filename, head(false), code, globals, { strict: true }),
      isAsync: false,
    };
  } catch (error) {
    // A module's top level is an async context in Node: code that fails as a plain function may
    // be valid there. V8 names `await` in some of its messages ("await is only valid in async
    // functions") but not in others (`f(await x)` gives "missing ) after argument list"), so any
    // syntax error gets the module's real grammar, whose error (if it fails again) is the one.
    if (!(error instanceof SyntaxError) || !/\bawait\b/.test(code)) throw error;
  }
  const compiled = compile<EsModuleBody>(filename, head(true), code, globals, {
    async: true,
    strict: true,
  });
  return { ...compiled, isAsync: true };
}

import { path } from '../polyfills';
import type { SourceFiles } from '../uncaughtReport';
import { Module, type NodeRequire } from './commonJsModule';
import { compileCommonJs, compileEsModule, type ModuleGlobals } from './evaluate';
import { runBody, type EsModuleRecord, type LinkedModule } from './esModuleRecord';
import { transformEsm, transformEsmOrReport } from './esmTransform';
import { makeNamespace, namespaceOf } from './namespaces';
import { builtinName, isEsModule, resolveImport, resolveRequire, type BuiltinTable } from './resolution';
import { fileNotFoundError } from './unsupported';
import { nodeError } from '../nodeErrors';

// Resolution (resolution.ts), namespaces (namespaces.ts), `module` (commonJsModule.ts) and an
// ES module body's run (esModuleRecord.ts) live apart; this file keeps the caches and the walk.
export { Module };
export type { BuiltinTable };

export interface LoaderOptions {
  /** Files by absolute path ('/app/handler.js'). */
  readonly files: ReadonlyMap<string, string>;
  readonly builtins: BuiltinTable;
  /** Globals for a module (its own `_dimp_` and `_imp_meta__` are filled in per file). */
  readonly globals: Omit<ModuleGlobals, '_dimp_' | '_imp_meta__'>;
}

/**
 * CommonJS and ES modules over an in-memory file map, with Node's resolution for relative
 * paths and Node's built-ins from `builtins`. Anything else (packages, node_modules, built-ins
 * we lack) fails with a message that says where it would run.
 */
export class ModuleLoader implements SourceFiles {
  readonly cache: Record<string, Module> = Object.create(null) as Record<string, Module>;
  private readonly esModules = new Map<string, EsModuleRecord>();
  private readonly wrapperLengths = new Map<string, number>();
  private readonly builtinExports = new Map<string, unknown>();
  private mainModule: Module | undefined;

  constructor(private readonly options: LoaderOptions) {}

  // ---- SourceFiles (for error reports) -------------------------------------------------------

  text(file: string): string | undefined {
    return this.options.files.get(file.replace(/^file:\/\//, ''));
  }

  wrapperLength(file: string): number {
    return this.wrapperLengths.get(file.replace(/^file:\/\//, '')) ?? 0;
  }

  // ---- entry ---------------------------------------------------------------------------------

  /** Runs the program as `node entry` would: CommonJS at once, an ES module as a promise. */
  runMain(entry: string): Promise<void> | undefined {
    if (!this.options.files.has(entry)) throw fileNotFoundError(entry, []);
    if (this.isEsModule(entry)) return this.importFile(entry).then(() => undefined);
    this.requireFile(entry, null, true);
    return undefined;
  }

  // ---- resolution ----------------------------------------------------------------------------

  // ---- resolution (resolution.ts) -----------------------------------------------------------

  /** .mjs, or .js under a package.json with "type": "module" (the nearest one decides). */
  isEsModule(file: string): boolean {
    return isEsModule(this.options, file);
  }

  private builtin(name: string): unknown {
    if (!this.builtinExports.has(name)) {
      const make = this.options.builtins[name] as () => unknown;
      this.builtinExports.set(name, make());
    }
    return this.builtinExports.get(name);
  }

  // ---- CommonJS ------------------------------------------------------------------------------

  /** module.createRequire(filename): require() as a module at `filename` would have it. */
  createRequire(filename: string): NodeRequire {
    const file = filename.startsWith('file://') ? decodeURIComponent(new URL(filename).pathname) : filename;
    const module = new Module(file, file, null);
    module.require = this.makeRequire(module);
    return module.require;
  }

  private makeRequire(module: Module): NodeRequire {
    const requireStack = (): string[] => {
      const stack: string[] = [];
      for (let at: Module | null = module; at; at = at.parent) stack.push(at.filename);
      return stack;
    };
    const require = ((request: string) => {
      if (typeof request !== 'string') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "id" argument must be of type string.');
      }
      const resolved = resolveRequire(this.options, request, module.path, requireStack());
      if ('builtin' in resolved) return this.builtin(resolved.builtin);
      return this.requireFile(resolved.file, module, false);
    }) as NodeRequire;
    const resolve = ((request: string) => {
      const resolved = resolveRequire(this.options, request, module.path, requireStack());
      return 'builtin' in resolved ? request : resolved.file;
    }) as NodeRequire['resolve'];
    resolve.paths = (request: string) => (builtinName(this.options, request) !== undefined ? null : []);
    require.resolve = resolve;
    require.cache = this.cache;
    require.main = this.mainModule;
    require.extensions = Object.create(null) as Record<string, unknown>;
    return require;
  }

  /** Loads a file with require(): cached, cycles see the partial exports, as Node. */
  requireFile(file: string, parent: Module | null, isMain: boolean): unknown {
    const cached = this.cache[file];
    if (cached) {
      if (parent && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    if (this.isEsModule(file)) return this.requireEsModule(file);
    const module = new Module(isMain ? '.' : file, file, parent);
    if (isMain) this.mainModule = module;
    module.require = this.makeRequire(module);
    parent?.children.push(module);
    this.cache[file] = module;
    let threw = true;
    try {
      this.loadCommonJs(module);
      threw = false;
    } finally {
      // A module that failed to load is not cached: requiring it again runs it again.
      if (threw) delete this.cache[file];
    }
    module.loaded = true;
    return module.exports;
  }

  private loadCommonJs(module: Module): void {
    const text = this.options.files.get(module.filename) as string;
    if (module.filename.endsWith('.json')) {
      try {
        module.exports = JSON.parse(text);
      } catch (error) {
        (error as Error).message = `${module.filename}: ${(error as Error).message}`;
        throw error;
      }
      return;
    }
    // A shebang line is allowed in Node's scripts; blank it so the line count stays.
    const code = text.startsWith('#!') ? text.replace(/^#![^\n]*/, '') : text;
    const needsDynamicImport = /\bimport\s*\(/.test(code);
    const source = needsDynamicImport ? this.rewriteDynamicImports(code) : code;
    const { body, wrapperLength } = compileCommonJs(
      module.filename,
      source,
      this.globalsFor(module.filename),
    );
    this.wrapperLengths.set(module.filename, wrapperLength);
    body.call(module.exports, module.exports, module.require, module, module.filename, module.path);
  }

  /** `import()` in a CommonJS file (allowed in Node): only those, found by the lexer. */
  private rewriteDynamicImports(code: string): string {
    try {
      const { code: rewritten } = transformEsm(code);
      return rewritten;
    } catch {
      return code; // not parseable as a module: let the compiler report what is wrong
    }
  }

  private globalsFor(filename: string): ModuleGlobals {
    return {
      ...this.options.globals,
      _dimp_: (request: unknown) => this.dynamicImport(String(request), filename),
      _imp_meta__: {
        url: `file://${filename}`,
        filename,
        dirname: path.dirname(filename),
        resolve: (request: string) => {
          const resolved = resolveImport(this.options, request, filename);
          return 'builtin' in resolved ? `node:${resolved.builtin}` : `file://${resolved.file}`;
        },
      },
    };
  }

  // ---- ES modules ----------------------------------------------------------------------------

  private dynamicImport(request: string, fromFile: string): Promise<unknown> {
    try {
      const resolved = resolveImport(this.options, request, fromFile);
      if ('builtin' in resolved) return Promise.resolve(namespaceOf(this.builtin(resolved.builtin)));
      return this.importFile(resolved.file);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** import(): evaluates the module and what it imports, then gives its namespace. */
  importFile(file: string): Promise<Record<string, unknown>> {
    try {
      if (!this.isEsModule(file)) {
        return Promise.resolve(namespaceOf(this.requireFile(file, null, false)));
      }
      const record = this.instantiate(file);
      const pending = this.evaluate(record);
      return (pending ?? Promise.resolve()).then(() => record.namespace);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** require() of an ES module (Node 20.19+): fine unless it, or an import, awaits at top level. */
  private requireEsModule(file: string): unknown {
    const record = this.instantiate(file);
    const pending = this.evaluate(record);
    if (pending) {
      pending.catch(() => undefined);
      throw nodeError(
        Error,
        'ERR_REQUIRE_ASYNC_MODULE',
        'require() cannot be used on an ESM graph with top-level await. Use import() instead.',
      );
    }
    return record.namespace;
  }

  private instantiate(file: string): EsModuleRecord {
    const existing = this.esModules.get(file);
    if (existing) return existing;
    const text = this.options.files.get(file) as string;
    const source = text.startsWith('#!') ? text.replace(/^#![^\n]*/, '') : text;
    const transformed = transformEsmOrReport(source, `file://${file}`);
    // Named by URL in stack traces, as Node names ES modules (`file:///app/main.mjs:3:5`).
    const compiled = compileEsModule(
      `file://${file}`,
      transformed.code,
      transformed.prelude,
      this.globalsFor(file),
    );
    this.wrapperLengths.set(file, compiled.wrapperLength);
    const record: EsModuleRecord = {
      filename: file,
      namespace: makeNamespace(),
      requests: transformed.requests,
      body: compiled.body,
      isAsync: compiled.isAsync,
      state: 'new',
      pending: undefined,
      hasStars: false,
    };
    this.esModules.set(file, record);
    return record;
  }

  /**
   * Evaluates dependencies first (in order), then the module; returns a promise only when
   * something on the way awaits at top level, so plain graphs run synchronously.
   */
  private evaluate(record: EsModuleRecord): Promise<void> | undefined {
    if (record.state === 'failed') throw record.error;
    if (record.state !== 'new') return record.pending; // done, or a cycle back to us
    record.state = 'evaluating';
    try {
      const linked = record.requests.map((request) => this.link(request, record.filename));
      const waits = linked.map((dependency) => dependency.pending).filter((p) => p !== undefined);
      const run = (): Promise<void> | undefined => runBody(record, linked);
      if (waits.length > 0) {
        record.pending = Promise.all(waits).then(run);
      } else {
        record.pending = run();
      }
      if (!record.pending) {
        record.state = 'done';
        return undefined;
      }
      record.pending = record.pending.then(
        () => {
          record.state = 'done';
        },
        (error: unknown) => {
          record.state = 'failed';
          record.error = error;
          throw error;
        },
      );
      return record.pending;
    } catch (error) {
      record.state = 'failed';
      record.error = error;
      throw error;
    }
  }

  private link(request: string, fromFile: string): LinkedModule {
    const resolved = resolveImport(this.options, request, fromFile);
    if ('builtin' in resolved) {
      return { namespace: namespaceOf(this.builtin(resolved.builtin)), checked: false };
    }
    if (!this.isEsModule(resolved.file)) {
      return { namespace: namespaceOf(this.requireFile(resolved.file, null, false)), checked: false };
    }
    const dependency = this.instantiate(resolved.file);
    const pending = this.evaluate(dependency);
    return { namespace: dependency.namespace, pending, checked: !dependency.hasStars };
  }
}

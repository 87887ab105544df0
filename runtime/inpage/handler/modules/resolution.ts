import { path } from '../polyfills';
import { nodeError } from '../nodeErrors';
import {
  NODE_BUILTIN_MODULES,
  fileNotFoundError,
  InPageModuleError,
  unsupportedModuleError,
} from './unsupported';

// Node's resolution rules apart from loader.ts: they need only the file map and the built-in
// table, not the module caches, so they are plain functions over those.

/** Built-in modules by name (no `node:` prefix), made on first use. */
export type BuiltinTable = Readonly<Record<string, () => unknown>>;

export type Resolved = { readonly builtin: string } | { readonly file: string };

/** What resolution looks at: the files by absolute path and the built-ins we have. */
export interface ModuleSources {
  readonly files: ReadonlyMap<string, string>;
  readonly builtins: BuiltinTable;
}

export function builtinName(sources: ModuleSources, request: string): string | undefined {
  const bare = request.startsWith('node:') ? request.slice(5) : request;
  if (Object.hasOwn(sources.builtins, bare)) return bare;
  if (request.startsWith('node:') && !NODE_BUILTIN_MODULES.includes(bare)) {
    throw nodeError(TypeError, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
  }
  return undefined;
}

function isFile(sources: ModuleSources, file: string): boolean {
  return sources.files.has(file);
}

/** Node's LOAD_AS_FILE: exact, then .js, .json (and .node, which cannot exist here). */
function asFile(sources: ModuleSources, file: string): string | undefined {
  for (const candidate of [file, `${file}.js`, `${file}.json`]) {
    if (isFile(sources, candidate)) return candidate;
  }
  return undefined;
}

/** Node's LOAD_AS_DIRECTORY: package.json "main", then index.js / index.json. */
function asDirectory(sources: ModuleSources, directory: string): string | undefined {
  const manifest = sources.files.get(path.join(directory, 'package.json'));
  if (manifest !== undefined) {
    let main: unknown;
    try {
      main = (JSON.parse(manifest) as { main?: unknown }).main;
    } catch {
      main = undefined;
    }
    if (typeof main === 'string' && main) {
      const target = path.join(directory, main);
      const found = asFile(sources, target) ?? asFile(sources, path.join(target, 'index'));
      if (found) return found;
    }
  }
  return asFile(sources, path.join(directory, 'index'));
}

export function resolveRequire(
  sources: ModuleSources,
  request: string,
  fromDirectory: string,
  requireStack: string[],
): Resolved {
  const builtin = builtinName(sources, request);
  if (builtin !== undefined) return { builtin };
  if (!/^(?:\.{1,2}(?:\/|$)|\/)/.test(request)) throw unsupportedModuleError(request, requireStack);
  const target = path.resolve(fromDirectory, request);
  if (target.split('/').includes('node_modules')) throw unsupportedModuleError(request, requireStack);
  const file = (request.endsWith('/') ? undefined : asFile(sources, target)) ?? asDirectory(sources, target);
  if (!file) throw fileNotFoundError(request, requireStack);
  return { file };
}

/** ES module resolution: relative URLs must name the file exactly (no extension search). */
export function resolveImport(sources: ModuleSources, request: string, fromFile: string): Resolved {
  const builtin = builtinName(sources, request);
  if (builtin !== undefined) return { builtin };
  let specifier = request;
  if (specifier.startsWith('file://')) specifier = decodeURIComponent(new URL(specifier).pathname);
  if (!/^(?:\.{1,2}\/|\/)/.test(specifier)) throw unsupportedModuleError(request, [fromFile]);
  const target = path.resolve(path.dirname(fromFile), specifier);
  if (target.split('/').includes('node_modules')) throw unsupportedModuleError(request, [fromFile]);
  if (!isFile(sources, target)) {
    const error = new InPageModuleError(
      request,
      `Cannot find module '${target}' imported from ${fromFile}`,
      'MODULE_NOT_FOUND',
      [fromFile],
    );
    Object.defineProperty(error, 'code', { value: 'ERR_MODULE_NOT_FOUND' });
    throw error;
  }
  return { file: target };
}

/** .mjs, or .js under a package.json with "type": "module" (the nearest one decides). */
export function isEsModule(sources: ModuleSources, file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let directory = path.dirname(file); ; directory = path.dirname(directory)) {
    const manifest = sources.files.get(path.join(directory, 'package.json'));
    if (manifest !== undefined) {
      try {
        return (JSON.parse(manifest) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (directory === '/' || directory === '.') return false;
  }
}

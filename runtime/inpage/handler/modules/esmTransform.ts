import { parse } from 'es-module-lexer/js';
import { compileEsModule, MODULE_GLOBALS, type ModuleGlobals } from './evaluate';

const NO_GLOBALS = Object.fromEntries(MODULE_GLOBALS.map((name) => [name, undefined])) as ModuleGlobals;

// ES modules cannot run as modules here (module workers fail in the sandboxed iframe), so each
// one becomes the body of a function: import and export statements are blanked out in place
// (same lines and columns, so stack traces still point into the user's file) and replaced by
// bindings placed before line 1's code, on the wrapper's line:
//   import x, { a as b } from './m.js'  →  const x = _imp_(0, ["default"]).default, …
//   export const q = 1                   →  const q = 1   and  _exp_({ q: () => q })
//   import('./m.js')  →  _dimp_('./m.js')        import.meta  →  _imp_meta__
// Imported names are copied when the module starts (not live bindings: fine for handlers,
// which do not rely on cyclic imports seeing later assignments).

/** Names the transformed code uses; each has the length of what it replaces where needed. */
export const ESM_NAMES = {
  importStatic: '_imp_',
  exportBindings: '_exp_',
  importDynamic: '_dimp_', // replaces `import` (6 characters)
  importMeta: '_imp_meta__', // replaces `import.meta` (11 characters)
  defaultValue: '_dflt_',
} as const;

export interface EsmTransform {
  /** The module body, lines and columns as in the source. */
  readonly code: string;
  /** Statements for the wrapper's line: export getters, then import bindings. */
  readonly prelude: string;
  /** Static dependencies by index (`_imp_(i)`), in source order, each once. */
  readonly requests: readonly string[];
}

interface ImportClause {
  defaultName?: string;
  namespace?: string;
  named: [imported: string, local: string][];
}

function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

function write(chars: string[], start: number, text: string): void {
  for (let i = 0; i < text.length; i++) chars[start + i] = text[i] as string;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

function unquote(name: string): string {
  return /^['"]/.test(name) ? name.slice(1, -1) : name;
}

/** The part between `import` and `from`: default, `* as ns`, `{ a, b as c }`. */
function parseClause(text: string): ImportClause {
  const clause: ImportClause = { named: [] };
  let rest = stripComments(text).trim();
  const defaultMatch = /^([\w$]+)\s*(?:,|$)/.exec(rest);
  if (defaultMatch) {
    clause.defaultName = defaultMatch[1];
    rest = rest.slice(defaultMatch[0].length).trim();
  }
  const namespaceMatch = /^\*\s*as\s+([\w$]+)/.exec(rest);
  if (namespaceMatch) clause.namespace = namespaceMatch[1];
  const namedMatch = /^\{([\s\S]*)\}$/.exec(rest);
  if (namedMatch) {
    for (const item of (namedMatch[1] as string).split(',')) {
      const parts = item.trim().split(/\s+as\s+/);
      if (!parts[0]) continue;
      const imported = unquote(parts[0]);
      clause.named.push([imported, parts[1] ?? imported]);
    }
  }
  return clause;
}

/** The end of `export { … };` starting at `start` (the `export` keyword). */
function exportListEnd(source: string, start: number): number {
  let end = source.indexOf('}', start) + 1;
  const after = /^\s*;/.exec(source.slice(end));
  if (after) end += after[0].length;
  return end;
}

/** Rewrites an ES module's source; throws the lexer's error (with `idx`) on bad syntax. */
export function transformEsm(source: string): EsmTransform {
  const [imports, exports] = parse(source);
  // UTF-16 units, as the lexer's offsets count them.
  const chars = source.split('');

  const requests: string[] = [];
  const requestIndex = (specifier: string): number => {
    let index = requests.indexOf(specifier);
    if (index < 0) index = requests.push(specifier) - 1;
    return index;
  };
  const bindings: string[] = [];
  const getters: string[] = [];
  const stars: number[] = [];
  const { importStatic, exportBindings, importDynamic, importMeta, defaultValue } = ESM_NAMES;

  for (const record of imports) {
    if (record.type === 'import-meta') {
      write(chars, record.start, importMeta);
    } else if (record.type === 'dynamic') {
      write(chars, record.importStart, importDynamic);
    } else if (record.type === 'static' || record.type === 'reexport-star') {
      const specifier = record.specifier as string;
      const index = requestIndex(specifier);
      const statement = source.slice(record.importStart, record.importEnd);
      blank(chars, record.importStart, record.importEnd);
      if (!statement.startsWith('import')) continue; // a re-export: handled with the exports
      const quote = source.lastIndexOf(source[record.start - 1] as string, record.start - 1);
      const head = source.slice(record.importStart + 'import'.length, quote);
      const fromAt = head.search(/\bfrom\s*$/);
      const clause = parseClause(fromAt >= 0 ? head.slice(0, fromAt) : '');
      const names = [
        ...(clause.defaultName ? ['default'] : []),
        ...clause.named.map(([imported]) => imported),
      ];
      const namespace = `${importStatic}(${index}, ${JSON.stringify(names)})`;
      const parts: string[] = [];
      if (clause.namespace) parts.push(`${clause.namespace} = ${namespace}`);
      if (clause.defaultName) parts.push(`${clause.defaultName} = ${namespace}.default`);
      if (clause.named.length > 0) {
        const pattern = clause.named
          .map(([imported, local]) => `${JSON.stringify(imported)}: ${local}`)
          .join(', ');
        parts.push(`{ ${pattern} } = ${namespace}`);
      }
      if (parts.length === 0) bindings.push(`${namespace};`);
      else bindings.push(`const ${parts.join(', ')};`);
    }
  }

  const blankedExports = new Set<number>();
  for (const record of exports) {
    if (record.type === 'reexport-all') {
      stars.push(requestIndex(record.from as string));
      continue;
    }
    if (record.type === 'reexport') {
      const index = requestIndex(record.from as string);
      const target =
        record.importName === null || record.importName === '*'
          ? `${importStatic}(${index}, [])`
          : `${importStatic}(${index}, [${JSON.stringify(record.importName)}])[${JSON.stringify(record.importName)}]`;
      getters.push(`${JSON.stringify(record.name)}: () => ${target}`);
      continue;
    }
    const start = record.exportStart;
    const afterExport = source.slice(start + 'export'.length).trimStart();
    const local = record.localName;
    if (afterExport.startsWith('{')) {
      if (!blankedExports.has(start)) blank(chars, start, exportListEnd(source, start));
      getters.push(`${JSON.stringify(record.name)}: () => ${local}`);
    } else if (afterExport.startsWith('default')) {
      const keywordEnd = source.indexOf('default', start) + 'default'.length;
      const declaration = /^\s*(?:async\s+function|function|class)\b/.test(source.slice(keywordEnd));
      if (declaration && local) {
        // `export default function f` stays a hoisted declaration named f.
        blank(chars, start, keywordEnd);
        getters.push(`default: () => ${local}`);
      } else {
        // `export default <expression>` becomes `const _dflt_ = <expression>` (same length).
        blank(chars, start, keywordEnd);
        write(chars, start, `const ${defaultValue} =`.padEnd(keywordEnd - start, ' '));
        getters.push(`default: () => ${defaultValue}`);
      }
    } else {
      if (!blankedExports.has(start)) blank(chars, start, start + 'export'.length);
      getters.push(`${JSON.stringify(record.name)}: () => ${local}`);
    }
    blankedExports.add(start);
  }

  const prelude =
    `${exportBindings}({ ${getters.join(', ')} }, ${JSON.stringify(stars)});` + bindings.join('');
  return { code: chars.join(''), prelude, requests };
}

/**
 * The module syntax blanked out roughly (imports, `export` keywords, import.meta), for when
 * the lexer rejects the source: what is left compiles with V8's own message for the real error.
 */
function withoutModuleSyntax(source: string): string {
  const spaces = (text: string) => text.replace(/[^\n\r]/g, ' ');
  return source
    .replace(/^\s*import\s[^;]*?\bfrom\s*(['"])[^'"]*\1\s*;?/gm, spaces)
    .replace(/^\s*import\s*(['"])[^'"]*\1\s*;?/gm, spaces)
    .replace(/\bexport\s+default\b/g, spaces)
    .replace(/\bexport\b/g, spaces)
    .replace(/\bimport\.meta\b/g, ESM_NAMES.importMeta)
    .replace(/\bimport(?=\s*\()/g, ESM_NAMES.importDynamic);
}

/**
 * transformEsm, and when the lexer fails, V8's SyntaxError with its place in the file (the
 * lexer's own error says only "Parse error", often at the wrong offset).
 */
export function transformEsmOrReport(source: string, filename: string): EsmTransform {
  try {
    return transformEsm(source);
  } catch (lexerError) {
    const code = withoutModuleSyntax(source);
    try {
      compileEsModule(filename, code, '', NO_GLOBALS);
    } catch (error) {
      if (error instanceof SyntaxError) throw error;
    }
    throw lexerError;
  }
}

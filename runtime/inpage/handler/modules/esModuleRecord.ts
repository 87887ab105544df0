import type { EsModuleBody } from './evaluate';

// An ES module's record and the running of its body, apart from loader.ts's graph walk: the
// body's import checks and export bindings depend only on the record and its linked sources.

export interface EsModuleRecord {
  readonly filename: string;
  readonly namespace: Record<string, unknown>;
  readonly requests: readonly string[];
  readonly body: EsModuleBody;
  readonly isAsync: boolean;
  state: 'new' | 'evaluating' | 'done' | 'failed';
  pending: Promise<void> | undefined;
  error?: unknown;
  /** Set when the module has `export *`: names are known only once its sources are. */
  hasStars: boolean;
}

/** A dependency as the importing body sees it; `checked` means its export names are final. */
export interface LinkedModule {
  namespace: Record<string, unknown>;
  pending?: Promise<void>;
  checked: boolean;
}

/** Runs a module's body over its linked dependencies; a promise only for top-level await. */
export function runBody(
  record: EsModuleRecord,
  linked: readonly { namespace: Record<string, unknown>; checked: boolean }[],
): Promise<void> | undefined {
  const importStatic = (index: number, names: readonly string[]): object => {
    const dependency = linked[index] as { namespace: Record<string, unknown>; checked: boolean };
    for (const name of names) {
      if (dependency.checked && !(name in dependency.namespace)) {
        throw new SyntaxError(
          `The requested module '${record.requests[index]}' does not provide an export named '${name}'`,
        );
      }
    }
    return dependency.namespace;
  };
  const exportBindings = (getters: Record<string, () => unknown>, stars: readonly number[]) => {
    for (const [name, get] of Object.entries(getters)) {
      Object.defineProperty(record.namespace, name, { get, enumerable: true });
    }
    record.hasStars = stars.length > 0;
    for (const index of stars) {
      const source = (linked[index] as { namespace: Record<string, unknown> }).namespace;
      for (const name of Object.keys(source)) {
        if (name === 'default' || name in record.namespace) continue;
        Object.defineProperty(record.namespace, name, { get: () => source[name], enumerable: true });
      }
    }
  };
  const result = record.body.call(undefined, importStatic, exportBindings);
  if (!record.isAsync) return undefined;
  return (result as Promise<unknown>).then(() => undefined);
}

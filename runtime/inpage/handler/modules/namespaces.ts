// Namespace objects, as Node's: shared by import(), static imports and require(esm).

/** Makes a module namespace object: null prototype, `Module` tag, sealed. */
export function makeNamespace(): Record<string, unknown> {
  const namespace = Object.create(null) as Record<string, unknown>;
  Object.defineProperty(namespace, Symbol.toStringTag, { value: 'Module' });
  return namespace;
}

/** A namespace for a CommonJS module or a built-in: `default` is module.exports, plus its keys. */
export function namespaceOf(exports: unknown): Record<string, unknown> {
  const namespace = makeNamespace();
  if ((typeof exports === 'object' || typeof exports === 'function') && exports !== null) {
    for (const key of Object.keys(exports)) {
      if (key !== 'default') namespace[key] = (exports as Record<string, unknown>)[key];
    }
  }
  namespace.default = exports;
  return Object.freeze(namespace);
}

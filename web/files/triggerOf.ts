import type { FunctionInfo } from '../../runtime/core/control/protocol';

/** A function folder's trigger as the tree shows it. */
export interface FolderTrigger {
  readonly trigger: string;
  readonly disabled: boolean;
  /** True when the host has loaded the function; false when only read from function.json. */
  readonly loaded: boolean;
}

/** The trigger type a function.json declares (the first binding whose type ends in "Trigger"). */
export function declaredTrigger(functionJson: string | undefined): string | undefined {
  if (functionJson === undefined) return undefined;
  try {
    const root: unknown = JSON.parse(functionJson);
    const bindings = (root as { bindings?: unknown }).bindings;
    if (!Array.isArray(bindings)) return undefined;
    for (const b of bindings) {
      const type = (b as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && /trigger$/i.test(type)) return type;
    }
  } catch {
    // Broken JSON: the host reports it; the tree just shows no badge.
  }
  return undefined;
}

/** The host's view of the function when it has one, else what function.json says. */
export function folderTrigger(
  name: string,
  functions: readonly FunctionInfo[],
  functionJson: string | undefined,
): FolderTrigger | undefined {
  const info = functions.find((f) => f.name === name);
  if (info) return { trigger: info.trigger, disabled: info.disabled, loaded: true };
  const declared = declaredTrigger(functionJson);
  return declared ? { trigger: declared, disabled: false, loaded: false } : undefined;
}

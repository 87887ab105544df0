/** Whether the in-page engine can run an app, and if not, why (for the page to say). */
export type InPageSupport = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const SCRIPT = /\.(c|m)?js$/i;

/**
 * Reads host.json as the engine chooser needs it: the in-page engine runs handlers that `node`
 * starts from a JavaScript file. An app this cannot judge (no host.json, broken JSON, no
 * handler section) counts as runnable: the host then reports the problem the same way in
 * every engine, and the person fixes it where they are.
 */
export function inPageSupport(files: ReadonlyMap<string, string>): InPageSupport {
  const text = files.get('host.json');
  if (text === undefined) return { ok: true };
  let hostJson: unknown;
  try {
    hostJson = JSON.parse(text);
  } catch {
    return { ok: true };
  }
  const root = asRecord(hostJson);
  const section = asRecord(root?.customHandler) ?? asRecord(root?.httpWorker);
  const description = asRecord(section?.description);
  const executable = description?.defaultExecutablePath;
  if (typeof executable !== 'string') return { ok: true };
  const name = executable.split(/[\\/]/).pop() ?? '';
  if (!/^node(\.exe)?$/i.test(name)) {
    return { ok: false, reason: `its handler runs "${executable}", and the in-page engine runs node only` };
  }
  const worker = description?.defaultWorkerPath;
  const args = Array.isArray(description?.arguments) ? description.arguments : [];
  const script =
    typeof worker === 'string' && worker !== ''
      ? worker
      : args.find((a) => typeof a === 'string' && !a.startsWith('-'));
  if (typeof script === 'string' && !SCRIPT.test(script) && /\.[a-z0-9]+$/i.test(script)) {
    return { ok: false, reason: `its handler's entry "${script}" is not a JavaScript file` };
  }
  return { ok: true };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

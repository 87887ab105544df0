/**
 * Files the export adds when the app lacks them, so the unzipped folder runs as it is: a
 * local.settings.json for Core Tools, a package.json that keeps `.js` handlers CommonJS, and a
 * README on how to run it.
 */

export const DEFAULT_LOCAL_SETTINGS = `${JSON.stringify(
  {
    IsEncrypted: false,
    Values: { FUNCTIONS_WORKER_RUNTIME: 'custom', AzureWebJobsStorage: 'UseDevelopmentStorage=true' },
  },
  null,
  2,
)}\n`;

/**
 * Node treats a `.js` file as CommonJS or ESM by the nearest package.json; without one of its own,
 * an app unzipped inside some ESM project would see `require` fail.
 */
export const COMMONJS_PACKAGE_JSON = `${JSON.stringify({ private: true, type: 'commonjs' }, null, 2)}\n`;

interface FunctionSummary {
  readonly name: string;
  readonly trigger: string;
  readonly route?: string;
  /** Queue, timer, blob or table bindings: Core Tools needs a storage account (Azurite) for them. */
  readonly storage: boolean;
}

const STORAGE = /^(queue|queueTrigger|timerTrigger|blob|blobTrigger|table)$/;

/** Each `<folder>/function.json`'s trigger, best effort: a broken one still gets listed. */
function summarize(files: Readonly<Record<string, string>>): FunctionSummary[] {
  return Object.keys(files)
    .filter((p) => /^[^/]+\/function\.json$/.test(p))
    .sort()
    .map((p) => {
      const name = p.slice(0, p.indexOf('/'));
      try {
        const json = JSON.parse(files[p]!) as {
          bindings?: ({ type?: unknown; route?: unknown } | null)[];
        } | null;
        const bindings = Array.isArray(json?.bindings) ? json.bindings : [];
        const types = bindings.map((b) => (typeof b?.type === 'string' ? b.type : ''));
        const trigger = types.find((t) => t.endsWith('Trigger')) ?? 'no trigger';
        const storage = types.some((t) => STORAGE.test(t));
        const route = bindings.find((b) => b?.type === 'httpTrigger')?.route;
        return trigger === 'httpTrigger'
          ? { name, trigger, storage, route: typeof route === 'string' ? route : name }
          : { name, trigger, storage };
      } catch {
        return { name, trigger: 'function.json does not parse', storage: false };
      }
    });
}

/** A README for an exported app that has none: what is in it and how to run it. */
export function generateReadme(name: string, files: Readonly<Record<string, string>>): string {
  const functions = summarize(files);
  const needsStorage = functions.some((f) => f.storage);
  const usesNode = /"defaultExecutablePath"\s*:\s*"node(\.exe)?"/.test(files['host.json'] ?? '');
  const list =
    functions.length === 0
      ? '- (none yet: add a folder with a function.json)'
      : functions
          .map((f) =>
            f.route === undefined
              ? `- \`${f.name}\`: ${f.trigger}`
              : `- \`${f.name}\`: ${f.trigger}, \`http://localhost:7071/api/${f.route}\``,
          )
          .join('\n');
  const install = usesNode
    ? 'Install [Azure Functions Core Tools](https://learn.microsoft.com/azure/azure-functions/functions-run-local) v4 and [Node.js](https://nodejs.org): `node` must be on your PATH, since host.json starts the handler with it.'
    : 'Install [Azure Functions Core Tools](https://learn.microsoft.com/azure/azure-functions/functions-run-local) v4, and whatever host.json starts the handler with.';
  const storage = needsStorage
    ? 'Start [Azurite](https://learn.microsoft.com/azure/storage/common/storage-use-azurite) (`npx azurite`): queue and timer bindings need storage, and `AzureWebJobsStorage` is `UseDevelopmentStorage=true`.'
    : 'The functions need no storage; a queue or timer binding would need [Azurite](https://learn.microsoft.com/azure/storage/common/storage-use-azurite) (`npx azurite`) running.';
  return [
    `# ${name}`,
    '',
    'An Azure Functions app with a custom handler, exported from the Functions Custom Handler Playground.',
    '',
    '## Functions',
    '',
    list,
    '',
    '## Run it with Azure Functions Core Tools',
    '',
    `1. ${install}`,
    `2. ${storage}`,
    '3. In this folder, run `func start`. Core Tools reads `local.settings.json`, where `FUNCTIONS_WORKER_RUNTIME` is `custom`, starts the handler named in `host.json` and listens on http://localhost:7071. The first start downloads the extension bundle named in `host.json`.',
    '',
    "## Run it with the playground's host",
    '',
    'From a checkout of the playground repository, run `npm run host -- <path to this folder>`. It is a TypeScript port of the Functions host with in-memory queues and timers, so it needs neither Core Tools nor Azurite.',
    '',
  ].join('\n');
}

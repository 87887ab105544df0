/**
 * The in-page engine's scripts as text, which `npm run build:inpage` writes to build/inpage/.
 * Each is its own lazy chunk, fetched when the in-page engine boots, so the first load of the
 * page carries none of them. A glob for the same reason as hostBundle.ts: a missing build fails
 * here, saying why, instead of failing the site's build.
 */
const scripts = import.meta.glob<string>('../../build/inpage/*.js', { query: '?raw', import: 'default' });

export interface InPageBundles {
  /** The sandbox iframe's program. */
  readonly sandbox: string;
  readonly hostWorker: string;
  readonly handlerWorker: string;
}

export async function loadInPageBundles(): Promise<InPageBundles> {
  const load = (name: string) => {
    const loader = scripts[`../../build/inpage/${name}`];
    if (!loader) {
      throw new Error(
        `This build has no in-page engine (build/inpage/${name}): build the site with npm run build.`,
      );
    }
    return loader();
  };
  const [sandbox, hostWorker, handlerWorker] = await Promise.all([
    load('sandbox.js'),
    load('host-worker.js'),
    load('handler-worker.js'),
  ]);
  return { sandbox, hostWorker, handlerWorker };
}

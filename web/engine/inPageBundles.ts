import type { SandboxWorkerUrls } from '../../runtime/inpage/protocol';

/**
 * The in-page engine's scripts as text, which `npm run build:inpage` writes to build/inpage/.
 * The workers' scripts are each a lazy chunk, fetched when the in-page engine boots, so the first
 * load of the page carries none of them. The sandbox's program is a few kB and comes with the
 * page, so the sandbox iframe can start while the workers' scripts are on their way. Globs for the
 * same reason as hostBundle.ts: a missing build fails here, saying why, instead of failing the
 * site's build.
 */
const scripts = import.meta.glob<string>(['../../build/inpage/*.js', '!**/sandbox.js'], {
  query: '?raw',
  import: 'default',
});
const eager = import.meta.glob<string>('../../build/inpage/sandbox.js', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/**
 * The workers' scripts as files of the site (the same builds): the sandbox's workers load these
 * themselves where they can (sandboxFrame.ts workerUrlsFor), and the text above is not fetched.
 */
const urls = import.meta.glob<string>(['../../build/inpage/*.js', '!**/sandbox.js'], {
  query: '?url',
  import: 'default',
  eager: true,
});

export interface InPageBundles {
  /** The sandbox iframe's program. */
  readonly sandbox: string;
  readonly hostWorker: string;
  readonly handlerWorker: string;
}

/** The sandbox iframe's program, if this build has the in-page engine. */
export const sandboxScript: string | undefined = eager['../../build/inpage/sandbox.js'];

const hostWorkerUrl = urls['../../build/inpage/host-worker.js'];
const handlerWorkerUrl = urls['../../build/inpage/handler-worker.js'];

/** Where the workers' scripts are, relative to the page, if this build has them. */
export const workerScriptUrls: SandboxWorkerUrls | undefined =
  hostWorkerUrl !== undefined && handlerWorkerUrl !== undefined
    ? { hostWorker: hostWorkerUrl, handlerWorker: handlerWorkerUrl }
    : undefined;

function missing(name: string): Error {
  return new Error(
    `This build has no in-page engine (build/inpage/${name}): build the site with npm run build.`,
  );
}

export async function loadInPageBundles(): Promise<InPageBundles> {
  const load = (name: string) => {
    const loader = scripts[`../../build/inpage/${name}`];
    if (!loader) throw missing(name);
    return loader();
  };
  if (sandboxScript === undefined) throw missing('sandbox.js');
  const [hostWorker, handlerWorker] = await Promise.all([load('host-worker.js'), load('handler-worker.js')]);
  return { sandbox: sandboxScript, hostWorker, handlerWorker };
}

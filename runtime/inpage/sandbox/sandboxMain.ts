/**
 * The script of the sandbox iframe (sandbox="allow-scripts", opaque origin). It owns every
 * worker of the in-page engine, because only a document can start one: the host worker for each
 * host run, the handler workers each host asks for, and probes. Workers are classic and made
 * from blob: URLs created here, the one kind an opaque-origin document can start. Each either
 * loads its script from the site (importScripts, when the page wrote the addresses into this
 * document) or is made from the script's text, which the page then posts (this document cannot
 * fetch the site's files).
 */
import type { FromSandbox, HandlerBoot, HostWorkerInit, SandboxReady, SupervisorEvent } from '../protocol';
import { WORKER_URLS_META } from './sandboxDocument';
import { readSandboxBoot, readSupervisorRequest, readToSandbox, readWorkerUrls } from './sandboxMessages';
import { spareWorker, type SpareWorker } from './spareWorker';

/** A worker the page asked for, with the handler workers it started. */
interface Run {
  readonly worker: Worker;
  readonly handlers: Map<number, Worker>;
  readonly supervisor?: MessagePort;
}

function scriptUrl(source: string): string {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/**
 * A worker that loads its script from the site itself: importScripts is a classic script load,
 * which needs no CORS, so this opaque-origin document may start it, and the page neither fetches
 * nor copies the script.
 */
function loaderUrl(address: string): string {
  return scriptUrl(`importScripts(${JSON.stringify(address)});`);
}

function start(): void {
  const urls = readWorkerUrls(
    document.querySelector(`meta[name="${WORKER_URLS_META}"]`)?.getAttribute('content'),
  );
  // Made at once, while the page is still opening: the workers' scripts load and run meanwhile.
  const early = urls && {
    hosts: spareWorker(loaderUrl(urls.hostWorker), 'host'),
    handlers: spareWorker(loaderUrl(urls.handlerWorker), 'handler'),
  };
  const onBoot = (event: MessageEvent) => {
    if (event.source !== window.parent) return; // only the page that made this iframe
    const boot = readSandboxBoot(event.data);
    if (!boot) return;
    if (!boot.scripts && !early) return; // nothing to start workers from: the page's boot times out
    window.removeEventListener('message', onBoot);
    if (boot.scripts) {
      early?.hosts.discard();
      early?.handlers.discard();
      const { hostWorker, handlerWorker } = boot.scripts;
      serve(
        boot.port,
        spareWorker(scriptUrl(hostWorker), 'host'),
        spareWorker(scriptUrl(handlerWorker), 'handler'),
      );
    } else if (early) serve(boot.port, early.hosts, early.handlers);
  };
  window.addEventListener('message', onBoot);
  // The page's origin is not known here (this document's is opaque), hence '*': the message says
  // nothing but "ready", and the page checks that it came from its own iframe.
  window.parent.postMessage({ t: 'fchp-sandbox-ready' } satisfies SandboxReady, '*');
}

function serve(page: MessagePort, hosts: SpareWorker, handlers: SpareWorker): void {
  const runs = new Map<number, Run>();
  const tell = (message: FromSandbox) => page.postMessage(message);

  const stop = (id: number) => {
    const run = runs.get(id);
    if (!run) return;
    runs.delete(id);
    run.worker.terminate();
    for (const handler of run.handlers.values()) handler.terminate();
    run.supervisor?.close();
  };

  const startHost = (id: number, port: MessagePort) => {
    const worker = hosts.take();
    const supervisor = new MessageChannel();
    const run: Run = { worker, handlers: new Map(), supervisor: supervisor.port1 };
    runs.set(id, run);
    worker.onerror = (event) => {
      event.preventDefault();
      tell({ t: 'host-failed', id, message: event.message || 'The host worker failed to load.' });
      stop(id);
    };
    supervisor.port1.onmessage = (event: MessageEvent) => {
      const request = readSupervisorRequest(event.data);
      if (!request) return;
      if (request.t === 'kill') {
        run.handlers.get(request.pid)?.terminate();
        run.handlers.delete(request.pid);
        return;
      }
      if (runs.get(id) !== run) return; // a spawn racing the host's stop
      run.handlers.set(request.pid, startHandler(request.pid, request.port, supervisor.port1));
    };
    const init: HostWorkerInit = { t: 'init', page: port, supervisor: supervisor.port2 };
    worker.postMessage(init, [port, supervisor.port2]);
  };

  const startHandler = (pid: number, port: MessagePort, supervisor: MessagePort): Worker => {
    const worker = handlers.take();
    worker.onerror = (event) => {
      // An error the handler's own layer did not catch (a syntax error in its first parse, a
      // throw in a timer it does not wrap): the host hears it as the process dying with code 1.
      event.preventDefault();
      worker.terminate();
      const report: SupervisorEvent = {
        t: 'worker-error',
        pid,
        message: event.message || 'The handler worker failed to load.',
        ...(event.filename && { filename: event.filename, lineno: event.lineno, colno: event.colno }),
      };
      supervisor.postMessage(report);
    };
    worker.postMessage({ t: 'boot', port } satisfies HandlerBoot, [port]);
    return worker;
  };

  page.onmessage = (event: MessageEvent) => {
    const request = readToSandbox(event.data);
    if (!request) return;
    switch (request.t) {
      case 'start-host':
        stop(request.id);
        startHost(request.id, request.port);
        return;
      case 'stop':
        stop(request.id);
        tell({ t: 'stopped', id: request.id });
        return;
      case 'ping':
        tell({ t: 'pong', id: request.id });
        return;
      case 'stats': {
        let handlers = 0;
        for (const run of runs.values()) handlers += run.handlers.size;
        tell({ t: 'stats', id: request.id, runs: runs.size, handlers });
        return;
      }
      case 'scripts':
        hosts.use(scriptUrl(request.hostWorker));
        handlers.use(scriptUrl(request.handlerWorker));
        tell({ t: 'scripts-kept', id: request.id });
        return;
      case 'probe': {
        stop(request.id);
        const worker = new Worker(scriptUrl(request.source), { name: `probe ${request.id}` });
        runs.set(request.id, { worker, handlers: new Map() });
        worker.postMessage({ port: request.port }, [request.port]);
        tell({ t: 'probe-started', id: request.id, origin: self.origin });
        return;
      }
    }
  };
  tell({ t: 'booted' });
}

start();

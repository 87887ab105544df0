import type { ControlIo, startControlledHost } from '../host/controlledHost';
import { withConsoleLines } from './consoleLines';
import type { HostInput, HostOutput, HostWorkerInit } from './protocol';
import { APP_ROOT } from './platform/appFileMap';
import { InPagePlatform } from './platform/inPagePlatform';

/** What the worker needs of startControlledHost (runtime/host/controlledHost.ts): tests pass their own. */
export type StartControlledHost = (
  options: Parameters<typeof startControlledHost>[0],
) => Promise<{ stop(): Promise<void> }>;

/** The part of a worker's global scope used here. */
export interface WorkerScopeLike {
  onmessage: ((event: MessageEvent) => void) | null;
}

/**
 * Runs the host worker: waits for its two ports from the iframe, keeps the app's file map as
 * the page sends it, starts the host when asked, and relays control text both ways.
 */
export function serveHostWorker(scope: WorkerScopeLike, startHost: StartControlledHost): void {
  scope.onmessage = (event: MessageEvent) => {
    const init = readInit(event.data);
    if (!init) return;
    scope.onmessage = null;
    serve(init, startHost);
  };
}

function serve(init: HostWorkerInit, startHost: StartControlledHost): void {
  const { page } = init;
  const send = (message: HostOutput) => page.postMessage(message);
  let platform: InPagePlatform | undefined;
  /** The files sent before the host runs; after, they go straight to the platform's map. */
  let files: Readonly<Record<string, string>> = {};
  const inputListeners: ((text: string) => void)[] = [];
  const pendingInput: string[] = [];

  page.onmessage = (event: MessageEvent) => {
    const message = readHostInput(event.data);
    if (!message) return;
    switch (message.t) {
      case 'files':
        if (platform) platform.files.replace(message.files);
        else files = message.files;
        return;
      case 'input':
        // Input that comes before the host listens (a command sent right after start) waits.
        if (inputListeners.length === 0) pendingInput.push(message.text);
        for (const listener of inputListeners) listener(message.text);
        return;
      case 'run': {
        if (platform) return; // one host per worker: the page starts a new worker to restart
        platform = new InPagePlatform({ supervisor: init.supervisor, env: message.env });
        platform.files.replace(files);
        const io: ControlIo = withConsoleLines({
          write: (text) => send({ t: 'output', text }),
          onInput: (listener) => {
            inputListeners.push(listener);
            for (const text of pendingInput.splice(0)) listener(text);
          },
          // `host.stop` ends the host process on the CLI (stdioChannel.ts); the worker ends the same way.
          onStopped: () => {
            platform?.dispose();
            send({ t: 'exit', code: 0 });
          },
        });
        startHost({ platform, appRoot: APP_ROOT, io }).catch((e: unknown) => {
          send({ t: 'output', text: `The host could not start: ${(e as Error).message ?? String(e)}\n` });
          platform?.dispose();
          send({ t: 'exit', code: 1 });
        });
        return;
      }
    }
  };
}

function readInit(value: unknown): HostWorkerInit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, page, supervisor } = value as Record<string, unknown>;
  if (t !== 'init' || !(page instanceof MessagePort) || !(supervisor instanceof MessagePort))
    return undefined;
  return { t, page, supervisor };
}

/** A page message, checked on arrival. */
export function readHostInput(value: unknown): HostInput | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.t === 'input' && typeof m.text === 'string') return { t: 'input', text: m.text };
  if (m.t === 'files' && isTextRecord(m.files)) return { t: 'files', files: m.files };
  if (m.t === 'run' && isTextRecord(m.env)) return { t: 'run', env: m.env };
  return undefined;
}

function isTextRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
  );
}

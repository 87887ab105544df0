import type { SandboxBoot, SandboxWorkerUrls, SupervisorRequest, ToSandbox } from '../protocol';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isPort = (value: unknown): value is MessagePort =>
  typeof MessagePort !== 'undefined' && value instanceof MessagePort;

/** The page's one window message, checked on arrival. */
export function readSandboxBoot(value: unknown): SandboxBoot | undefined {
  if (!isRecord(value) || value.t !== 'fchp-sandbox-boot') return undefined;
  const { scripts, port } = value;
  if (!isPort(port)) return undefined;
  if (scripts === undefined) return { t: value.t, port };
  if (!isRecord(scripts)) return undefined;
  const { hostWorker, handlerWorker } = scripts;
  if (typeof hostWorker !== 'string' || typeof handlerWorker !== 'string') return undefined;
  return { t: value.t, scripts: { hostWorker, handlerWorker }, port };
}

/** A request from the page on the sandbox port, checked on arrival. */
export function readToSandbox(value: unknown): ToSandbox | undefined {
  if (!isRecord(value) || !isId(value.id)) return undefined;
  const { id } = value;
  if (value.t === 'start-host' && isPort(value.port)) return { t: 'start-host', id, port: value.port };
  if (value.t === 'stop') return { t: 'stop', id };
  if (value.t === 'stats') return { t: 'stats', id };
  if (value.t === 'ping') return { t: 'ping', id };
  if (value.t === 'scripts') {
    const { hostWorker, handlerWorker } = value;
    if (typeof hostWorker !== 'string' || typeof handlerWorker !== 'string') return undefined;
    return { t: 'scripts', id, hostWorker, handlerWorker };
  }
  if (value.t === 'probe' && typeof value.source === 'string' && isPort(value.port)) {
    return { t: 'probe', id, source: value.source, port: value.port };
  }
  return undefined;
}

/** A request from a host worker on its supervisor port, checked on arrival. */
export function readSupervisorRequest(value: unknown): SupervisorRequest | undefined {
  if (!isRecord(value) || !isId(value.pid)) return undefined;
  if (value.t === 'spawn' && isPort(value.port)) return { t: 'spawn', pid: value.pid, port: value.port };
  if (value.t === 'kill') return { t: 'kill', pid: value.pid };
  return undefined;
}

/** The workers' addresses the page wrote into this document (sandboxDocument), if any. */
export function readWorkerUrls(content: string | null | undefined): SandboxWorkerUrls | undefined {
  if (!content) return undefined;
  try {
    const value: unknown = JSON.parse(content);
    if (!isRecord(value)) return undefined;
    const { hostWorker, handlerWorker } = value;
    if (typeof hostWorker !== 'string' || typeof handlerWorker !== 'string') return undefined;
    return { hostWorker, handlerWorker };
  } catch {
    return undefined;
  }
}

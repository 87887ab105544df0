import type { SandboxBoot, SupervisorRequest, ToSandbox } from '../protocol';

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isPort = (value: unknown): value is MessagePort =>
  typeof MessagePort !== 'undefined' && value instanceof MessagePort;

/** The page's one window message, checked on arrival. */
export function readSandboxBoot(value: unknown): SandboxBoot | undefined {
  if (!isRecord(value) || value.t !== 'fchp-sandbox-boot') return undefined;
  const { hostWorker, handlerWorker, port } = value;
  if (typeof hostWorker !== 'string' || typeof handlerWorker !== 'string' || !isPort(port)) return undefined;
  return { t: value.t, hostWorker, handlerWorker, port };
}

/** A request from the page on the sandbox port, checked on arrival. */
export function readToSandbox(value: unknown): ToSandbox | undefined {
  if (!isRecord(value) || !isId(value.id)) return undefined;
  const { id } = value;
  if (value.t === 'start-host' && isPort(value.port)) return { t: 'start-host', id, port: value.port };
  if (value.t === 'stop') return { t: 'stop', id };
  if (value.t === 'stats') return { t: 'stats', id };
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

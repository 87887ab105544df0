import type { SupervisorEvent, SupervisorRequest } from '../protocol';

type WorkerError = Extract<SupervisorEvent, { t: 'worker-error' }>;

/**
 * The host worker's end of the supervisor port: asks the iframe to start and stop handler
 * workers (only a document can start a worker here), and routes the iframe's reports on them.
 */
export class SupervisorLink {
  private readonly errorListeners = new Map<number, (event: WorkerError) => void>();

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent) => {
      const message = readSupervisorEvent(event.data);
      if (message) this.errorListeners.get(message.pid)?.(message);
    };
  }

  spawn(pid: number, processPort: MessagePort, onWorkerError: (event: WorkerError) => void): void {
    this.errorListeners.set(pid, onWorkerError);
    this.post({ t: 'spawn', pid, port: processPort }, [processPort]);
  }

  kill(pid: number): void {
    this.errorListeners.delete(pid);
    this.post({ t: 'kill', pid }, []);
  }

  close(): void {
    this.port.onmessage = null;
    this.port.close();
  }

  private post(message: SupervisorRequest, transfer: Transferable[]): void {
    this.port.postMessage(message, transfer);
  }
}

export function readSupervisorEvent(value: unknown): WorkerError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Partial<Record<keyof WorkerError, unknown>>;
  if (m.t !== 'worker-error' || typeof m.pid !== 'number' || typeof m.message !== 'string') return undefined;
  return {
    t: 'worker-error',
    pid: m.pid,
    message: m.message,
    ...(typeof m.filename === 'string' && { filename: m.filename }),
    ...(typeof m.lineno === 'number' && { lineno: m.lineno }),
    ...(typeof m.colno === 'number' && { colno: m.colno }),
  };
}

import type { EngineState } from '../stores/runtimeStore';

/** How a status reads at a glance: green, amber, red or grey. */
export type Tone = 'ok' | 'busy' | 'error' | 'idle';

export function engineTone(engine: EngineState): Tone {
  switch (engine.phase) {
    case 'running':
      return 'ok';
    case 'booting':
    case 'starting-host':
      return 'busy';
    case 'failed':
      return 'error';
    case 'stopped':
    case 'idle':
      return 'idle';
  }
}

export function engineLabel(engine: EngineState): string {
  return engine.phase === 'starting-host' ? 'starting host' : engine.phase;
}

/** The host's own state (Starting, Running, Error, Stopped). */
export function hostTone(state: string | undefined): Tone {
  switch (state) {
    case 'Running':
      return 'ok';
    case 'Starting':
      return 'busy';
    case 'Error':
      return 'error';
    default:
      return 'idle';
  }
}

/** The handler process's state (starting, ready, exited, failed, stopped). */
export function handlerTone(state: string | undefined): Tone {
  switch (state) {
    case 'ready':
      return 'ok';
    case 'starting':
      return 'busy';
    case 'exited':
    case 'failed':
      return 'error';
    default:
      return 'idle';
  }
}

/** The short badge of a trigger type: HTTP, queue, timer, or the type itself. */
export function triggerBadge(trigger: string): string {
  const lower = trigger.toLowerCase();
  if (lower === 'httptrigger') return 'HTTP';
  if (lower === 'queuetrigger') return 'queue';
  if (lower === 'timertrigger') return 'timer';
  return lower.replace(/trigger$/, '');
}

import type { HostState, HostStatusEvent } from '../core/control/protocol';
import type { HandlerSupervisor } from './handler/handlerSupervisor';

/** The `host.status` event: the host's state, where its front door is, and its handler's. */
export function hostStatusEvent(
  state: HostState,
  frontDoorPort: number | undefined,
  supervisor: HandlerSupervisor | undefined,
  handlerPort: number | undefined,
  errors: readonly string[],
  detail?: string,
): HostStatusEvent {
  return {
    type: 'host.status',
    state,
    ...(frontDoorPort !== undefined && { frontDoorUrl: `http://localhost:${frontDoorPort}` }),
    handler: {
      state: supervisor?.state ?? 'stopped',
      ...(supervisor?.pid !== undefined && { pid: supervisor.pid }),
      ...(handlerPort !== undefined && { port: handlerPort }),
      ...(detail !== undefined && { detail }),
    },
    errors: [...errors],
  };
}

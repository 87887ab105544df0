import { attachControlChannel } from './control/controlChannel';
import type { ControlIo } from './control/controlChannel';
import { FunctionHost } from './functionHost';
import type { Platform } from './platform';

export type { ControlIo };

/**
 * A host driven by the playground over the control channel: what `--control` does on the CLI
 * and what the in-page engine's host worker runs. A host that cannot start still answers, so
 * the person can fix the app and reload.
 */
export async function startControlledHost(options: {
  readonly platform: Platform;
  readonly appRoot: string;
  readonly io: ControlIo;
  readonly port?: number;
}): Promise<{ readonly host: FunctionHost; stop(): Promise<void> }> {
  const host = new FunctionHost({
    platform: options.platform,
    appRoot: options.appRoot,
    ...(options.port !== undefined && { port: options.port }),
  });
  const detach = attachControlChannel(host, options.io);
  await host.start();
  return {
    host,
    stop: async () => {
      detach();
      await host.stop();
    },
  };
}

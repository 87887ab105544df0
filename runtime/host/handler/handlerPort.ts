import type { Diagnostic } from '../../core/app/diagnostics';
import { diagnostic } from '../../core/app/diagnostics';
import type { CustomHandlerOptions } from '../../core/app/hostJson';
import { HOST_JSON, PORT_HINT, unableToBindPortMessage } from '../../core/app/hostJson';
import type { HostServices } from '../hostContext';
import type { Platform } from '../platform';

const OPTIONS_SETUP_CATEGORY = 'Microsoft.Azure.WebJobs.Script.Workers.Http.HttpWorkerOptionsSetup';

/**
 * The handler's port, as HttpWorkerOptionsSetup picks and validates it: a fixed
 * `customHandler.port` must be bindable (and is logged), otherwise the port picked before is kept
 * across reloads, or a free one is picked.
 */
export async function resolveHandlerPort(
  platform: Platform,
  options: CustomHandlerOptions,
  previous: number | undefined,
  log: HostServices['log'],
): Promise<{ readonly port: number } | { readonly error: Diagnostic }> {
  if (options.port === undefined) return { port: previous ?? (await platform.pickFreePort()) };
  if (!(await platform.canBind(options.port))) {
    const message = unableToBindPortMessage(options.port);
    return {
      error: diagnostic('error', HOST_JSON, message, { where: 'customHandler.port', hint: PORT_HINT }),
    };
  }
  log(
    'information',
    OPTIONS_SETUP_CATEGORY,
    `Using port ${options.port} specified via configuration for custom handler.`,
  );
  return { port: options.port };
}

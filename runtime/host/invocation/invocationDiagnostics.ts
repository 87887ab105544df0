import { utf8Decode } from '../../core/bytes/utf8';
import {
  connectionRefusedMessage,
  DEBUG_LINES,
  functionCategory,
  HTTP_WORKER_SERVICE_CATEGORY,
  invocationRequestTrace,
  invocationResponseTrace,
} from '../../core/logging/customHandlerDiagnostics';
import type { HandlerResponse } from '../handler/handlerChannel';
import type { HostServices } from '../hostContext';

export interface PayloadDiagnostics {
  request(port: number, headers: readonly (readonly [string, string])[], body: string): void;
  response(response: HandlerResponse): void;
}

/**
 * DefaultHttpWorkerService's Debug lines (sending, received, Outputs or ReturnValue not set) and,
 * as under Core Tools, the Trace of each request and response with their bodies. Undefined when
 * neither level is on, so a normal invocation builds none of it.
 */
export function payloadDiagnostics(
  ctx: HostServices,
  functionName: string,
  invocationId: string,
): PayloadDiagnostics | undefined {
  const fnCategory = functionCategory(functionName);
  const trace = ctx.logEnabled('trace', fnCategory);
  const debug = ctx.logEnabled('debug', HTTP_WORKER_SERVICE_CATEGORY);
  if (!trace && !debug) return undefined;
  const fields = { functionName, invocationId };
  const logDebug = (message: string) =>
    debug && ctx.log('debug', HTTP_WORKER_SERVICE_CATEGORY, message, fields);
  const logTrace = (message: string) =>
    trace && message !== '' && ctx.log('trace', fnCategory, message, fields);
  return {
    request(port, headers, body) {
      logTrace(invocationRequestTrace(port, functionName, headers));
      logTrace(body);
      logDebug(DEBUG_LINES.sending(functionName, invocationId));
    },
    response(response) {
      const text = utf8Decode(response.body);
      logTrace(invocationResponseTrace(response.status, response.reason, response.rawHeaders));
      logTrace(text);
      logDebug(DEBUG_LINES.received(functionName, invocationId));
      if (!debug || response.status < 200 || response.status > 299) return;
      const result = parseResult(text);
      if (!result) return;
      if (!hasEntries(result['outputs'])) logDebug(DEBUG_LINES.outputsNotSet(invocationId));
      if (result['returnvalue'] === undefined || result['returnvalue'] === null)
        logDebug(DEBUG_LINES.returnValueNotSet(invocationId));
    },
  };
}

/** The result's top-level properties by lower-case name, or undefined when it is not a JSON object. */
function parseResult(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
  } catch {
    return undefined;
  }
}

function hasEntries(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** The readiness ping's Debug line, built only when Debug is on for the worker service. */
export function readinessWaitingLogger(
  services: Pick<HostServices, 'log' | 'logEnabled'>,
  port: number,
): () => void {
  return () => {
    if (services.logEnabled('debug', HTTP_WORKER_SERVICE_CATEGORY))
      services.log(
        'debug',
        HTTP_WORKER_SERVICE_CATEGORY,
        DEBUG_LINES.waitingForWorker(port, connectionRefusedMessage(port)),
      );
  };
}

/** DefaultHttpWorkerService's Debug line for forwarding and proxying. */
export function logForwarding(services: HostServices, functionName: string, invocationId: string): void {
  if (services.logEnabled('debug', HTTP_WORKER_SERVICE_CATEGORY))
    services.log('debug', HTTP_WORKER_SERVICE_CATEGORY, DEBUG_LINES.forwarding(functionName, invocationId), {
      functionName,
      invocationId,
    });
}

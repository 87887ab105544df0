import { randomUUID } from 'node:crypto';
import type { FunctionDef } from '../../core/app/functionJson';
import type { JsonObject } from '../../core/json/jsonNode';
import { writeJson } from '../../core/json/writeJson';
import { hint } from '../../core/invocation/hints';
import type { InvocationResult } from '../../core/invocation/resultMapper';
import { mapInvocationResult } from '../../core/invocation/resultMapper';
import { formatTimeSpan } from '../../core/time/timeSpan';
import { HOST_VERSION } from './constants';
import type { ExchangeRecorder } from './exchangeRecorder';
import { callHandler, HandlerCallError, headerValue } from './handlerCall';
import type { InvocationServices } from './invocationServices';
import { waitForHandler } from './invocationServices';

/**
 * Sends one payload-mode invocation: `POST /{FunctionName}` with the Data/Metadata body,
 * chunked, and maps the answer. A function timeout cancels it and restarts the handler.
 */
export async function invokePayload(
  services: InvocationServices,
  fn: FunctionDef,
  body: JsonObject,
  rec: ExchangeRecorder,
  invocationId: string = randomUUID(),
): Promise<InvocationResult> {
  rec.invocationId = invocationId;
  rec.functionName = fn.name;
  const fields = { functionName: fn.name, invocationId };
  try {
    await waitForHandler(services);
  } catch (e) {
    return { kind: 'failed', error: (e as Error).message, hints: [] };
  }

  const port = services.handler.port;
  let timedOut = false;
  let cancel: (() => void) | undefined;
  let onTimeoutWhileHanging: (() => void) | undefined;
  const timeoutMs = services.functionTimeoutMs;
  const timer =
    timeoutMs === null
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          cancel?.();
          onTimeoutWhileHanging?.();
        }, timeoutMs);

  try {
    const response = await callHandler(services.agent, {
      port,
      method: 'POST',
      path: `/${fn.name}`,
      headers: [
        ['Host', `127.0.0.1:${port}`],
        ['X-Azure-Functions-HostVersion', HOST_VERSION],
        ['X-Azure-Functions-InvocationId', invocationId],
        ['User-Agent', `Azure-Functions-Host/${HOST_VERSION}`],
        ['Transfer-Encoding', 'chunked'],
        ['Content-Type', 'application/json; charset=utf-8'],
      ],
      body: Buffer.from(writeJson(body), 'utf8'),
      onCancel: (fn) => (cancel = fn),
    });
    cancel = undefined;
    rec.hop('host', 'handler', response.sent);
    rec.hop('handler', 'host', response.received);
    const contentType = headerValue(response.rawHeaders, 'content-type');
    const result = mapInvocationResult(fn, {
      status: response.status,
      reason: response.reason,
      ...(contentType !== undefined && { contentType }),
      bodyText: response.body.toString('utf8'),
    });
    if (result.kind === 'never-completes') {
      rec.addHints(result.hints);
      rec.update();
      return await new Promise<InvocationResult>((resolve) => {
        // The real host hangs on a null result until the function timeout fires; so do we.
        onTimeoutWhileHanging = () => {
          const timeout = onTimeout(services, fn, invocationId, timeoutMs);
          resolve({ ...timeout, hints: [...result.hints, ...timeout.hints] });
        };
      });
    }
    if (result.kind === 'succeeded') {
      for (const line of result.logs) services.log('information', `Function.${fn.name}.User`, line, fields);
    }
    return result;
  } catch (e) {
    if (e instanceof HandlerCallError) {
      rec.hop('host', 'handler', e.sent);
      if (e.received.length) rec.hop('handler', 'host', e.received);
    }
    if (timedOut) return onTimeout(services, fn, invocationId, timeoutMs);
    const error = (e as Error).message;
    const hints =
      services.handler.state === 'exited'
        ? [
            hint(
              'handler-crashed',
              'The handler process exited with code 0 earlier; the real host does not restart it, so calls fail until you restart.',
            ),
          ]
        : [];
    return { kind: 'failed', error, hints };
  } finally {
    clearTimeout(timer);
  }
}

function onTimeout(
  services: InvocationServices,
  fn: FunctionDef,
  invocationId: string,
  timeoutMs: number | null,
): InvocationResult {
  const limit = formatTimeSpan(timeoutMs ?? 0);
  services.log(
    'error',
    'Host.Function',
    `Timeout value of ${limit} exceeded by function 'Functions.${fn.name}' (Id: '${invocationId}'). Initiating cancellation.`,
    { functionName: fn.name, invocationId },
  );
  services.handler.restart(
    `A function timeout has occurred. Restarting worker process executing invocationId '${invocationId}'.`,
  );
  return {
    kind: 'failed',
    error: `Timeout value of ${limit} was exceeded by function: Functions.${fn.name}`,
    hints: [
      hint(
        'function-timeout',
        `The handler did not finish within functionTimeout (${limit}), so the host cancelled the invocation and restarted the handler process.`,
      ),
    ],
  };
}

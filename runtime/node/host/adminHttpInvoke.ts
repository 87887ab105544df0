import type { FunctionDef } from '../../core/app/functionJson';
import { coreToolsAdminIdentities } from '../../core/http/identities';
import { buildHttpInvocationBody } from '../../core/invocation/httpPayload';
import { functionRouteTemplate } from '../../core/routing/functionRoute';
import type { ExchangeRecorder } from './exchangeRecorder';
import type { HostRuntime } from './hostRuntime';
import { invokePayload } from './payloadInvoker';
import { newSysFacts } from './sysFacts';

/**
 * Admin invoke of an HTTP function: the input string becomes the body of a synthetic POST,
 * sent in payload mode since there is no caller connection to forward.
 */
export async function invokeHttpFromAdmin(
  runtime: HostRuntime,
  fn: FunctionDef,
  input: string,
  rec: ExchangeRecorder,
): Promise<void> {
  rec.functionName = fn.name;
  rec.hop('host', 'host', undefined, `admin invoke with input ${JSON.stringify(input)}`);
  const path = `/${functionRouteTemplate(runtime.config.routePrefix, fn.http?.route ?? fn.name)}`;
  const payload = buildHttpInvocationBody(
    fn.trigger.name,
    {
      url: `http://localhost:${runtime.frontDoorPort}${path}`,
      method: 'POST',
      headers: [['Content-Length', [String(Buffer.byteLength(input))]]],
      query: [],
      params: [],
      identities: coreToolsAdminIdentities(),
      ...(input.length > 0 && {
        body: { text: input, base64: () => Buffer.from(input).toString('base64'), binary: false },
      }),
    },
    fn.inputs.map((b) => b.name),
    newSysFacts(fn.name, runtime.now()),
  );
  const result = await invokePayload(runtime, fn, payload, rec);
  rec.addHints(result.hints);
  if (result.kind === 'succeeded') {
    rec.addLogs(result.logs);
    runtime.deliverOutputs(fn, result.outputs, rec);
    rec.status = result.http?.status;
    rec.finish('succeeded');
  } else {
    rec.finish('failed', result.kind === 'failed' ? result.error : 'The invocation never completed.');
  }
}

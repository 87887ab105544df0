import { utf8EncodeShort } from '../../core/bytes/utf8';
import type { ExchangeRecorder } from '../../core/exchange/exchangeRecorder';
import type { HttpResult } from '../../core/invocation/httpOutput';
import type { AppContext } from '../hostContext';
import type { ServerRequest, ServerResponse } from '../http/serverConnection';

export function respondEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent || res.ended) return;
  res.writeHead(status, undefined, ['Content-Length', '0']);
  res.end();
}

export function respondText(res: ServerResponse, status: number, text: string, contentType: string): void {
  const bytes = utf8EncodeShort(text);
  res.writeHead(status, undefined, ['Content-Type', contentType, 'Content-Length', String(bytes.length)]);
  res.end(bytes);
}

const EXCEPTION_MIDDLEWARE = 'Microsoft.Azure.WebJobs.Script.WebHost.Middleware.ExceptionMiddleware';

/**
 * Writes a payload-mode function's response. When Kestrel refuses one of its headers (the host
 * sets them after the invocation completed), the host's ExceptionMiddleware logs the failure and
 * answers 500 with no body, keeping the headers already set.
 */
export function respondHttpResult(
  app: AppContext,
  req: ServerRequest,
  res: ServerResponse,
  rec: ExchangeRecorder,
  http: HttpResult,
): void {
  const fault = http.writeFault;
  if (fault) {
    const message = `An unhandled host error has occurred.\n${fault.flattened}`;
    rec.error = fault.flattened;
    app.log('error', EXCEPTION_MIDDLEWARE, message, {
      ...(rec.functionName !== undefined && { functionName: rec.functionName }),
      ...(rec.invocationId !== undefined && { invocationId: rec.invocationId }),
    });
  }
  const bytes = utf8EncodeShort(http.body);
  const headerList: string[] = [];
  for (const [k, v] of http.headers) headerList.push(k, v);
  headerList.push('Content-Length', String(bytes.length));
  res.writeHead(http.status, undefined, headerList);
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

import type { BodyPiece } from '../exchanges/bodyPieces';
import type { ComposedRequest } from '../stores/triggersStore';
import type { CallOutcome } from './exchangeCall';
import { headerOf } from './exchangeCall';
import type { JsonObject, RpcMessage, ServerInfo, ToolInfo } from './jsonRpc';
import {
  checkInitializeResult,
  checkRpcMessage,
  checkToolsList,
  initializedNotification,
  initializeRequest,
  parseRpcText,
  toolsCallRequest,
  toolsListRequest,
} from './jsonRpc';
import { sseEvents } from './sse';

/** One line of the panel's transcript: a message sent or received, or what went wrong. */
export interface TranscriptEntry {
  readonly direction: 'sent' | 'received' | 'problem';
  /** What it was: `initialize`, `SSE event`, `202 Accepted`… */
  readonly label: string;
  readonly text: string;
  /** For SSE events: milliseconds from the start of the request's exchange to the event's arrival. */
  readonly atMs?: number;
  readonly exchangeId?: string;
}

export type Send = (
  request: ComposedRequest,
  onPieces: (pieces: readonly BodyPiece[]) => void,
) => Promise<CallOutcome>;

export class McpError extends Error {}

/**
 * An MCP client over the streamable HTTP transport, sending through the playground's ordinary
 * request path: `initialize`, then `notifications/initialized` with the session id the server
 * gave, `tools/list` and `tools/call`. Every message in and out goes to the transcript, SSE
 * events as they arrive.
 */
export class McpClient {
  sessionId: string | undefined;
  server: ServerInfo | undefined;
  private nextId = 1;

  constructor(
    private readonly send: Send,
    private readonly path: string,
    private readonly log: (entry: TranscriptEntry) => void,
  ) {}

  async connect(): Promise<ServerInfo> {
    this.sessionId = undefined;
    this.server = undefined;
    const outcome = await this.post(initializeRequest(this.nextId++));
    const checked = checkInitializeResult(this.resultOf(outcome.message));
    if (!checked.ok) throw this.problem(checked.error);
    this.sessionId = headerOf(outcome.headers, 'mcp-session-id');
    this.server = checked.value;
    await this.post(initializedNotification);
    return checked.value;
  }

  async listTools(): Promise<ToolInfo[]> {
    const outcome = await this.post(toolsListRequest(this.nextId++));
    const checked = checkToolsList(this.resultOf(outcome.message));
    if (!checked.ok) throw this.problem(checked.error);
    return checked.value;
  }

  async callTool(name: string, args: JsonObject): Promise<JsonObject> {
    const outcome = await this.post(toolsCallRequest(this.nextId++, name, args));
    return this.resultOf(outcome.message);
  }

  private resultOf(message: RpcMessage | undefined): JsonObject {
    if (message?.kind === 'result') return message.result;
    if (message?.kind === 'error')
      throw new McpError(`${message.error.message} (code ${message.error.code})`);
    throw this.problem('the server sent no response to the request');
  }

  private problem(text: string): McpError {
    this.log({ direction: 'problem', label: 'problem', text });
    return new McpError(text);
  }

  /** Posts one message; for a request, resolves with the response whose id matches. */
  private async post(
    message: JsonObject,
  ): Promise<{ message?: RpcMessage; headers: CallOutcome['headers'] }> {
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json, text/event-stream'],
    ];
    if (this.sessionId !== undefined) headers.push(['Mcp-Session-Id', this.sessionId]);
    if (this.server) headers.push(['MCP-Protocol-Version', this.server.protocolVersion]);
    const body = JSON.stringify(message);
    this.log({ direction: 'sent', label: String(message.method), text: JSON.stringify(message, null, 2) });
    let reported = 0;
    const report = (pieces: readonly BodyPiece[], exchangeId?: string) => {
      const events = sseEvents(pieces);
      for (const event of events.slice(reported)) this.logEvent(event.data, event.atMs, exchangeId);
      reported = Math.max(reported, events.length);
      return events;
    };
    const outcome = await this.send({ method: 'POST', path: this.path, headers, body }, (p) => report(p));
    const exchangeId = outcome.exchange.id;
    const type = headerOf(outcome.headers, 'content-type') ?? '';
    if (outcome.status === 202 && outcome.body === '') {
      this.log({ direction: 'received', label: '202 Accepted', text: '(no body)', exchangeId });
      return { headers: outcome.headers };
    }
    const wanted = 'id' in message ? message.id : undefined;
    if (/^text\/event-stream/i.test(type)) {
      const events = report(outcome.pieces, exchangeId);
      const replies = events.flatMap((e) => {
        const checked = parseRpcText(e.data);
        return checked.ok ? checked.value : [];
      });
      return { message: replies.find((r) => isReplyTo(r, wanted)), headers: outcome.headers };
    }
    const parsed = parseRpcText(outcome.body);
    if (!parsed.ok) {
      throw this.problem(
        `${outcome.status} ${type || 'without a Content-Type'}: ${outcome.body === '' ? 'an empty body' : parsed.error}`,
      );
    }
    this.log({
      direction: 'received',
      label: `${outcome.status} ${type.split(';')[0]}`,
      text: JSON.stringify(JSON.parse(outcome.body), null, 2),
      exchangeId,
    });
    return { message: parsed.value.find((r) => isReplyTo(r, wanted)), headers: outcome.headers };
  }

  private logEvent(data: string, atMs: number, exchangeId: string | undefined): void {
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      this.log({ direction: 'problem', label: 'SSE event', text: `not JSON: ${data}`, atMs });
      return;
    }
    const checked = checkRpcMessage(value);
    this.log({
      direction: checked.ok ? 'received' : 'problem',
      label: checked.ok ? `SSE event: ${describe(checked.value)}` : `SSE event: ${checked.error}`,
      text: JSON.stringify(value, null, 2),
      atMs,
      ...(exchangeId !== undefined && { exchangeId }),
    });
  }
}

function isReplyTo(message: RpcMessage, id: unknown): boolean {
  return (message.kind === 'result' || message.kind === 'error') && message.id === id;
}

function describe(message: RpcMessage): string {
  return message.kind === 'request' || message.kind === 'notification' ? message.method : message.kind;
}

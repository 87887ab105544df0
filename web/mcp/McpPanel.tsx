import { useId, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { PlaygroundSession } from '../session/session';
import { formatOffset } from '../exchanges/format';
import { callThroughSession } from './exchangeCall';
import type { JsonObject, ServerInfo, ToolInfo } from './jsonRpc';
import { McpClient } from './mcpClient';
import type { TranscriptEntry } from './mcpClient';
import { ToolForm } from './ToolForm';
import './McpPanel.css';

export interface McpPanelProps {
  readonly session: PlaygroundSession;
  readonly running: boolean;
}

interface Line extends TranscriptEntry {
  readonly key: number;
  /** Wall-clock time the page saw it. */
  readonly seenAt: number;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/**
 * An MCP client for any app: connect to an endpoint, list its tools, call one with a form built
 * from its input schema, and read every JSON-RPC message, SSE events as they arrive. Each request
 * is an ordinary exchange, so its hops are in the exchanges panel too.
 */
export default function McpPanel({ session, running }: McpPanelProps) {
  const [path, setPath] = useState('/mcp');
  const [server, setServer] = useState<ServerInfo | undefined>();
  const [sessionId, setSessionId] = useState<string | undefined>();
  const [tools, setTools] = useState<ToolInfo[] | undefined>();
  const [toolName, setToolName] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<JsonObject | undefined>();
  const [lines, setLines] = useState<Line[]>([]);
  const keyRef = useRef(0);
  const clientRef = useRef<McpClient | undefined>(undefined);
  const toolSelect = useId();

  const log = (entry: TranscriptEntry) =>
    setLines((all) => [...all, { ...entry, key: ++keyRef.current, seenAt: Date.now() }]);

  const run = async (
    what: string,
    task: (client: McpClient) => Promise<void>,
    client = clientRef.current,
  ) => {
    if (!client) return;
    setBusy(what);
    setError(undefined);
    try {
      await task(client);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  const connect = (e: FormEvent) => {
    e.preventDefault();
    const client = new McpClient(
      (request, onPieces) => callThroughSession(session, request, onPieces),
      path,
      log,
    );
    clientRef.current = client;
    setServer(undefined);
    setSessionId(undefined);
    setTools(undefined);
    setResult(undefined);
    void run(
      'Connecting',
      async (c) => {
        const info = await c.connect();
        setServer(info);
        setSessionId(c.sessionId);
        const listed = await c.listTools();
        setTools(listed);
        setToolName(listed[0]?.name);
      },
      client,
    );
  };

  const tool = useMemo(() => tools?.find((t) => t.name === toolName), [tools, toolName]);

  return (
    <div className="mcp" data-testid="mcp-panel">
      <form className="tp-line" aria-label="MCP endpoint" onSubmit={connect}>
        <label className="tp-field tp-grow">
          <span>Endpoint path</span>
          <input
            className="tp-mono"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            spellCheck={false}
            aria-describedby="mcp-path-note"
          />
        </label>
        <button type="submit" className="tp-primary" disabled={!running || busy !== undefined}>
          Connect
        </button>
      </form>
      <p className="tp-note" id="mcp-path-note">
        Streamable HTTP: each message is a POST to this path, through the host like any request.
      </p>
      {busy && (
        <p className="tp-muted" role="status">
          {busy}…
        </p>
      )}
      {error && (
        <p className="tp-error" role="alert">
          {error}
        </p>
      )}
      {server && (
        <p className="mcp-server" data-testid="mcp-server">
          Connected to <strong>{server.name}</strong> {server.version} (protocol {server.protocolVersion})
          {sessionId ? (
            <>
              , session <code>{sessionId}</code>
            </>
          ) : (
            ', no session id'
          )}
        </p>
      )}
      {tools && (
        <div className="tp-line">
          <div className="tp-field tp-grow">
            <label htmlFor={toolSelect} className="tp-label">
              Tool
            </label>
            <select id={toolSelect} value={toolName ?? ''} onChange={(e) => setToolName(e.target.value)}>
              {tools.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            disabled={busy !== undefined}
            onClick={() => void run('Listing tools', async (c) => setTools(await c.listTools()))}
          >
            List tools
          </button>
        </div>
      )}
      {tool && (
        <ToolForm
          key={tool.name}
          tool={tool}
          disabled={busy !== undefined}
          onCall={(args) =>
            void run(`Calling ${tool.name}`, async (c) => {
              setResult(undefined);
              setResult(await c.callTool(tool.name, args));
            })
          }
        />
      )}
      {result && (
        <section aria-label="Tool result" className="mcp-result">
          <pre className="tp-code">{textOf(result)}</pre>
        </section>
      )}
      <section aria-label="MCP messages" className="mcp-transcript">
        <div className="tp-line">
          <h4 className="tp-label tp-grow">Messages</h4>
          {lines.length > 0 && (
            <button type="button" className="tp-link" onClick={() => setLines([])}>
              Clear messages
            </button>
          )}
        </div>
        {lines.length === 0 ? (
          <p className="tp-muted">Connect to see each JSON-RPC message here.</p>
        ) : (
          <ol className="mcp-lines">
            {lines.map((line) => (
              <li key={line.key} className={`mcp-line mcp-${line.direction}`} data-testid="mcp-message">
                <details>
                  <summary>
                    <span className="mcp-dir">{arrow(line.direction)}</span>{' '}
                    <span className="mcp-label">{line.label}</span>{' '}
                    <time className="mcp-time" title="when the page saw it">
                      {clock(line.seenAt)}
                    </time>
                    {line.atMs !== undefined && (
                      <span className="mcp-time" title="when it arrived, from the start of its exchange">
                        {' '}
                        {formatOffset(line.atMs)}
                      </span>
                    )}
                  </summary>
                  <pre className="tp-code mcp-json">{line.text}</pre>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function arrow(direction: TranscriptEntry['direction']): string {
  return direction === 'sent' ? 'Sent →' : direction === 'received' ? '← Received' : '⚠ Problem';
}

/** A tool result's text content, or the whole result as JSON when it has none. */
function textOf(result: JsonObject): string {
  const content = Array.isArray(result.content) ? result.content : [];
  const texts = content.flatMap((c) =>
    typeof c === 'object' && c !== null && !Array.isArray(c) && typeof c.text === 'string' ? [c.text] : [],
  );
  const prefix = result.isError === true ? 'The tool reported an error:\n' : '';
  return prefix + (texts.length ? texts.join('\n') : JSON.stringify(result, null, 2));
}

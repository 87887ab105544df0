// An MCP server over the streamable HTTP transport, with Node built-ins only. The host proxies
// every request to it as it came (the mcp-custom-handler profile): the path is the caller's own
// (/mcp, no /api prefix), and what this server writes reaches the caller as it is written, so
// the `countdown` tool's Server-Sent Events arrive one by one.
const http = require('node:http');
const { randomUUID } = require('node:crypto');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8731);
const VERSIONS = ['2025-06-18', '2025-03-26', '2024-11-05'];
const sessions = new Set();

const TOOLS = [
  {
    name: 'add',
    description: 'Adds two numbers; answered as one JSON response.',
    inputSchema: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    },
  },
  {
    name: 'countdown',
    description: 'Counts down, one Server-Sent Event per step, then answers.',
    inputSchema: {
      type: 'object',
      properties: {
        from: { type: 'integer', minimum: 1, maximum: 10, default: 3 },
        delayMs: { type: 'integer', minimum: 0, maximum: 2000, default: 300 },
      },
    },
  },
];

const result = (id, value) => ({ jsonrpc: '2.0', id, result: value });
const failure = (id, code, message) => ({ jsonrpc: '2.0', id, error: { code, message } });

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function handle(message, sessionId, accept, res) {
  const { id, method, params = {} } = message;
  if (method === 'initialize') {
    const session = randomUUID();
    sessions.add(session);
    const asked = params.protocolVersion;
    sendJson(
      res,
      200,
      result(id, {
        protocolVersion: VERSIONS.includes(asked) ? asked : VERSIONS[0],
        capabilities: { tools: {}, logging: {} },
        serverInfo: { name: 'playground-mcp', version: '1.0.0' },
      }),
      { 'Mcp-Session-Id': session },
    );
    return;
  }
  // Every later request names its session; the spec's answers for a missing or unknown one.
  if (!sessionId) return sendJson(res, 400, failure(id ?? null, -32000, 'Missing Mcp-Session-Id header.'));
  if (!sessions.has(sessionId)) return sendJson(res, 404, failure(id ?? null, -32001, 'Session not found.'));
  if (id === undefined) {
    // A notification (notifications/initialized and the like): accepted, nothing to answer.
    res.writeHead(202).end();
    return;
  }
  if (method === 'ping') return sendJson(res, 200, result(id, {}));
  if (method === 'tools/list') return sendJson(res, 200, result(id, { tools: TOOLS }));
  if (method !== 'tools/call') return sendJson(res, 200, failure(id, -32601, `Method not found: ${method}`));
  const args = params.arguments || {};
  if (params.name === 'add') {
    const sum = Number(args.a) + Number(args.b);
    return sendJson(res, 200, result(id, { content: [{ type: 'text', text: String(sum) }] }));
  }
  if (params.name === 'countdown') {
    countdown(id, args, params._meta && params._meta.progressToken, accept, res);
    return;
  }
  sendJson(res, 200, failure(id, -32602, `Unknown tool: ${params.name}`));
}

// An SSE stream: a log notification (and progress, when asked for) per step, then the result.
function countdown(id, args, progressToken, accept, res) {
  const from = Math.min(Math.max(Number.isInteger(args.from) ? args.from : 3, 1), 10);
  const delayMs = Math.min(Math.max(Number.isInteger(args.delayMs) ? args.delayMs : 300, 0), 2000);
  const answer = result(id, { content: [{ type: 'text', text: `Lift-off after ${from}!` }] });
  if (!/text\/event-stream/.test(accept)) return sendJson(res, 200, answer);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const event = (message) => res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  let left = from;
  const tick = () => {
    if (left === 0) {
      event(answer);
      res.end();
      return;
    }
    event({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: `${left}…` } });
    if (progressToken !== undefined)
      event({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken, progress: from - left + 1, total: from },
      });
    left--;
    setTimeout(tick, delayMs);
  };
  tick();
}

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path !== '/mcp') {
    req.resume();
    res.writeHead(404).end();
    return;
  }
  const sessionId = req.headers['mcp-session-id'];
  if (req.method === 'DELETE') {
    req.resume();
    res.writeHead(sessions.delete(sessionId) ? 204 : 404).end();
    return;
  }
  if (req.method !== 'POST') {
    // No server-initiated stream (GET): the spec's answer is 405.
    req.resume();
    res.writeHead(405, { Allow: 'POST, DELETE' }).end();
    return;
  }
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return sendJson(res, 400, failure(null, -32700, 'Parse error: the body is not JSON.'));
    }
    if (!message || message.jsonrpc !== '2.0' || typeof message.method !== 'string') {
      // A response from the client (to a server request we never make) is simply accepted.
      if (message && message.jsonrpc === '2.0' && 'id' in message) return res.writeHead(202).end();
      return sendJson(res, 400, failure(null, -32600, 'Invalid request: expected one JSON-RPC message.'));
    }
    handle(message, sessionId, req.headers.accept || '', res);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`MCP server listening on: ${port}`));

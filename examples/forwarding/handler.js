// enableForwardingHttpRequest: the host sends an HTTP in/out function's request on as it came
// (original /api/... path, rebuilt query, the caller's headers) and relays the handler's answer
// to the caller verbatim, whatever its status. A function with any other binding (here `note`,
// which has a queue output) still gets the Data/Metadata payload at POST /{FunctionName}.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

const ITEMS = { 1: 'kettle', 2: 'teapot', 3: 'mug' };

function send(res, status, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (text += chunk));
  req.on('end', () => {
    const url = new URL(req.url, 'http://handler');

    // Forwarded: what the handler got, so the caller (and the exchange) can see it.
    if (url.pathname.toLowerCase() === '/api/echo') {
      const headers = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      send(res, 200, { method: req.method, url: req.url, headers, body: text });
      return;
    }

    // Forwarded: no Params here, the handler reads the id from the path itself. An unknown id
    // is a 404 from the handler, and the caller gets that 404 as it is.
    const item = /^\/api\/items\/(-?\d+)$/i.exec(url.pathname);
    if (item && req.method === 'GET') {
      const name = ITEMS[item[1]];
      if (name) send(res, 200, { id: Number(item[1]), name });
      else send(res, 404, { error: `There is no item ${item[1]}.` });
      return;
    }

    // Not forwarded (a queue output too): the usual invocation payload, answered with Outputs.
    if (req.method === 'POST' && url.pathname === '/note') {
      const invocation = JSON.parse(text);
      send(res, 200, {
        Outputs: {
          note: { text: invocation.Data.req.Body ?? '' },
          res: { statusCode: 202, body: 'Note queued' },
        },
        Logs: [`Queued a note (${invocation.Data.req.Method} ${invocation.Data.req.Url})`],
      });
      return;
    }

    res.statusCode = 404;
    res.end();
  });
});

server.listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

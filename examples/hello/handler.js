// The seed's `hello` handler, in Node with built-ins only. The host proxies the caller's request
// as it is (enableProxyingHttpRequest), so the handler serves the original path, /api/hello, and
// works with plain HTTP: no Data/Metadata payload, no Outputs to answer with.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

const server = http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  if (path !== '/api/hello') {
    req.resume();
    res.statusCode = 404;
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  if (req.method === 'GET') {
    res.end('hello world');
    return;
  }
  // POST: echo the body back as it streams in.
  req.pipe(res);
});

server.listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

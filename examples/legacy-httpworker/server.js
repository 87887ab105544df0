// The 2020 preview's `order` server, with Node built-ins instead of express. The legacy
// `httpWorker` section gives the port as FUNCTIONS_HTTPWORKER_PORT (the host sets it to the same
// value as FUNCTIONS_CUSTOMHANDLER_PORT). The function has a queue output, so it cannot be
// forwarded: the host POSTs the invocation payload to /order, the function name.
const http = require('node:http');

const PORT = Number(process.env.FUNCTIONS_HTTPWORKER_PORT || 8080);

function readJson(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/order') {
    let invocation;
    try {
      invocation = await readJson(req);
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    const message = invocation.Data.req.Body;
    const response = {
      Outputs: {
        message: message,
        res: {
          statusCode: 200,
          body: 'Order complete',
        },
      },
      Logs: ['order processed'],
    };
    // Like express's res.json: the host accepts only a JSON content type.
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(response));
    return;
  }
  req.resume();
  res.statusCode = 404;
  res.end();
});

// The seed listens on "localhost", which can resolve to ::1 only; the host calls 127.0.0.1.
server.listen(PORT, '127.0.0.1', () => {
  const { address: host, port } = server.address();
  console.log(`Example app listening at http://${host}:${port}`);
});

// The seed's `order` handler, in Node with built-ins only: the order body goes to the
// `message` queue output and the caller gets "Order enqueued".
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

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
  });
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/order') {
    const invocation = await readJson(req);
    const response = {
      Outputs: {
        message: invocation.Data.req.Body,
        res: { body: 'Order enqueued' },
      },
      Logs: null,
      ReturnValue: null,
    };
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(response));
    return;
  }
  res.statusCode = 404;
  res.end();
});

server.listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

// The seed's `order` app, in Node with built-ins only. `order` takes an HTTP order and puts it
// on the `orders` queue; `processOrder` takes it from there and queues a shipment.
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

function reply(res, body) {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

const routes = {
  // HTTP in, queue out: the order body becomes the queue message.
  '/order': (invocation) => ({
    Outputs: {
      message: invocation.Data.req.Body,
      res: { body: 'Order enqueued' },
    },
    Logs: null,
    ReturnValue: null,
  }),
  // Queue in: the host double-encodes the message, so it takes two JSON.parse calls.
  '/processOrder': (invocation) => {
    const order = JSON.parse(JSON.parse(invocation.Data.order));
    return {
      Outputs: { shipment: { orderId: order.id, quantity: order.quantity, status: 'shipped' } },
      Logs: [`Shipping order ${order.id} (dequeue count ${invocation.Metadata.DequeueCount})`],
    };
  },
};

const server = http.createServer(async (req, res) => {
  const route = req.method === 'POST' && routes[req.url];
  if (!route) {
    res.statusCode = 404;
    res.end();
    return;
  }
  reply(res, route(await readJson(req)));
});

server.listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

// Three common mistakes in payload mode, one per function. Add ?fixed=true to the caller's URL
// and the same function answers the right way, so the two exchanges can be compared.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

const functions = {
  // Mistake: the result is JSON text, but sent without a Content-Type. The host reads the
  // result only as JSON (application/json), so the invocation fails and the caller gets 500.
  plainText: (invocation, fixed, res) => {
    const result = { Outputs: { res: { statusCode: 200, body: 'Hello from plainText' } } };
    if (fixed) res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(result));
  },

  // Mistake: answering the host with the status meant for the caller. Any non-2xx answer fails
  // the invocation: the caller gets 500, and Outputs (the queue message too) and Logs are ignored.
  non2xx: (invocation, fixed, res) => {
    const id = invocation.Data.req.Params.id;
    res.statusCode = fixed ? 200 : 404;
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        Outputs: {
          miss: { id },
          res: { statusCode: 404, body: `There is no item ${id}.` },
        },
        Logs: [`Item ${id} not found`],
      }),
    );
  },

  // Mistake: `status` instead of `statusCode` in Outputs.res. The host never reads `status`
  // there, so the caller gets 200.
  statusField: (invocation, fixed, res) => {
    const response = fixed ? { statusCode: 201, body: 'Created' } : { status: 201, body: 'Created' };
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ Outputs: { res: response } }));
  },
};

http
  .createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const name = req.url.slice(1);
      if (req.method !== 'POST' || !Object.hasOwn(functions, name)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const invocation = JSON.parse(text);
      const fixed = invocation.Data.req.Query.fixed === 'true';
      functions[name](invocation, fixed, res);
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

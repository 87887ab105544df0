// Route parameters in payload mode. The host matches the route, so the handler only sees
// requests that matched: POST /{FunctionName}, with the route values as strings in
// Data.req.Params and, double-encoded, in Metadata. Each function answers with what it got.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

const functions = {
  // files/{*path}: a catch-all, slashes included; null for /api/files itself.
  files: ({ Params }) => (Params.path === null ? 'The root folder' : `File '${Params.path}'`),
  // products/{category:alpha}/{id:int?}: id is null when the URL has none.
  products: ({ Params }) =>
    Params.id === null
      ? `All products in '${Params.category}'`
      : `Product ${Params.id} in '${Params.category}'`,
  // products/specials: never reached, `products` (earlier by name) matches first.
  specials: () => "Today's specials",
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
      const { Data, Metadata } = JSON.parse(text);
      const params = Data.req.Params;
      // What Metadata holds for each route value: the JSON text of the string, or nothing.
      const metadata = {};
      for (const key of Object.keys(params)) metadata[key] = Metadata[key] ?? '(absent)';
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          Outputs: {
            res: {
              statusCode: 200,
              headers: { 'Content-Type': 'application/json' },
              body: { function: name, answer: functions[name](Data.req), params, metadata },
            },
          },
          Logs: [`${name}: Params ${JSON.stringify(params)}`],
        }),
      );
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

// `$return` outputs: the host takes their value from ReturnValue, never from Outputs["$return"].
// An http `$return` goes through the full HTTP binding (where `status` works as well as
// `statusCode`, and a value without `body` is the body itself); a queue `$return` gets
// ReturnValue as its message.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

let nextId = 1;

const functions = {
  // HTTP in, `$return` http out: a response object with `status`, headers and a JSON body.
  createItem: ({ Data }) => {
    const item = { id: nextId++, ...JSON.parse(Data.req.Body || '{}') };
    return {
      Logs: [`Created item ${item.id}`],
      ReturnValue: {
        status: 201,
        headers: { 'Content-Type': 'application/json', Location: `/api/items/${item.id}` },
        body: item,
      },
    };
  },
  // HTTP in, `$return` http out: a plain string, which becomes the whole response body.
  hello: ({ Data }) => ({
    ReturnValue: `Hello, ${Data.req.Query.name || 'world'}!`,
  }),
  // HTTP in with `res`, plus a `$return` queue output: Outputs.res answers the caller,
  // ReturnValue becomes the message on the `archive` queue.
  archive: ({ Data, Metadata }) => ({
    Outputs: { res: { statusCode: 202, body: 'Archived' } },
    ReturnValue: { text: Data.req.Body ?? '', archivedAt: Metadata.sys.UtcNow },
  }),
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
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(functions[name](JSON.parse(text))));
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

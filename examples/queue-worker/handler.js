// The seed's MyQueueFunction: a message from `messages-incoming` goes on to `messages-outgoing`
// through the `$return` output, so the handler answers with ReturnValue.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

http
  .createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/MyQueueFunction') {
        res.statusCode = 404;
        res.end();
        return;
      }
      const invocation = JSON.parse(text);
      // The trigger value arrives double-encoded: one parse gives the message text.
      const message = JSON.parse(invocation.Data.myQueueItem);
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          Logs: [`Processing message ${invocation.Metadata.Id}: ${message}`],
          ReturnValue: { processed: message, by: 'MyQueueFunction' },
        }),
      );
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

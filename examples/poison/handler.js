// Fails every message that contains "fail": the host retries it (visibilityTimeout 1 s) until
// maxDequeueCount (3), then moves it to the `jobs-poison` queue. Other messages succeed.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

http
  .createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/flaky') {
        res.statusCode = 404;
        res.end();
        return;
      }
      const { Data, Metadata } = JSON.parse(text);
      const job = JSON.parse(Data.job);
      res.setHeader('Content-Type', 'application/json');
      if (job.includes('fail')) {
        // Any non-2xx answer fails the invocation; the queue trigger then retries the message.
        res.statusCode = 500;
        res.end(JSON.stringify({ Logs: [`Failing '${job}' (attempt ${Metadata.DequeueCount})`] }));
        return;
      }
      res.end(JSON.stringify({ Logs: [`Done with '${job}'`] }));
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

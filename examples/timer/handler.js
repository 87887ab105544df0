// A timer every 10 seconds (NCRONTAB with a seconds field), which also runs once at start-up.
const http = require('node:http');

const port = Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

http
  .createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/tick') {
        res.statusCode = 404;
        res.end();
        return;
      }
      const { Data, Metadata } = JSON.parse(text);
      const timer = Data.myTimer;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          Logs: [
            `Tick at ${Metadata.sys.UtcNow} (past due: ${timer.IsPastDue}, monitor: ${timer.ScheduleStatus !== null})`,
          ],
        }),
      );
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`Node handler listening on: ${port}`));

// App settings (local.settings.json Values) in three places: the handler's environment, its
// command line (`%GREETING%` in customHandler.description.arguments) and a binding property
// (`queueName: "%ORDERS_QUEUE%"`). GET /api/settings shows the first two.
const http = require('node:http');

// argv after the script: --greeting Howdy --port 12345 --region (its %NOT_A_SETTING% was deleted).
const args = process.argv.slice(2);
const options = {};
for (let i = 0; i < args.length; i++) {
  if (!args[i].startsWith('--')) continue;
  const next = args[i + 1];
  options[args[i].slice(2)] = next === undefined || next.startsWith('--') ? null : next;
}

// The port comes from the command line here (%FUNCTIONS_CUSTOMHANDLER_PORT%), the env as a fallback.
const port = Number(options.port || process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080);

const SHOWN = [
  'GREETING',
  'ORDERS_QUEUE',
  'FUNCTIONS_WORKER_RUNTIME',
  'AzureWebJobsStorage',
  'WEBSITE_HOSTNAME',
  'AZURE_FUNCTIONS_ENVIRONMENT',
  'FUNCTIONS_CUSTOMHANDLER_PORT',
  'NOT_A_SETTING',
];

const functions = {
  settings: () => {
    const env = {};
    for (const name of SHOWN) env[name] = process.env[name] ?? null;
    return {
      Outputs: {
        res: {
          statusCode: 200,
          headers: { 'Content-Type': 'application/json' },
          body: { greeting: `${options.greeting ?? '(no greeting)'}!`, argv: args, options, env },
        },
      },
    };
  },
  // The queue output's queueName is %ORDERS_QUEUE%: the host resolves it when it loads the app.
  order: ({ Data }) => ({
    Outputs: {
      message: { order: Data.req.Body ?? '', greeting: options.greeting ?? null },
      res: { statusCode: 202, body: `Order queued on '${process.env.ORDERS_QUEUE}'` },
    },
  }),
  // Triggered from the same queue, named by the same setting.
  fulfil: ({ Data, Metadata }) => {
    const message = JSON.parse(JSON.parse(Data.order));
    return { Logs: [`Fulfilling '${message.order}' (dequeue count ${Metadata.DequeueCount})`] };
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
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(functions[name](JSON.parse(text))));
    });
  })
  .listen(port, '127.0.0.1', () =>
    console.log(`Node handler listening on: ${port} (argv: ${args.join(' ')})`),
  );

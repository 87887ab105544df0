/**
 * The in-page engine with nothing of the playground around it: page open's floor, for
 * bench/page.bench.ts. The page is the built playground's own head (its inline script opens the
 * sandbox, whose workers start loading at once) and this script, which does what the playground
 * does with the engine and nothing else: boot, the app's files, the host, one request once the
 * host runs. It shows a Send button that is enabled when the host runs and a row when the answer
 * is in, so the playground's page marks (pageMarks.ts) time both pages alike.
 *
 * Bundled by engineAloneSite.ts, which defines the app and its request.
 */
import type { HttpRequestSpec } from '../../runtime/core/control/protocol';
import type { SandboxWorkerUrls } from '../../runtime/inpage/protocol';
import { takeInlineFrame } from '../../web/engine/earlyFrame';
import { InPageEngine } from '../../web/engine/inPageEngine';
import { connectSandboxFrame } from '../../web/engine/sandboxFrame';
import { HostConnection } from '../../web/host/hostConnection';

declare const __ENGINE_ALONE__: {
  readonly files: Record<string, string>;
  readonly request: HttpRequestSpec;
  readonly workerUrls: SandboxWorkerUrls;
};

const { files, request, workerUrls } = __ENGINE_ALONE__;
const noBundles = () =>
  Promise.reject(new Error('the engine-alone page has only the workers the inline script named'));

const inline = takeInlineFrame(window);
if (!inline) throw new Error('the page has no early sandbox: is this a built page of the in-page engine?');
const early = connectSandboxFrame(inline.iframe, inline.ready, {
  sandboxScript: '',
  workerUrls,
  loadBundles: noBundles,
});
const engine = new InPageEngine({ loadBundles: noBundles, takeEarlySandbox: () => early });

const send = document.createElement('button');
send.dataset.testid = 'composer-send';
send.textContent = 'Send';
send.disabled = true;
document.body.append(send);

async function run(): Promise<void> {
  await engine.boot();
  await engine.syncFiles(new Map(Object.entries(files)));
  const process = await engine.startHost();
  const connection = new HostConnection(process, {
    onEvent: (event) => {
      if (event.type === 'host.status' && event.state === 'Running') send.disabled = false;
    },
    onText: () => undefined,
    onProtocolError: (message) => console.error(message),
  });
  send.onclick = () => {
    send.disabled = true;
    void connection.send<{ status: number }>({ type: 'http.request', request }).then((result) => {
      const row = document.createElement('div');
      row.dataset.testid = 'exchange-row';
      row.textContent = `${request.method} ${request.path}: ${result.status}`;
      document.body.append(row);
    });
  };
}

run().catch((e: unknown) => {
  document.body.append(`The engine did not start: ${e instanceof Error ? e.message : String(e)}`);
});

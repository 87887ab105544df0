import { describe, expect, test } from 'vitest';
import { sandboxDocument, WORKER_URLS_META } from './sandboxDocument';
import { readSandboxBoot, readWorkerUrls } from './sandboxMessages';

const policyOf = (doc: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(doc)?.[1];
const metaOf = (doc: string) =>
  new RegExp(`<meta name="${WORKER_URLS_META}" content="([^"]*)">`).exec(doc)?.[1];
const unescapeAttribute = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

describe('the sandbox document', () => {
  test('without worker addresses: scripts inline and from blob: only, and no addresses', () => {
    const doc = sandboxDocument('run();');
    expect(policyOf(doc)).toContain("script-src 'unsafe-inline' 'unsafe-eval' blob:;");
    expect(metaOf(doc)).toBeUndefined();
    expect(doc).toContain('<script>run();</script>');
  });

  test('with worker addresses: their origin may serve scripts, and the addresses read back intact', () => {
    const urls = {
      hostWorker: 'https://docs.example/play/assets/host-worker-a.js?x="1"&y=<2>',
      handlerWorker: 'https://docs.example/play/assets/handler-worker-b.js',
    };
    const doc = sandboxDocument('run();', urls);
    // Nothing more: no connect-src, so default-src 'none' refuses every connection.
    expect(policyOf(doc)).toBe(
      "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob: https://docs.example; worker-src blob:",
    );
    const content = metaOf(doc);
    expect(content).toBeDefined();
    expect(content).not.toMatch(/["<]/);
    expect(readWorkerUrls(unescapeAttribute(content!))).toEqual(urls);
  });

  test('a "</script" in the program cannot end its element early', () => {
    const doc = sandboxDocument('const s = "</script><b>";');
    expect(doc).toContain('const s = "<\\/script><b>";</script>');
  });

  test('addresses that are not what the page writes are refused', () => {
    expect(readWorkerUrls(undefined)).toBeUndefined();
    expect(readWorkerUrls('not json')).toBeUndefined();
    expect(readWorkerUrls('{"hostWorker":"a"}')).toBeUndefined();
    expect(readWorkerUrls('{"hostWorker":"a","handlerWorker":2}')).toBeUndefined();
  });
});

describe("the page's boot message", () => {
  const port = new MessageChannel().port1;

  test('carries the scripts as text, or none when the document has their addresses', () => {
    expect(readSandboxBoot({ t: 'fchp-sandbox-boot', port })).toEqual({ t: 'fchp-sandbox-boot', port });
    expect(
      readSandboxBoot({
        t: 'fchp-sandbox-boot',
        scripts: { hostWorker: 'h', handlerWorker: 'w' },
        port,
      }),
    ).toEqual({ t: 'fchp-sandbox-boot', scripts: { hostWorker: 'h', handlerWorker: 'w' }, port });
    port.close();
  });

  test('half the scripts, or no port, is not a boot message', () => {
    expect(readSandboxBoot({ t: 'fchp-sandbox-boot', scripts: { hostWorker: 'h' }, port })).toBeUndefined();
    expect(readSandboxBoot({ t: 'fchp-sandbox-boot', scripts: 'h', port })).toBeUndefined();
    expect(readSandboxBoot({ t: 'fchp-sandbox-boot' })).toBeUndefined();
  });
});

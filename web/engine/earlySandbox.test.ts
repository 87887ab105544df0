import { describe, expect, test } from 'vitest';
import { likelyInPage } from './likelyInPage';
import { workerUrlsFor } from './sandboxIframe';

const page = (search: string, servedLocally = false) => ({
  location: { search, href: `https://site.example/play/${search}` },
  document: {
    querySelector: (selector: string) => (servedLocally && selector.includes('fchp-engine') ? {} : null),
  },
});

describe('opening the sandbox before the playground loads', () => {
  test('on a static site, or when the in-page engine is asked for', () => {
    expect(likelyInPage(page(''), false)).toBe(true);
    expect(likelyInPage(page('?example=hello'), false)).toBe(true);
    expect(likelyInPage(page('?engine=inpage'), false)).toBe(true);
    expect(likelyInPage(page('?engine=inpage', true), false)).toBe(true);
  });

  test('not under npm start, not for another engine, not for an embed that waits for a click', () => {
    expect(likelyInPage(page('', true), false)).toBe(false);
    expect(likelyInPage(page('?engine=webcontainer'), false)).toBe(false);
    expect(likelyInPage(page('?engine=local'), false)).toBe(false);
    expect(likelyInPage(page('?engine=nonsense'), false)).toBe(false);
    expect(likelyInPage(page('?embed=1'), true)).toBe(false);
  });
});

describe("the workers' own addresses of their scripts", () => {
  const urls = { hostWorker: '/play/assets/host-worker-a.js', handlerWorker: 'assets/handler-worker-b.js' };

  test('are absolute, resolved against the page', () => {
    expect(workerUrlsFor(urls, { location: { href: 'https://site.example/play/?example=hello' } })).toEqual({
      hostWorker: 'https://site.example/play/assets/host-worker-a.js',
      handlerWorker: 'https://site.example/play/assets/handler-worker-b.js',
    });
  });

  test('are not used in a cross-origin isolated page, nor when the build has none', () => {
    expect(
      workerUrlsFor(urls, { crossOriginIsolated: true, location: { href: 'https://site.example/' } }),
    ).toBeUndefined();
    expect(workerUrlsFor(undefined, { location: { href: 'https://site.example/' } })).toBeUndefined();
  });
});

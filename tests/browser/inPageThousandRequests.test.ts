import { expect, test } from 'vitest';
import { openPage } from './support/browser';
import { noConsoleErrors, waitForHost } from './support/playground';
import { useStaticSite } from './support/staticSite';

// 1,000 requests through the in-page engine, ten at a time, through the session (the path the
// composer's Send takes: the control channel's http.request): every one answered 200, and every
// one recorded as an exchange in the page. Counted, not timed.

const site = useStaticSite();

test('1,000 requests through the in-page engine: all answered 200, all recorded, none lost', async () => {
  const { page, errors } = await openPage(site.browser, `${site.url}/?test&example=hello`);
  await waitForHost(page);
  expect(await page.evaluate('window.__playground.stores.runtime.getState().engineKind')).toBe('inpage');
  const result = await page.evaluate<{
    statuses: Record<string, number>;
    answeredIds: number;
    recorded: number;
    missing: number;
    titles: string[];
  }>(`(async () => {
    const { stores, session } = window.__playground;
    // The store keeps the newest 500; every id it ever held is counted as it arrives.
    const seen = new Map();
    const unsubscribe = stores.exchanges.subscribe((state) => {
      for (const id of state.order) seen.set(id, state.byId[id]);
    });
    const statuses = {};
    const ids = [];
    const lane = async (lane) => {
      for (let i = 0; i < 100; i++) {
        const n = lane * 100 + i;
        const { status, exchangeId } = await session.sendRequest({
          method: 'POST', path: '/api/hello', headers: [['Content-Type', 'application/json']],
          body: JSON.stringify({ message: 'n' + n }),
        });
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (exchangeId) ids.push(exchangeId);
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, lane_) => lane(lane_)));
    // Exchanges reach the page as events after the answer; wait until each answered one is in.
    for (let tries = 0; tries < 400 && ids.some((id) => seen.get(id)?.state !== 'succeeded'); tries++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    unsubscribe();
    const titles = [...new Set([...seen.values()].map((x) => x.title + ' ' + x.status))];
    return {
      statuses,
      answeredIds: new Set(ids).size,
      recorded: seen.size,
      missing: ids.filter((id) => seen.get(id)?.state !== 'succeeded').length,
      titles,
    };
  })()`);
  expect(result).toEqual({
    statuses: { 200: 1000 },
    answeredIds: 1000,
    recorded: 1000,
    missing: 0,
    titles: ['POST /api/hello 200'],
  });
  noConsoleErrors(errors);
  await page.close();
  // A guard against a hang, not a budget: a busy machine takes its time over 1,000 calls.
}, 300_000);

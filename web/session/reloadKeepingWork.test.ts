import { describe, expect, test } from 'vitest';
import { reloadKeepingWork } from './reloadKeepingWork';

function fakeLocation(href: string) {
  const calls: string[] = [];
  const location = {
    href,
    replace(url: string) {
      calls.push(`replace ${url}`);
      location.href = url;
    },
    reload() {
      calls.push(`reload ${location.href}`);
    },
  };
  return { location, calls };
}

describe('reloadKeepingWork (Retry after a failed boot)', () => {
  test('reloads at the share link, so the edits come back after the reload', async () => {
    const { location, calls } = fakeLocation('https://play.example/?example=order');
    await reloadKeepingWork(async () => 'https://play.example/?example=order#v1/abc', location);
    // Only the hash differs: replace() alone would not load the page again.
    expect(calls).toEqual([
      'replace https://play.example/?example=order#v1/abc',
      'reload https://play.example/?example=order#v1/abc',
    ]);
  });

  test('a link to another address loads by itself: no second load', async () => {
    const { location, calls } = fakeLocation('https://play.example/?embed#v1/old');
    await reloadKeepingWork(async () => 'https://play.example/#v1/new', location);
    expect(calls).toEqual(['replace https://play.example/#v1/new']);
  });

  test('reloads as it is without a link, or when making one fails', async () => {
    const plain = fakeLocation('https://play.example/');
    await reloadKeepingWork(undefined, plain.location);
    expect(plain.calls).toEqual(['reload https://play.example/']);

    const failing = fakeLocation('https://play.example/');
    await reloadKeepingWork(() => Promise.reject(new Error('share code did not load')), failing.location);
    expect(failing.calls).toEqual(['reload https://play.example/']);
  });
});

import { describe, expect, it } from 'vitest';
import { engineChoices, requestedEngine } from '../engine/engineChoices';
import { switchEngine } from './switchEngine';

function place(href: string) {
  const calls: string[] = [];
  return {
    calls,
    location: {
      href,
      replace: (url: string) => void calls.push(`replace ${url}`),
      reload: () => void calls.push('reload'),
    },
  };
}

describe('engineChoices', () => {
  it('offers the local engine only under npm start, and always in-page and WebContainer', () => {
    expect(engineChoices({ servedLocally: true, current: 'local' }).map((c) => c.kind)).toEqual([
      'local',
      'inpage',
      'webcontainer',
    ]);
    expect(engineChoices({ servedLocally: false, current: 'inpage' }).map((c) => c.label)).toEqual([
      'In the page',
      'WebContainer',
    ]);
    // An engine forced by the address stays visible, so the select shows what runs.
    expect(engineChoices({ servedLocally: false, current: 'fake' }).map((c) => c.kind)).toContain('fake');
  });

  it('reads ?engine= only when it names an engine', () => {
    expect(requestedEngine('?engine=webcontainer&x=1')).toBe('webcontainer');
    expect(requestedEngine('?engine=bogus')).toBeUndefined();
    expect(requestedEngine('')).toBeUndefined();
  });
});

describe('switchEngine', () => {
  it('reloads at ?engine=<kind> with the work in a share link', async () => {
    const { calls, location } = place('https://play.example/?example=order');
    const switched = await switchEngine('webcontainer', {
      location,
      linkCarryingWork: async (href) => ({ ok: true, url: `${href.replace('example=order&', '')}#s1.work` }),
      confirm: () => {
        throw new Error('not asked when the work travels');
      },
    });
    expect(switched).toBe(true);
    expect(calls).toEqual(['replace https://play.example/?engine=webcontainer#s1.work']);
  });

  it('replaces an earlier ?engine= and reloads even when only the hash changed', async () => {
    const { calls, location } = place('https://play.example/?engine=inpage#s1.old');
    await switchEngine('inpage', {
      location,
      linkCarryingWork: async (href) => ({ ok: true, url: href.replace('#s1.old', '#s1.new') }),
      confirm: () => true,
    });
    expect(calls).toEqual(['replace https://play.example/?engine=inpage#s1.new', 'reload']);
  });

  it('asks before losing work that cannot travel in a link, and stays when told to', async () => {
    const asked: string[] = [];
    const { calls, location } = place('https://play.example/');
    const deps = {
      location,
      linkCarryingWork: async () => ({
        ok: false as const,
        reason: 'A link holding this app would be too long.',
      }),
      confirm: (question: string) => (asked.push(question), false),
    };
    expect(await switchEngine('local', deps)).toBe(false);
    expect(calls).toEqual([]);
    expect(asked[0]).toContain('too long');
    expect(await switchEngine('local', { ...deps, confirm: () => true })).toBe(true);
    expect(calls).toEqual(['replace https://play.example/?engine=local']);
  });
});

import { describe, expect, it } from 'vitest';
import { describeBootFailure } from './bootDiagnosis';
import type { BootFailureReason } from './engine';

const REASONS: BootFailureReason[] = [
  'not-isolated',
  'unsupported-browser',
  'embedded',
  'timeout',
  'offline',
  'refused',
  'error',
];

describe('describeBootFailure', () => {
  it.each(REASONS)('%s: has a title, says the editor still works, and offers a way on', (reason) => {
    const d = describeBootFailure(reason, 'engine message', { canOpenInNewTab: true });
    expect(d.title).not.toBe('');
    expect(d.detail).toMatch(/Editing, sharing and downloading .* keep working without a runtime/);
    expect(d.actions.length).toBeGreaterThan(0);
  });

  it('points the site owner at the headers and the hosting docs', () => {
    const d = describeBootFailure('not-isolated', '', { canOpenInNewTab: false });
    expect(d.detail).toMatch(/Cross-Origin-Opener-Policy: same-origin/);
    expect(d.detail).toMatch(/Cross-Origin-Embedder-Policy: require-corp/);
    expect(d.detail).toMatch(/docs\/hosting\.md/);
    expect(d.actions).not.toContain('reload');
  });

  it('offers a new tab when embedded, only if one can be opened', () => {
    expect(describeBootFailure('embedded', '', { canOpenInNewTab: true }).actions).toContain(
      'open-in-new-tab',
    );
    expect(describeBootFailure('embedded', '', { canOpenInNewTab: false }).actions).not.toContain(
      'open-in-new-tab',
    );
  });

  it('says how long a timed-out boot waited and that a reload retries', () => {
    const d = describeBootFailure('timeout', '', { canOpenInNewTab: false, bootTimeoutMs: 20_000 });
    expect(d.detail).toMatch(/StackBlitz's servers within 20 s/);
    expect(d.detail).toMatch(/Reload/);
    expect(d.actions[0]).toBe('reload');
    expect(
      describeBootFailure('timeout', '', { canOpenInNewTab: false, bootTimeoutMs: 1500 }).detail,
    ).toMatch(/within 1.5 s/);
  });

  it('passes on the specific message where it is the useful part', () => {
    for (const reason of ['unsupported-browser', 'refused', 'error'] as const) {
      expect(
        describeBootFailure(reason, 'only when served by npm start', { canOpenInNewTab: false }).detail,
      ).toMatch(/only when served by npm start/);
    }
  });

  it('offers a reload when offline', () => {
    expect(describeBootFailure('offline', '', { canOpenInNewTab: false }).actions).toContain('reload');
  });
});

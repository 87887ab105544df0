import { describe, expect, it } from 'vitest';
import { describeBootFailure, explainRuntimeError } from './bootDiagnosis';
import type { BootFailureReason } from './engine';

const REASONS: BootFailureReason[] = [
  'not-isolated',
  'unsupported-browser',
  'embedded',
  'timeout',
  'offline',
  'refused',
  'error',
  'runtime-error',
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

  it("states StackBlitz's browser support: Firefox and Safari beta, embeds Chromium-only", () => {
    for (const reason of ['unsupported-browser', 'timeout', 'error'] as const) {
      const { detail } = describeBootFailure(reason, '', { canOpenInNewTab: false });
      expect(detail).toMatch(/fully in Chromium browsers/);
      expect(detail).toMatch(/Firefox and Safari support is beta/);
      expect(detail).toMatch(/embedded in another page runs only in Chromium/);
    }
    expect(describeBootFailure('embedded', '', { canOpenInNewTab: true }).detail).toMatch(
      /embedded WebContainers only in Chromium browsers/,
    );
  });

  it('explains a runtime error after boot in plain words, and offers a reload', () => {
    const d = describeBootFailure('runtime-error', 'Unable to access localStorage', {
      canOpenInNewTab: false,
    });
    expect(d.title).toBe('The runtime reported an error');
    expect(d.detail).toMatch(/"Unable to access localStorage"/);
    expect(d.detail).toMatch(/blocks the third-party cookies or storage/);
    expect(d.detail).toMatch(/stackblitz\.com, \*\.staticblitz\.com and \*\.webcontainer\.io/);
    expect(d.actions[0]).toBe('reload');
  });
});

describe('explainRuntimeError', () => {
  it('names cookie and storage blockers when the message points at them', () => {
    for (const message of ['Third-party cookies are blocked', 'SecurityError: IndexedDB', 'QuotaExceeded']) {
      expect(explainRuntimeError(message)).toMatch(/blocks the third-party cookies or storage/);
    }
  });

  it('still says the likely cause for a message it does not recognise', () => {
    const text = explainRuntimeError('worker crashed');
    expect(text).toMatch(/"worker crashed"/);
    expect(text).toMatch(/usual cause/);
    expect(text).not.toMatch(/blocks the third-party/);
  });
});

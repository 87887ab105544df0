// Route regexes run on a worker thread with a time limit: a catastrophic pattern is stopped and
// the host's own thread keeps running meanwhile.
import { describe, expect, test } from 'vitest';
import { RegexPool, RegexTimeoutError } from '../../host/regex/regexPool';
import type { RegexWorker } from '../../host/regex/regexPool';
import { startNodeRegexWorker } from './regexWorker';

const CATASTROPHIC = { source: '^(a+)+$', flags: 'iu' };
const EVIL_INPUT = `${'a'.repeat(40)}!`;

describe('RegexPool on worker threads', () => {
  test('a catastrophic match is stopped at its limit while this thread keeps running', async () => {
    const pool = new RegexPool(startNodeRegexWorker);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = Date.now();
    const error = await pool.test(CATASTROPHIC, EVIL_INPUT, 500).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(error).toBeInstanceOf(RegexTimeoutError);
    expect((error as Error).message).toMatch(/^The RegEx engine has timed out/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    // Blocked, the interval could not have run at all.
    expect(ticks).toBeGreaterThan(5);
    // The stopped worker is replaced: the next match works.
    await expect(pool.test(CATASTROPHIC, 'aaaa', 5000)).resolves.toBe(true);
    pool.close();
  });

  test('answers as the same RegExp would on this thread, ignoring case and unanchored', async () => {
    const pool = new RegexPool(startNodeRegexWorker);
    const cases: [string, string, string][] = [
      ['\\d+', 'iu', 'a1'],
      ['^abc$', 'iu', 'ABC'],
      ['^abc$', 'iu', 'abcd'],
      ['^\\p{L}+$', 'iu', 'héllo'],
      ['^[a-z]{3}$', 'i', 'ab'],
    ];
    for (const [source, flags, input] of cases) {
      await expect(pool.test({ source, flags }, input, 5000)).resolves.toBe(
        new RegExp(source, flags).test(input),
      );
    }
    pool.close();
  });

  test('several slow matches at once each end at the limit; a quick one is not held behind them', async () => {
    const pool = new RegexPool(startNodeRegexWorker, { maxWorkers: 3 });
    const slow = [1, 2].map(() => pool.test(CATASTROPHIC, EVIL_INPUT, 4000).catch((e: unknown) => e));
    const started = Date.now();
    await expect(pool.test({ source: '^ok$', flags: 'iu' }, 'OK', 5000)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(3500);
    for (const e of await Promise.all(slow)) expect(e).toBeInstanceOf(RegexTimeoutError);
    pool.close();
  });

  test('waiting for a busy worker counts against the limit: every request ends within it', async () => {
    const pool = new RegexPool(startNodeRegexWorker, { maxWorkers: 1 });
    const started = Date.now();
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => pool.test(CATASTROPHIC, EVIL_INPUT, 1500).catch((e: unknown) => e)),
    );
    for (const e of outcomes) expect(e).toBeInstanceOf(RegexTimeoutError);
    // Queued one after another they would take 4.5 s.
    expect(Date.now() - started).toBeLessThan(4000);
    pool.close();
  });

  test('without workers (none can start, or one dies) matches run on this thread instead', async () => {
    const none = new RegexPool(() => {
      throw new Error('Worker is not defined');
    });
    await expect(none.test({ source: 'b', flags: 'i' }, 'ABC', 100)).resolves.toBe(true);
    const dying: RegexWorker = {
      match: (_p, _i, done) => queueMicrotask(() => done({ workerFailed: 'could not load' })),
      terminate: () => undefined,
    };
    const broken = new RegexPool(() => dying);
    await expect(broken.test({ source: 'x', flags: 'i' }, 'abc', 100)).resolves.toBe(false);
  });
});

// Which zone timers run in: the configured one (WEBSITE_TIME_ZONE, then TZ), else the machine's.
import { describe, expect, test } from 'vitest';
import { timerTimeZone } from './timeZone';

describe('timerTimeZone', () => {
  test('a known configured zone is used as given, whatever the machine says', () => {
    expect(timerTimeZone('Europe/Paris', 'America/New_York')).toEqual({ zone: 'Europe/Paris' });
    expect(timerTimeZone('UTC', 'Asia/Tokyo')).toEqual({ zone: 'UTC' });
  });

  test('an unknown configured zone falls back to UTC, with a warning that names it', () => {
    expect(timerTimeZone('Mars/Olympus', 'Europe/Paris')).toEqual({
      zone: 'UTC',
      warning:
        "The time zone 'Mars/Olympus' (WEBSITE_TIME_ZONE/TZ) is not a known IANA zone; timers use UTC.",
    });
    // A Windows zone name is not an IANA one.
    expect(timerTimeZone('Pacific Standard Time', 'Europe/Paris').zone).toBe('UTC');
  });

  test("nothing configured (or empty): the machine's zone, UTC when it has none", () => {
    expect(timerTimeZone(undefined, 'Europe/Paris')).toEqual({ zone: 'Europe/Paris' });
    expect(timerTimeZone('', 'Europe/Paris')).toEqual({ zone: 'Europe/Paris' });
    expect(timerTimeZone(undefined, '')).toEqual({ zone: 'UTC' });
  });
});

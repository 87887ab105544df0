import { describe, expect, test } from 'vitest';
import {
  describeHop,
  formatBytes,
  formatClockTime,
  formatDuration,
  formatOffset,
  isJsonContentType,
  keptBytes,
  statusLabel,
  statusTone,
} from './format';

describe('formatDuration', () => {
  test('picks a readable unit', () => {
    expect(formatDuration(undefined)).toBe('');
    expect(formatDuration(0)).toBe('0.0 ms');
    expect(formatDuration(0.42)).toBe('0.4 ms');
    expect(formatDuration(7.33)).toBe('7.3 ms');
    expect(formatDuration(40.08)).toBe('40 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(Number.NaN)).toBe('');
  });

  test('offsets carry a plus sign', () => {
    expect(formatOffset(33.77)).toBe('+34 ms');
    expect(formatOffset(0)).toBe('+0.0 ms');
  });
});

describe('formatClockTime', () => {
  test('shows local time with milliseconds', () => {
    const d = new Date(2026, 10, 20, 9, 5, 7, 26);
    expect(formatClockTime(d.getTime())).toBe('09:05:07.026');
  });
});

describe('status', () => {
  test('colours HTTP statuses by class', () => {
    expect(statusTone({ state: 'succeeded', status: 200 })).toBe('ok');
    expect(statusTone({ state: 'succeeded', status: 302 })).toBe('ok');
    expect(statusTone({ state: 'succeeded', status: 404 })).toBe('warning');
    expect(statusTone({ state: 'failed', status: 500 })).toBe('error');
    expect(statusLabel({ state: 'failed', status: 500 })).toBe('500');
  });

  test('uses the outcome when there is no status', () => {
    expect(statusTone({ state: 'in-progress', status: undefined })).toBe('pending');
    expect(statusLabel({ state: 'in-progress', status: undefined })).toBe('running');
    expect(statusTone({ state: 'failed', status: undefined })).toBe('error');
    expect(statusLabel({ state: 'failed', status: undefined })).toBe('failed');
    expect(statusTone({ state: 'succeeded', status: undefined })).toBe('ok');
    expect(statusLabel({ state: 'succeeded', status: undefined })).toBe('done');
  });
});

describe('describeHop', () => {
  test('says what each hop is', () => {
    expect(describeHop('host', 'handler')).toBe('What the host sent to your handler');
    expect(describeHop('queue', 'host')).toBe('A queue message the host picked up');
    expect(describeHop('handler', 'queue')).toBe('From the handler to the queue');
  });
});

describe('bytes', () => {
  test('counts the kept body bytes', () => {
    expect(keptBytes({ encoding: 'utf8', data: 'héllo', size: 10, truncated: true })).toBe(6);
    expect(
      keptBytes({
        encoding: 'base64',
        data: Buffer.from([1, 2, 3, 4]).toString('base64'),
        size: 9,
        truncated: true,
      }),
    ).toBe(4);
    expect(
      keptBytes({
        encoding: 'base64',
        data: Buffer.from([1, 2, 3]).toString('base64'),
        size: 3,
        truncated: false,
      }),
    ).toBe(3);
  });

  test('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(262_144)).toBe('262.1 kB');
    expect(formatBytes(2_000_000)).toBe('2.0 MB');
  });
});

describe('isJsonContentType', () => {
  test('knows JSON media types', () => {
    expect(isJsonContentType([['Content-Type', 'application/json; charset=utf-8']])).toBe(true);
    expect(isJsonContentType([['content-type', 'application/problem+json']])).toBe(true);
    expect(isJsonContentType([['Content-Type', 'text/plain']])).toBe(false);
    expect(isJsonContentType([['Content-Type', 'application/jsonp']])).toBe(false);
    expect(isJsonContentType([])).toBe(false);
  });
});

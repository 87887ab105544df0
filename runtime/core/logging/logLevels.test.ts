import { describe, expect, test } from 'vitest';
import { ConfigReader } from '../app/configReader';
import { parseJson } from '../json/parseJson';
import type { JsonObject } from '../json/jsonNode';
import { isConsoleShown, isLevelShown, minLevelFor, readLogLevels } from './logLevels';

function rules(logLevel: unknown) {
  const r = new ConfigReader('host.json');
  const root = parseJson(JSON.stringify({ logging: { logLevel } })) as JsonObject;
  return { rules: readLogLevels(root, r), diagnostics: r.diagnostics };
}

describe('host.json logging.logLevel', () => {
  test('the longest matching category prefix wins, ignoring case; default covers the rest', () => {
    const { rules: r } = rules({
      default: 'Warning',
      Function: 'information',
      'Function.Quiet': 'None',
      'Host.Results': 'Error',
      Host: 'TRACE',
    });
    expect(isLevelShown(r, 'Function.Orders', 'information')).toBe(true);
    expect(isLevelShown(r, 'Function.Orders.User', 'debug')).toBe(false);
    expect(isLevelShown(r, 'function.quiet', 'critical')).toBe(false);
    expect(isLevelShown(r, 'Host.Results', 'warning')).toBe(false);
    expect(isLevelShown(r, 'Host.Function.Console', 'trace')).toBe(true);
    expect(
      isLevelShown(r, 'Microsoft.Azure.WebJobs.Script.Workers.Http.DefaultHttpWorkerService', 'information'),
    ).toBe(false);
    expect(isLevelShown(r, 'Other', 'warning')).toBe(true);
  });

  test('without rules the console shows Information and up', () => {
    expect(minLevelFor([], 'Host.Startup')).toBe(2);
    expect(isLevelShown([], 'Function.X', 'debug')).toBe(false);
    expect(isLevelShown([], 'Function.X', 'information')).toBe(true);
  });

  test('levels by number; an empty value adds no rule; a later equal rule wins', () => {
    const { rules: r, diagnostics } = rules({ default: '1', Host: '' });
    expect(diagnostics).toEqual([]);
    expect(r).toEqual([{ category: null, min: 1 }]);
    expect(
      minLevelFor(
        [
          { category: 'a', min: 5 },
          { category: 'A', min: 0 },
        ],
        'a.b',
      ),
    ).toBe(0);
  });

  test('an unknown level is an error with the .NET message and a hint', () => {
    const { diagnostics } = rules({ Function: 'Verbose' });
    expect(diagnostics.map((d) => [d.where, d.message])).toEqual([
      ['logging.logLevel.Function', "Configuration value 'Verbose' is not supported."],
    ]);
    expect(diagnostics[0]?.hint).toContain('Trace, Debug, Information');
  });

  test("Core Tools' always-shown lines pass any filter", () => {
    const none = [{ category: null, min: 6 }];
    expect(
      isConsoleShown(none, 'Host.HttpWorker', 'information', 'Worker process started and initialized.'),
    ).toBe(true);
    expect(isConsoleShown(none, 'Host.HttpWorker', 'information', 'Other')).toBe(false);
  });
});

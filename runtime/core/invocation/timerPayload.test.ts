import { expect, test } from 'vitest';
import type { JsonObject } from '../json/jsonNode';
import { parseJson } from '../json/parseJson';
import { writeJson } from '../json/writeJson';
import { parseSchedule } from '../timers/schedule';
import { timerInfoJson } from '../timers/timerInfo';
import { buildTimerInvocationBody } from './timerPayload';

const sys = { methodName: 'TimerFn', utcNow: '2024-05-01T10:15:00.0107788Z', randGuid: '3c1d...' };
const SYS = '{"MethodName":"TimerFn","UtcNow":"2024-05-01T10:15:00.0107788Z","RandGuid":"3c1d..."}';

test('the reference example, byte for byte', () => {
  const reference = `{"Data":{"myTimer":{"Schedule":{"AdjustForDST":true},
   "ScheduleStatus":{"Last":"2024-05-01T10:10:00.0031234+00:00","Next":"2024-05-01T10:15:00+00:00",
                     "LastUpdated":"2024-05-01T10:10:00.0031234+00:00"},"IsPastDue":false}},
 "Metadata":{"sys":{"MethodName":"TimerFn","UtcNow":"2024-05-01T10:15:00.0107788Z","RandGuid":"3c1d..."}}}`.replace(
    /\n */g,
    '',
  );
  // The example's seven-digit fractions come from .NET clocks; take its TimerInfo as given.
  const info = (parseJson(reference) as JsonObject).entries[0]![1] as JsonObject;
  const timerInfo = info.entries[0]![1] as JsonObject;
  expect(writeJson(buildTimerInvocationBody('myTimer', timerInfo, sys, []))).toBe(reference);
});

const schedule = (text: string) => {
  const r = parseSchedule(text);
  if (!r.ok) throw new Error(r.error);
  return r.schedule;
};

test.each([
  [
    'no monitor: ScheduleStatus is null, AdjustForDST false for a TimeSpan',
    timerInfoJson({ schedule: schedule('00:00:10'), status: null, isPastDue: false }),
    [],
    undefined,
    `{"Data":{"t":{"Schedule":{"AdjustForDST":false},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":${SYS}}}`,
  ],
  [
    'other inputs follow as "null"',
    timerInfoJson({ schedule: schedule('0 0 * * * *'), status: null, isPastDue: true }),
    ['blobIn'],
    undefined,
    `{"Data":{"t":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true},"blobIn":"null"},"Metadata":{"sys":${SYS}}}`,
  ],
  [
    'admin invoke: the posted input is in Metadata under the trigger name, before sys',
    timerInfoJson({ schedule: schedule('0 0 * * * *'), status: null, isPastDue: false }),
    [],
    'go',
    `{"Data":{"t":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"t":"\\"go\\"","sys":${SYS}}}`,
  ],
])('%s', (_why, info, others, adminInput, expected) => {
  expect(writeJson(buildTimerInvocationBody('t', info, sys, others, adminInput))).toBe(expected);
});

test.each([
  ['sys', `{"sys":"\\"go\\"","$sys":${SYS}}`],
  ['myTimerTrigger', `{"sys":${SYS}}`],
])('admin invoke of a trigger named %s', (name, expected) => {
  const info = timerInfoJson({ schedule: schedule('0 0 * * * *'), status: null, isPastDue: false });
  expect(writeJson(buildTimerInvocationBody(name, info, sys, [], 'go'))).toContain(`"Metadata":${expected}}`);
});

// The host's own lines around an invocation, character for character as Functions writes them.
import { describe, expect, test } from 'vitest';
import {
  ADMIN_REASON,
  executedLine,
  executingLine,
  functionTimeoutLine,
  queueReason,
  timerReason,
} from './logLines';

const ID = '5a1c2b3d-0000-4000-8000-00000000000a';

describe('log lines', () => {
  test('Executing, with the reason quoted as given', () => {
    expect(executingLine('HttpTrigger1', queueReason('orders'), ID)).toBe(
      `Executing 'Functions.HttpTrigger1' (Reason='New queue message detected on 'orders'.', Id=${ID})`,
    );
    expect(executingLine('F', ADMIN_REASON, ID)).toBe(
      `Executing 'Functions.F' (Reason='This function was programmatically called via the host APIs.', Id=${ID})`,
    );
  });

  test('Executed, Succeeded or Failed, with the duration rounded to whole ms', () => {
    expect(executedLine('F', true, ID, 12.5)).toBe(
      `Executed 'Functions.F' (Succeeded, Id=${ID}, Duration=13ms)`,
    );
    expect(executedLine('F', false, ID, 0.49)).toBe(
      `Executed 'Functions.F' (Failed, Id=${ID}, Duration=0ms)`,
    );
  });

  test('the timer reason and the timeout line', () => {
    expect(timerReason('2024-05-01T10:00:00.0000000+00:00', 'Schedule')).toBe(
      'Timer fired at 2024-05-01T10:00:00.0000000+00:00 (Schedule)',
    );
    expect(functionTimeoutLine('00:00:05', 'Slow', ID)).toBe(
      `Timeout value of 00:00:05 exceeded by function 'Functions.Slow' (Id: '${ID}'). Initiating cancellation.`,
    );
  });
});

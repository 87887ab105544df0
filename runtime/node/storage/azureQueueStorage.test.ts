import { describe, expect, test } from 'vitest';
import { toStorageError } from './azureQueueStorage';

// The SDK's RestError carries the HTTP status and the storage error code; a connection that never
// got an answer has no status, only a Node error code.
const rest = (statusCode: number | undefined, code: string, message = 'failed') =>
  Object.assign(new Error(message), {
    statusCode,
    code,
    details: statusCode ? { errorCode: code } : undefined,
  });

describe('toStorageError', () => {
  test.each([
    [rest(404, 'QueueNotFound'), 'queueNotFound'],
    [rest(404, 'MessageNotFound'), 'messageNotFound'],
    [rest(400, 'PopReceiptMismatch'), 'popReceiptMismatch'],
    [rest(409, 'QueueBeingDeleted'), 'queueUnavailable'],
    [rest(409, 'QueueDisabled'), 'queueUnavailable'],
    [rest(503, 'ServerBusy'), 'server'],
    [rest(403, 'AuthenticationFailed'), 'rejected'],
    [rest(undefined, 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'unreachable'],
  ])('%s → %s', (error, failure) => {
    expect(toStorageError(error).failure).toBe(failure);
  });

  test('keeps the first line of the service message, with status and code', () => {
    const error = toStorageError(
      rest(404, 'QueueNotFound', 'The specified queue does not exist.\nRequestId:1'),
    );
    expect(error.message).toBe('404 QueueNotFound: The specified queue does not exist.');
    expect(toStorageError(rest(undefined, 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')).message).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});

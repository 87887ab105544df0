import { describe, expect, test } from 'vitest';
import { readQueuesOptions } from './queueOptions';

const defaults = {
  batchSize: 16,
  newBatchThreshold: 8,
  maxPollingIntervalMs: 60_000,
  visibilityTimeoutMs: 0,
  maxDequeueCount: 5,
  messageEncoding: 'base64',
};

describe('readQueuesOptions', () => {
  test.each([undefined, null, {}])('%j gives the defaults on one processor', (section) => {
    expect(readQueuesOptions(section, 1)).toEqual({ options: defaults, errors: [] });
  });

  test('newBatchThreshold defaults to half the batch size per processor, with integer division', () => {
    expect(readQueuesOptions({}, 4).options.newBatchThreshold).toBe(32);
    expect(readQueuesOptions({ batchSize: 5 }, 2).options.newBatchThreshold).toBe(4);
    expect(readQueuesOptions({ batchSize: 1 }, 3).options.newBatchThreshold).toBe(0);
  });

  test('reads every option, with keys in any case and numbers given as strings', () => {
    const { options, errors } = readQueuesOptions(
      {
        BATCHSIZE: '8',
        newbatchthreshold: 2,
        MaxPollingInterval: '00:00:02',
        visibilityTimeout: '00:00:30',
        maxDequeueCount: ' 3 ',
        messageEncoding: 'None',
      },
      1,
    );
    expect(errors).toEqual([]);
    expect(options).toEqual({
      batchSize: 8,
      newBatchThreshold: 2,
      maxPollingIntervalMs: 2000,
      visibilityTimeoutMs: 30_000,
      maxDequeueCount: 3,
      messageEncoding: 'none',
    });
  });

  test('an explicit newBatchThreshold of 0 is kept', () => {
    expect(readQueuesOptions({ newBatchThreshold: 0 }, 2).options.newBatchThreshold).toBe(0);
  });

  test('the last of two keys differing only in case wins, as in .NET configuration', () => {
    expect(readQueuesOptions({ batchSize: 4, BatchSize: 6 }, 1).options.batchSize).toBe(6);
  });

  test.each([
    [{ batchSize: 40 }, 'extensions.queues.batchSize: 40 is out of range (1-32)'],
    [{ batchSize: 0 }, 'extensions.queues.batchSize: 0 is out of range (1-32)'],
    [{ batchSize: 'lots' }, 'extensions.queues.batchSize: "lots" is not an integer'],
    [{ batchSize: 2.5 }, 'extensions.queues.batchSize: 2.5 is not an integer'],
    [{ batchSize: true }, 'extensions.queues.batchSize: true is not an integer'],
    [{ newBatchThreshold: -1 }, 'extensions.queues.newBatchThreshold: -1 is out of range (0 or more)'],
    [
      { maxPollingInterval: '00:00:00.050' },
      'extensions.queues.maxPollingInterval: "00:00:00.050" is less than the minimum of 00:00:00.1000000',
    ],
    [
      { maxPollingInterval: '1m' },
      'extensions.queues.maxPollingInterval: "1m" is not a valid TimeSpan (for example 00:01:00)',
    ],
    [
      { visibilityTimeout: '-00:00:01' },
      'extensions.queues.visibilityTimeout: "-00:00:01" is less than the minimum of 00:00:00',
    ],
    [{ maxDequeueCount: 0 }, 'extensions.queues.maxDequeueCount: 0 is out of range (1 or more)'],
    [
      { messageEncoding: 'utf8' },
      'extensions.queues.messageEncoding: "utf8" is not valid (expected base64 or none)',
    ],
  ])('%j is rejected and the default kept', (section, error) => {
    const result = readQueuesOptions(section, 1);
    expect(result.errors).toEqual([error]);
    expect(result.options).toEqual(defaults);
  });

  test('one bad value does not affect the others', () => {
    const result = readQueuesOptions({ batchSize: 99, maxDequeueCount: 2 }, 1);
    expect(result.errors).toHaveLength(1);
    expect(result.options.batchSize).toBe(16);
    expect(result.options.maxDequeueCount).toBe(2);
  });

  test('a maxPollingInterval of exactly 100 ms is allowed; a bare number is days, as TimeSpan reads it', () => {
    expect(readQueuesOptions({ maxPollingInterval: '00:00:00.1' }, 1).options.maxPollingIntervalMs).toBe(100);
    expect(readQueuesOptions({ maxPollingInterval: 1 }, 1).options.maxPollingIntervalMs).toBe(86_400_000);
  });

  test('a section that is not an object is reported and ignored', () => {
    const result = readQueuesOptions('fast', 1);
    expect(result.errors).toEqual(['extensions.queues: expected an object, got "fast"; using the defaults']);
    expect(result.options).toEqual(defaults);
  });

  test('processorCount must be a positive integer', () => {
    expect(() => readQueuesOptions({}, 0)).toThrow(RangeError);
  });
});

import { describe, expect, test } from 'vitest';
import { writeJson } from '../json/writeJson';
import { NEVER_EXPIRES } from '../queues/queueStore';
import { buildQueueInvocationBody } from './queuePayload';
import type { QueueInvocationOptions, QueueTriggerMessage } from './queuePayload';

const sys = {
  methodName: 'QueueFn',
  utcNow: '2024-05-01T10:15:01.5550123Z',
  randGuid: '9b9f3c4e-8a0d-4d43-bb0e-5e2f7b7d1a22',
};
const SYS =
  '"sys":{"MethodName":"QueueFn","UtcNow":"2024-05-01T10:15:01.5550123Z","RandGuid":"9b9f3c4e-8a0d-4d43-bb0e-5e2f7b7d1a22"}';

const dequeued: QueueTriggerMessage = {
  text: '{"orderId":7,"note":"hi"}',
  id: '6f0c3a52-1b7e-4a35-9a0c-8f4b0f0e2d11',
  popReceipt: 'AgAAAAMAAAAAAAAAn4Zb7a6b2gE=',
  dequeueCount: 1,
  insertionTime: Date.UTC(2024, 4, 1, 10, 15, 0),
  expirationTime: Date.UTC(2024, 4, 8, 10, 15, 0),
  // Sub-second parts are dropped, as the host re-parses DateTimeOffsets from their ToString().
  nextVisibleTime: Date.UTC(2024, 4, 1, 10, 25, 1, 987),
};
const QUEUE_META =
  '"DequeueCount":"1","ExpirationTime":"2024-05-08T10:15:00+00:00",' +
  '"Id":"\\"6f0c3a52-1b7e-4a35-9a0c-8f4b0f0e2d11\\"","InsertionTime":"2024-05-01T10:15:00+00:00",' +
  '"NextVisibleTime":"2024-05-01T10:25:01+00:00","PopReceipt":"\\"AgAAAAMAAAAAAAAAn4Zb7a6b2gE=\\""';

function body(
  message: Partial<QueueTriggerMessage>,
  options: QueueInvocationOptions = {},
  name = 'msg',
  others: string[] = [],
): string {
  return writeJson(buildQueueInvocationBody(name, { ...dequeued, ...message }, options, sys, others));
}

function metadata(message: Partial<QueueTriggerMessage>, options: QueueInvocationOptions = {}, name = 'msg') {
  const json = body(message, options, name);
  return json.slice(json.indexOf('"Metadata":{') + '"Metadata":{'.length, -2);
}

test('the reference example, byte for byte', () => {
  const reference = `{"Data":{"msg":"\\"{\\\\\\"orderId\\\\\\":7,\\\\\\"note\\\\\\":\\\\\\"hi\\\\\\"}\\""},
 "Metadata":{"DequeueCount":"1","ExpirationTime":"2024-05-08T10:15:00+00:00",
   "Id":"\\"6f0c3a52-1b7e-4a35-9a0c-8f4b0f0e2d11\\"","InsertionTime":"2024-05-01T10:15:00+00:00",
   "NextVisibleTime":"2024-05-01T10:25:01+00:00","PopReceipt":"\\"AgAAAAMAAAAAAAAAn4Zb7a6b2gE=\\"",
   "sys":{"MethodName":"QueueFn","UtcNow":"2024-05-01T10:15:01.5550123Z","RandGuid":"9b9f3c4e-8a0d-4d43-bb0e-5e2f7b7d1a22"},
   "orderId":"\\"7\\"","note":"\\"hi\\""}}`.replace(/\n */g, '');
  expect(body({})).toBe(reference);
  // A handler needs JSON.parse twice to get from Data.msg to the message object.
  const data = (JSON.parse(body({})) as { Data: { msg: string } }).Data.msg;
  expect(JSON.parse(JSON.parse(data) as string)).toEqual({ orderId: 7, note: 'hi' });
});

describe('Data', () => {
  test.each([
    ['hello', {}, '"\\"hello\\""'],
    ['', {}, '"\\"\\""'],
    ['héllo', { dataType: 'binary' }, '"aMOpbGxv"'],
    ['{"a":1}', { dataType: 'Binary' }, '"eyJhIjoxfQ=="'],
    ['hello', { dataType: 'string' }, '"\\"hello\\""'],
  ])('%j with %j is %s', (text, options, expected) => {
    expect(body({ text }, options)).toContain(`{"Data":{"msg":${expected}}`);
  });

  test('other inputs follow the trigger as the string "null"', () => {
    expect(body({ text: 'x' }, {}, 'msg', ['blobIn', 'tableIn'])).toContain(
      '{"Data":{"msg":"\\"x\\"","blobIn":"null","tableIn":"null"}',
    );
  });
});

describe('Metadata from the message text', () => {
  test.each([
    ['hello', `${QUEUE_META},${SYS}`],
    ['[{"a":1}]', `${QUEUE_META},${SYS}`],
    ['{not json}', `${QUEUE_META},${SYS}`],
    ['\uFEFF{"a":1}', `${QUEUE_META},${SYS}`],
    [' \n{"a":1} ', `${QUEUE_META},${SYS},"a":"\\"1\\""`],
    ['{"a":1 /* Json.NET skips comments */,}', `${QUEUE_META},${SYS},"a":"\\"1\\""`],
    [
      '{"s":"x","n":-0.50,"big":12345678901234567890,"t":true,"e":"","none":null,"list":[1],"o":{"k":[1]}}',
      `${QUEUE_META},${SYS},"s":"\\"x\\"","n":"\\"-0.5\\"","big":"\\"12345678901234567890\\"",` +
        '"t":"\\"True\\"","e":"\\"\\"","o":{"k":[1]}',
    ],
  ])('%j', (text, expected) => {
    expect(metadata({ text })).toBe(expected);
  });

  const ID = '"Id":"\\"6f0c3a52-1b7e-4a35-9a0c-8f4b0f0e2d11\\""';
  test.each([
    [
      '{"id":"mine"}',
      'a queue key keeps its spelling and place',
      `${QUEUE_META.replace(ID, '"Id":"\\"mine\\""')},${SYS}`,
    ],
    [
      '{"DEQUEUECOUNT":9}',
      'any queue key can be replaced',
      `${QUEUE_META.replace('"DequeueCount":"1"', '"DequeueCount":"\\"9\\""')},${SYS}`,
    ],
    ['{"sys":"mine"}', 'even sys', `${QUEUE_META},"sys":"\\"mine\\""`],
    [
      '{"a":1,"A":2}',
      "properties differing in case share the first one's key",
      `${QUEUE_META},${SYS},"a":"\\"2\\""`,
    ],
  ])('%j: %s', (text, _why, expected) => {
    expect(metadata({ text })).toBe(expected);
  });

  test('keys ending in "trigger" are dropped, wherever they come from', () => {
    expect(metadata({ text: '{"queueTrigger":"x","myTrigger":1,"ok":2}' })).toBe(
      `${QUEUE_META},${SYS},"ok":"\\"2\\""`,
    );
  });

  test('a binary trigger adds no message properties (the value is a byte[], not a string)', () => {
    expect(metadata({}, { dataType: 'binary' })).toBe(`${QUEUE_META},${SYS}`);
  });

  test('a message property fills the place of a key whose value was absent', () => {
    expect(metadata({ id: null, text: '{"id":"from-body"}' })).toContain(
      '"ExpirationTime":"2024-05-08T10:15:00+00:00","Id":"\\"from-body\\"","InsertionTime"',
    );
  });
});

describe('admin invoke', () => {
  const admin: Partial<QueueTriggerMessage> = {
    id: null,
    popReceipt: null,
    dequeueCount: 0,
    insertionTime: null,
    expirationTime: NEVER_EXPIRES,
    nextVisibleTime: null,
  };

  test.each([
    [
      'the input sits under the trigger name after the queue keys, before sys',
      'msg',
      'hello',
      `"DequeueCount":"0","ExpirationTime":"9999-12-31T23:59:59+00:00","msg":"\\"hello\\"",${SYS}`,
    ],
    [
      'a JSON input also adds its properties after sys',
      'msg',
      '{"a":1}',
      `"DequeueCount":"0","ExpirationTime":"9999-12-31T23:59:59+00:00","msg":"\\"{\\\\\\"a\\\\\\":1}\\"",${SYS},"a":"\\"1\\""`,
    ],
    [
      'a trigger named like a queue key takes its place',
      'ID',
      'x',
      `"DequeueCount":"0","ExpirationTime":"9999-12-31T23:59:59+00:00","Id":"\\"x\\"",${SYS}`,
    ],
    [
      'a trigger named sys pushes the system data to $sys',
      'sys',
      'x',
      `"DequeueCount":"0","ExpirationTime":"9999-12-31T23:59:59+00:00","sys":"\\"x\\"",${SYS.replace('"sys"', '"$sys"')}`,
    ],
    [
      'a trigger name ending in "trigger" is dropped like QueueTrigger',
      'myQueueTrigger',
      'x',
      `"DequeueCount":"0","ExpirationTime":"9999-12-31T23:59:59+00:00",${SYS}`,
    ],
  ])('%s', (_why, name, text, expected) => {
    expect(metadata({ ...admin, text }, { adminInput: true }, name)).toBe(expected);
  });

  test('the Data value is the input, as for a dequeued message', () => {
    expect(body({ ...admin, text: 'hello' }, { adminInput: true })).toContain(
      '{"Data":{"msg":"\\"hello\\""}',
    );
  });
});

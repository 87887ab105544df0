import { describe, expect, test } from 'vitest';
import { isBinaryBodyContentType, parseMediaType } from './bodyEncoding';

describe('isBinaryBodyContentType', () => {
  test.each([
    'application/octet-stream',
    'APPLICATION/Octet-Stream',
    'application/octet-stream; charset=binary',
    'application/octet-stream; a; b=c',
    ' application/octet-stream ',
    'application / octet-stream',
    'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW',
    'multipart/form-data; boundary="a b; c"',
    'Multipart/Mixed',
    'x-multipart/y',
  ])('%j → base64', (contentType) => {
    expect(isBinaryBodyContentType(contentType)).toBe(true);
  });

  test.each([
    'application/json',
    'text/plain; charset=utf-8',
    'application/octet-streamx',
    'multipart',
    'application/octet-stream;',
    'application/octet-stream; ',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary="unterminated',
    'application/octet-stream, text/plain',
    'application/octet-stream garbage',
    'application/octet-stream; bad param=1',
    '',
    null,
    undefined,
  ])('%j → text', (contentType) => {
    expect(isBinaryBodyContentType(contentType)).toBe(false);
  });
});

describe('parseMediaType', () => {
  test.each([
    ['text / plain', 'text/plain'],
    ['Text/HTML;charset=UTF-8', 'Text/HTML'],
    ['a/b ; x="q\\"uote"', 'a/b'],
    ['a/b;', undefined],
    ['/b', undefined],
    ['a/', undefined],
    ['a/b/c', undefined],
    ['é/b', undefined],
  ])('%j → %j', (input, expected) => {
    expect(parseMediaType(input)).toBe(expected);
  });
});

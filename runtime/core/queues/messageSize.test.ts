import { expect, test } from 'vitest';
import { MAX_MESSAGE_TEXT_BYTES, messageTextBytes, messageTooLarge } from './messageSize';

test('base64 (the default) measures the encoded text: 49,152 bytes fit, one more does not', () => {
  expect(messageTextBytes('a'.repeat(49_152), 'base64')).toBe(MAX_MESSAGE_TEXT_BYTES);
  expect(messageTooLarge('a'.repeat(49_152), 'base64')).toBeUndefined();
  expect(messageTooLarge('a'.repeat(49_153), 'base64')).toMatch(
    /^The request body is too large and exceeds the maximum permissible limit\.\nStatus: 413 .*\nErrorCode: RequestBodyTooLarge\n/,
  );
});

test('without encoding the text itself counts, in UTF-8 bytes', () => {
  expect(messageTooLarge('a'.repeat(65_536), 'none')).toBeUndefined();
  expect(messageTooLarge('a'.repeat(65_537), 'none')).toContain('MaxLimit: 65536');
  // 21,846 three-byte characters are 65,538 bytes though only 21,846 UTF-16 units.
  expect(messageTooLarge('€'.repeat(21_846), 'none')).toContain('The message is 65538 bytes');
});

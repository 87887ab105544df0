import { expect, test } from 'vitest';
import { tabLabels } from './tabLabels';

test('tab labels are file names, or paths when names clash', () => {
  expect(
    Object.fromEntries(tabLabels(['handler.js', 'order/function.json', 'tick/function.json', 'lib/a.js'])),
  ).toEqual({
    'handler.js': 'handler.js',
    'order/function.json': 'order/function.json',
    'tick/function.json': 'tick/function.json',
    'lib/a.js': 'a.js',
  });
});

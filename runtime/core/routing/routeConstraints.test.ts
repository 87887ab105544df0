import { expect, test } from 'vitest';
import { resolveRouteConstraint, type RouteConstraint } from './routeConstraints';

function constraint(text: string): RouteConstraint {
  const resolved = resolveRouteConstraint(text);
  if (!resolved.ok) throw new Error(resolved.error);
  return resolved.constraint;
}

test.each([
  ['int', ['5', '-5', '+5', ' 7 ', '007', '2147483647', '-2147483648']],
  ['long', ['9223372036854775807', '-9223372036854775808', '2147483648', '\t42\n']],
  ['bool', ['true', 'FALSE', 'tRuE', ' True ']],
  [
    'datetime',
    [
      '2024-02-29',
      '2024-02-29T13:45:30',
      '2024-02-29t13:45:30.1234567Z',
      '2024-02-29T13:45:30+01:00',
      '2024/2/29',
      '2024.02.29 13:45',
      '02/29/2024',
      '2-29-2024',
      '2-29-24',
      '13:45',
      '1:45 PM',
      '29 Feb 2024',
      'Feb 29, 2024',
      'february 29 2024 08:00:00',
      'Thu, 29 Feb 2024 10:00:00 GMT',
    ],
  ],
  [
    'decimal',
    [
      '1',
      '-1.5',
      '1,000.25',
      '.5',
      '5.',
      '5-',
      ' 3 ',
      '79228162514264337593543950335',
      '0.0000000000000000000000000000001',
    ],
  ],
  ['double', ['1e3', '-1.5E-3', '1,000.5', '.5', ' 2 ', 'NaN', '-Infinity', 'infinity', '+NaN', '1e400']],
  ['float', ['1.5', '1e40', '-0', 'Infinity']],
  [
    'guid',
    [
      'a3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      'A3C3E1F2-5B6D-4E7F-8A9B-0C1D2E3F4A5B',
      'a3c3e1f25b6d4e7f8a9b0c1d2e3f4a5b',
      '{a3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b}',
      '(a3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b)',
      ' a3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b ',
      '{0xa3c3e1f2,0x5b6d,0x4e7f,{0x8a,0x9b,0x0c,0x1d,0x2e,0x3f,0x4a,0x5b}}',
      '{0x1, 0x2, 0x3, {0x4,0x5,0x6,0x7,0x8,0x9,0xa,0xb}}',
    ],
  ],
  ['alpha', ['abc', 'ABCdef']],
  ['minlength(3)', ['abc', 'abcd']],
  ['maxlength(3)', ['abc', 'ab']],
  ['length(3)', ['abc']],
  ['length(2,5)', ['ab', 'abcde']],
  ['length( 2 , 5 )', ['ab']],
  ['min(10)', ['10', '11', '+99']],
  ['max(10)', ['10', '-5']],
  ['range(1,10)', ['1', '10']],
  // 2^53 + 2 lies between bounds that a double would round onto each other.
  ['range(9007199254740993,9007199254740995)', ['9007199254740994']],
  ['regex(^a\\d+$)', ['a12', 'A12']],
  ['regex(\\d+)', ['x1y']],
  ['regex(^\\-a$)', ['-a']],
  ['regex(^[a-c],[x-z]$)', ['b,y']],
  ['required', ['x']],
  ['file', ['a.txt', 'dir/x.tar.gz', '.gitignore']],
  ['nonfile', ['abc', 'a.d/c', 'x.', '']],
  ['INT', ['5']],
  ['Range(1,2)', ['2']],
])('%s accepts %j', (text, values) => {
  const c = constraint(text);
  for (const value of values) expect(c.matches(value), value).toBe(true);
});

test.each([
  ['int', ['abc', '', ' ', '2147483648', '-2147483649', '5.0', '1e3', '0x10', '1,000', '+-1', '\u0663']],
  ['long', ['9223372036854775808', '-9223372036854775809', '1.5']],
  ['bool', ['yes', '1', 'truee', '']],
  [
    'datetime',
    [
      '2023-02-29',
      '2024-13-01',
      '2024-02-30',
      '25:00',
      '12:60',
      '13:45 PM',
      '20240229',
      'tomorrow',
      'Fri, 29 Feb 2024',
      '29 Foo 2024',
      '2024-02-29T25:00',
    ],
  ],
  ['decimal', ['1e3', 'abc', '79228162514264337593543950336', '- 5', '+5-', ',5', 'NaN', '1.2.3', '.']],
  ['double', ['1e', 'abc', '5-', '0x1A', '1.2.3', '\u221e', '']],
  ['float', ['abc', '1,5e']],
  [
    'guid',
    [
      'a3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5',
      'g3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      '{a3c3e1f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b)',
      'a3c3e1f25b6d4e7f8a9b0c1d2e3f4a5',
      'a3c3e1f2-5b6d4e7f-8a9b-0c1d2e3f4a5b',
    ],
  ],
  ['alpha', ['abc1', '\u00e9', 'a-b']],
  ['minlength(3)', ['ab', '']],
  ['maxlength(3)', ['abcd']],
  ['length(3)', ['ab', 'abcd']],
  ['length(2,5)', ['a', 'abcdef']],
  ['min(10)', ['9', 'abc', '10.0']],
  ['max(10)', ['11', '9223372036854775808']],
  ['range(1,10)', ['0', '11']],
  ['range(9007199254740993,9007199254740995)', ['9007199254740992', '9007199254740996']],
  ['regex(^a\\d+$)', ['b12', 'a', 'a1b']],
  ['required', ['']],
  ['file', ['abc', 'a.d/c', 'x.', 'x..', '']],
  ['nonfile', ['a.txt', 'dir/x.tar.gz']],
])('%s rejects %j', (text, values) => {
  const c = constraint(text);
  for (const value of values) expect(c.matches(value), value).toBe(false);
});

test('a null value (an empty catch-all) fails every constraint except nonfile', () => {
  for (const text of ['int', 'alpha', 'required', 'regex(.*)', 'minlength(0)', 'file']) {
    expect(constraint(text).matches(null), text).toBe(false);
  }
  expect(constraint('nonfile').matches(null)).toBe(true);
});

test('keeps the text as written', () => {
  expect(constraint('Min(1)').text).toBe('Min(1)');
});

test.each([
  ['foo', "'foo' is not a known route constraint."],
  ['int(', "'int(' is not a known route constraint."],
  ['int(5)', 'with the following number of parameters: 1.'],
  ['alpha()', "constraint type 'AlphaRouteConstraint' with the following number of parameters: 1."],
  ['length', "constraint type 'LengthRouteConstraint' with the following number of parameters: 0."],
  ['length(1,2,3)', 'with the following number of parameters: 3.'],
  [
    'length(5,2)',
    "The value for argument 'minLength' should be less than or equal to the value for the argument 'maxLength'.",
  ],
  ['length(x)', "'x' is not a valid Int32."],
  ['minlength(-1)', "'minLength' must be greater than or equal to 0."],
  ['minlength', 'an Int32 argument is required.'],
  ['maxlength(1,2)', "'1,2' is not a valid Int32."],
  ['min(1.5)', "'1.5' is not a valid Int64."],
  ['max(99999999999999999999)', "'99999999999999999999' is not a valid Int64."],
  ['range(1)', "constraint type 'RangeRouteConstraint' with the following number of parameters: 1."],
  [
    'range(10,1)',
    "The value for argument 'min' should be less than or equal to the value for the argument 'max'.",
  ],
  ['regex', 'a regular expression argument is required.'],
  ['regex(()', "'(' is not a valid regular expression"],
])('%s cannot be resolved: %s', (text, message) => {
  const resolved = resolveRouteConstraint(text);
  expect(resolved.ok).toBe(false);
  if (!resolved.ok) expect(resolved.error).toContain(message);
});

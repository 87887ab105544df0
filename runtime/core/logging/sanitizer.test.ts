import { describe, expect, test } from 'vitest';
import { CREDENTIAL_TOKENS, mayContainCredentials, sanitize } from './sanitizer';

// The host's own SanitizerTests, case by case.
describe('Sanitizer (SanitizerTests.SanitizeString)', () => {
  test.each([
    ['', ''],
    [null, ''],
    ['Foo', 'Foo'],
    ['@#$%J@Ifas9fh8q2u3rjwncasjhc asKJFNASDF', '@#$%J@Ifas9fh8q2u3rjwncasjhc asKJFNASDF'],
    ['TokenFoo', 'TokenFoo'],
    ['PublicKeyToken=1234456789ab', 'PublicKeyToken=1234456789ab'],
    ["Token=1234456789ab,Test=bar'Other=bar", "[Hidden Credential]'Other=bar"],
    ['Token=1234456789ab,Test=bar"Other=bar', '[Hidden Credential]"Other=bar'],
    ['Token=1234456789ab,Test=bar<Other=bar', '[Hidden Credential]<Other=bar'],
    [
      "Token=1234456789ab,Test=bar'Other=barData Source=secret!",
      "[Hidden Credential]'Other=bar[Hidden Credential]",
    ],
    [
      'Token=1234456789ab,Test=bar"Other=barData Source=secret!',
      '[Hidden Credential]"Other=bar[Hidden Credential]',
    ],
    [
      'Token=1234456789ab,Test=bar<Other=barData Source=secret!',
      '[Hidden Credential]<Other=bar[Hidden Credential]',
    ],
    ['DefaultEndpointsProtocol=http', '[Hidden Credential]'],
    ['DefaultEndpointsProtocol=http://test', '[Hidden Credential]'],
    ['DefaultEndpointsProtocol=http2://test', '[Hidden Credential]'],
    ['AccountKey=heyyyyyyy', '[Hidden Credential]'],
    ['Data Source=heyyyyyyy', '[Hidden Credential]'],
    ['Server=secretsauce', '[Hidden Credential]'],
    ['Password=hunter2', '[Hidden Credential]'],
    ['pwd=hunter2', '[Hidden Credential]'],
    ['test&amp;sig=', 'test[Hidden Credential]'],
    ['test&sig=', 'test[Hidden Credential]'],
    ['SharedAccessKey=foo', '[Hidden Credential]'],
    [
      `Hey=AS1$@%#$%W-k2j";SharedAccessKey=foo,Data Source=barzons,Server=bathouse'testing`,
      `Hey=AS1$@%#$%W-k2j";[Hidden Credential]'testing`,
    ],
    ['test?sig=', 'test[Hidden Credential]'],
    ['test?code=XPAAAAAAAAAAAAAT-ag==', 'test[Hidden Credential]'],
    ['test?foo=bar&code=REAAAAAAAAAAAAAT-ag==', 'test?foo=bar[Hidden Credential]'],
    ['test&amp;code=MiAAAAAAAAAAAAAAAAT-ag==', 'test[Hidden Credential]'],
    ['aaa://aaa:aaaaaa1111aa@aaa.aaa.io:1111', '[Hidden Credential]'],
    ['test,aaa://aaa:aaaaaa1111aa@aaa.aaa.io:1111,test', 'test,[Hidden Credential],test'],
    [
      'some text abc://abc:aaaaaa1111aa@aaa.abc.io:1111 some text abc://abc:aaaaaa1111aa@aaa.abc.io:1111 text',
      'some text [Hidden Credential] some text [Hidden Credential] text',
    ],
    [
      'some text abc://abc:aaaaaa1111aa@aaa.abc.io:1111 some text AccountKey=heyyyyyyy text',
      'some text [Hidden Credential] some text [Hidden Credential]',
    ],
  ])('%j → %j', (input, expected) => {
    expect(sanitize(input)).toBe(expected);
  });

  test('EnsureShortCircuitSanity: every credential token passes the quick check', () => {
    for (const token of CREDENTIAL_TOKENS) expect(mayContainCredentials(token)).toBe(true);
  });
});

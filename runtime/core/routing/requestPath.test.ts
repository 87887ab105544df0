import { expect, test } from 'vitest';
import { decodeRequestPath } from './requestPath';

// The first rows are the path cases of ASP.NET Core's UrlDecoder tests.
test.each([
  ['/api/abc', '/api/abc'],
  ['/api/a%2Fb', '/api/a%2Fb'],
  ['/api/a%2fb', '/api/a%2fb'],
  ['/a%20b', '/a b'],
  ['/a%24b', '/a$b'],
  ['/a%C2%A2b', '/a¢b'],
  ['/a%E0%A4%B9b', '/aहb'],
  ['/a%E2%82%ACb', '/a€b'],
  ['/a%F0%90%8D%88b', '/a𐍈b'],
  ['/a%25b', '/a%b'],
  ['/a%252Fb', '/a%2Fb'],
  ['/%E4%BD%A0%E5%A5%BD', '/你好'],
  ['/a%%2Fb', '/a%%2Fb'],
  ['/a%2Fb+c', '/a%2Fb+c'],
  ['/%$$', '/%$$'],
  ['/%1', '/%1'],
  ['/%FF%FF%FF%FF', '/%FF%FF%FF%FF'],
  ['/%F7%BF%BF%BF', '/%F7%BF%BF%BF'],
  ['/%F7%C0', '/%F7%C0'],
  ['/%F0%81', '/%F0%81'],
  ['/%ED%A0%81', '/%ED%A0%81'],
  ['/%C0%AF', '/%C0%AF'],
  // dot segments go after decoding, so encoded dots count too
  ['/a/./b', '/a/b'],
  ['/a/b/../c', '/a/c'],
  ['/a/%2E%2E/c', '/c'],
  ['/a/b/..', '/a/'],
  ['/a/b/.', '/a/b/'],
  ['/..', '/'],
  ['/../../a', '/a'],
  ['/a/..b/.c', '/a/..b/.c'],
  ['/a//b', '/a//b'],
  ['', '/'],
  ['api/x', '/api/x'],
])('%j becomes %j', (raw, path) => {
  expect(decodeRequestPath(raw)).toBe(path);
});

test('an encoded NUL is a bad request', () => {
  expect(decodeRequestPath('/a%00')).toBeUndefined();
});

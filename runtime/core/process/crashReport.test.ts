import { describe, expect, test } from 'vitest';
import { crashReport } from './crashReport';

describe('crashReport', () => {
  test("Node's syntax error: the file and line it prints first, and the SyntaxError line", () => {
    const out = [
      '/home/me/app/handler.js:12',
      '  res.end(;',
      '          ^',
      '',
      "SyntaxError: Unexpected token ';'",
      '    at wrapSafe (node:internal/modules/cjs/loader:1378:20)',
      '    at Module._compile (node:internal/modules/cjs/loader:1428:41)',
    ];
    expect(crashReport(out, '/home/me/app')).toEqual({
      file: 'handler.js',
      line: 12,
      message: "SyntaxError: Unexpected token ';'",
    });
  });

  test('an uncaught error thrown by the app: its first frame inside the app, with the column', () => {
    const out = [
      'listening on 49152',
      'TypeError: Cannot read properties of undefined (reading "x")',
      '    at parse (/app/node_modules/lib/index.js:3:9)',
      '    at handle (/app/src/route.js:41:17)',
      '    at Server.<anonymous> (/app/handler.js:9:5)',
    ];
    expect(crashReport(out, '/app/')).toEqual({
      file: 'src/route.js',
      line: 41,
      column: 17,
      message: 'TypeError: Cannot read properties of undefined (reading "x")',
    });
  });

  test("Python: the innermost frame in the app and the exception's line", () => {
    const out = [
      'Traceback (most recent call last):',
      '  File "/app/handler.py", line 30, in <module>',
      '    main()',
      '  File "/app/handler.py", line 7, in main',
      '    import missing',
      "ModuleNotFoundError: No module named 'missing'",
    ];
    expect(crashReport(out, '/app')).toEqual({
      file: 'handler.py',
      line: 7,
      message: "ModuleNotFoundError: No module named 'missing'",
    });
    const syntax = [
      '  File "/app/handler.py", line 3',
      '    def f(',
      '         ^',
      'SyntaxError: invalid syntax',
    ];
    expect(crashReport(syntax, '/app')).toMatchObject({
      file: 'handler.py',
      line: 3,
      message: 'SyntaxError: invalid syntax',
    });
  });

  test('nothing in the app named: no report', () => {
    expect(crashReport(['Error: boom', '    at node:internal/x:1:1'], '/app')).toBeUndefined();
    expect(crashReport([], '/app')).toBeUndefined();
  });
});

// Config files at the edge: nesting deep enough to overflow a recursive parser gets a diagnostic
// naming the file, line and column, and the rest of the app still loads.
import { describe, expect, test } from 'vitest';
import { loadApp } from './appModel';
import { formatDiagnostic } from './diagnostics';

const HOST = '{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"node"}}}';
const HTTP_FN =
  '{"bindings":[{"type":"httpTrigger","direction":"in","name":"req"},{"type":"http","direction":"out","name":"res"}]}';
const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const MAX_DEPTH = "The reader's MaxDepth of 64 has been exceeded";

describe('deeply nested JSON (5,000 levels)', () => {
  test('in host.json: a diagnostic with file, line and column; nothing can run', () => {
    const m = loadApp({ hostJson: `{\n  "version": "2.0",\n  "x": ${DEEP}\n}`, functionFolders: [] }, {});
    expect(m.host).toBeUndefined();
    expect(m.diagnostics.map(formatDiagnostic)).toEqual([`host.json:3:${8 + 63}: ${MAX_DEPTH}`]);
  });

  test('in function.json: that function is refused by name, the others load', () => {
    const m = loadApp(
      {
        hostJson: HOST,
        functionFolders: [
          { name: 'deep', functionJson: `{"bindings": ${DEEP}}` },
          { name: 'fine', functionJson: HTTP_FN },
        ],
      },
      {},
    );
    expect(m.functions.map((f) => f.name)).toEqual(['fine']);
    expect(m.diagnostics).toEqual([
      expect.objectContaining({ file: 'deep/function.json', line: 1, column: 13 + 64, message: MAX_DEPTH }),
    ]);
  });

  test('in local.settings.json: a diagnostic; host.json and the functions still load', () => {
    const m = loadApp(
      {
        hostJson: HOST,
        localSettingsJson: `{"Values": ${DEEP}}`,
        functionFolders: [{ name: 'fine', functionJson: HTTP_FN }],
      },
      {},
    );
    expect(m.host).toBeDefined();
    expect(m.functions.map((f) => f.name)).toEqual(['fine']);
    expect(m.diagnostics.map(formatDiagnostic)).toEqual([`local.settings.json:1:${11 + 64}: ${MAX_DEPTH}`]);
  });
});

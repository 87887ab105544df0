import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

// The site the browser tests run against (built by the global setup when stale) is the site as
// it ships: a production build, whatever environment the build ran in.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ASSETS = join(ROOT, 'dist', 'assets');

describe('the built site', () => {
  test('is a production build: no JSX compiled for development, no paths of the machine that built it', () => {
    const scripts = readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    const offending = scripts.filter((name) => {
      const text = readFileSync(join(ASSETS, name), 'utf8');
      return text.includes(`${ROOT}/web/`) || /lineNumber:\d+,columnNumber:\d+/.test(text);
    });
    expect(offending).toEqual([]);
  });
});

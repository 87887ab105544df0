import { expect, test } from 'vitest';
import { fileText, noConsoleErrors, saveFile } from './support/playground';
import { useStaticSite } from './support/staticSite';

// Issue 11 points 7 and 8 on the in-page engine (a static site): the same notices as with the
// local engine (tests/browser/failures.test.ts), since the host says them on every platform.

const site = useStaticSite();

const openOrder = () => site.openInPage('order');

test('in the page: a handler on the wrong port gets the notice, a syntax error the banner on its line', async () => {
  const { page, errors } = await openOrder();
  const original = await fileText(page, 'handler.js');
  await saveFile(
    page,
    'handler.js',
    original.replace('Number(process.env.FUNCTIONS_CUSTOMHANDLER_PORT || 8080)', '38123'),
  );
  const notice = page.getByRole('status', { name: 'Handler not listening yet' });
  await notice.waitFor({ timeout: 15_000 });
  await expect
    .poll(() => notice.innerText(), { timeout: 10_000 })
    .toContain('Its output mentions port 38123');

  await saveFile(
    page,
    'handler.js',
    original.replace(
      "const http = require('node:http');",
      "const http = require('node:http');\nconst broken = ;",
    ),
  );
  const banner = page.getByRole('alert', { name: 'Handler crashed' });
  await banner.waitFor({ timeout: 20_000 });
  expect(await banner.innerText()).toMatch(/handler\.js:4[\s\S]*SyntaxError/);
  noConsoleErrors(errors);
  await page.close();
}, 180_000);

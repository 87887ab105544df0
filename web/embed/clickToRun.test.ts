import { expect, test } from 'vitest';
import { clickToRunFrom, isEmbed } from './clickToRun';
import { readEmbedOptions } from './embedOptions';

// The inline script at the top of the built page reads these without the rest of embedOptions:
// they must agree with it on every address, valid or not.
test.each([
  '',
  '?embed',
  '?embed=1',
  '?embed=true',
  '?embed=TRUE',
  '?embed=0',
  '?embed=false',
  '?embed=yes',
  '?run=click',
  '?run=auto',
  '?embed&run=auto',
  '?embed=0&run=click',
  '?embed&run=sometimes',
  '?run=',
])('%s: embed and click-to-run as readEmbedOptions reads them', (search) => {
  const { options } = readEmbedOptions(search);
  const params = new URLSearchParams(search);
  expect(isEmbed(params)).toBe(options.embed);
  expect(clickToRunFrom(params)).toBe(options.clickToRun);
});

import type { EmbedPanel } from './embedOptions';
import { parseOrigin } from './embedOptions';

/** A function.json with a timer trigger: it fires by itself once the embed runs. */
function hasTimer(files: Readonly<Record<string, string>>): boolean {
  return Object.entries(files).some(
    ([path, text]) => /(^|\/)function\.json$/.test(path) && /"type"\s*:\s*"timerTrigger"/i.test(text),
  );
}

/**
 * Why an embed with these panels would leave the reader no way to trigger anything, or undefined
 * when there is one: the Triggers panel, a timer that fires by itself, or an embedding page that
 * sends requests through the message API (it needs its origin in the snippet).
 */
export function noTriggerProblem(
  panels: readonly EmbedPanel[],
  files: Readonly<Record<string, string>>,
  parentOrigin: string,
): string | undefined {
  if (panels.includes('triggers')) return undefined;
  if (hasTimer(files)) return undefined;
  if (parseOrigin(parentOrigin.trim()) !== undefined) return undefined;
  return (
    'With these panels a reader has no way to trigger the app: nothing would ever reach the handler. ' +
    "Add the Triggers panel, or give the embedding page's origin so that page can send requests through the message API."
  );
}

/** Said in the Embed dialog of a page served by `npm start`. */
export const SERVED_LOCALLY_WARNING =
  'This page is served by npm start on your machine, which lets no other site frame it ' +
  "(Content-Security-Policy: frame-ancestors 'self'), and its address works only here. Embed " +
  'code for a docs page must point at a copy of the playground on a static host (docs/hosting.md).';

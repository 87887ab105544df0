import { strToU8, zipSync, type Zippable } from 'fflate';
import { pathProblem } from '../files/fileRules';
import { safeName } from './appLayout';
import { COMMONJS_PACKAGE_JSON, DEFAULT_LOCAL_SETTINGS, generateReadme } from './generated';

/**
 * A fixed time for every entry, so the same files always give the same bytes. Built from local
 * fields because zip (DOS) times are local: the stored fields are the same in every time zone.
 */
const FIXED_TIME = new Date(2020, 0, 1, 0, 0, 0);

/** The files the export writes: the app's own, plus whatever it needs to run unchanged. */
export function exportedFiles(files: Readonly<Record<string, string>>, name: string): Record<string, string> {
  const out: Record<string, string> = { ...files };
  if (out['local.settings.json'] === undefined) out['local.settings.json'] = DEFAULT_LOCAL_SETTINGS;
  const hasJs = Object.keys(files).some((p) => p.endsWith('.js') && !p.split('/').includes('node_modules'));
  if (hasJs && out['package.json'] === undefined) out['package.json'] = COMMONJS_PACKAGE_JSON;
  // Case-insensitive: a readme.md next to a README.md would clash on Windows and macOS.
  if (!Object.keys(files).some((p) => /^readme(\.md)?$/i.test(p)))
    out['README.md'] = generateReadme(name, files);
  return out;
}

/**
 * A zip whose top is one folder named after the app (`order/host.json`, `order/order/function.json`),
 * ready for `func start` once unzipped. Deterministic: sorted entries and a fixed time.
 */
export function exportAppZip(files: Record<string, string>, options: { name: string }): Uint8Array {
  const folder = safeName(options.name);
  const all = exportedFiles(files, folder);
  const zippable: Zippable = {};
  for (const path of Object.keys(all).sort()) {
    // The store only holds checked paths; this guards against a zip that escapes its folder.
    const problem = pathProblem(path);
    if (problem) throw new Error(`Cannot export '${path}': ${problem}`);
    zippable[`${folder}/${path}`] = strToU8(all[path]!);
  }
  return zipSync(zippable, { level: 6, mtime: FIXED_TIME });
}

/** The file name for an exported app. */
export function zipFileName(name: string): string {
  return `${safeName(name)}.zip`;
}

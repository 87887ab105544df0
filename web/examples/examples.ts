/**
 * The example apps from `examples/`, bundled into the site. Each README is read eagerly (a few
 * kB, for the picker's descriptions); every other file is its own lazy chunk, fetched when its
 * example is loaded. Each playground.json (how the playground opens the example) is read eagerly
 * too, and is not one of the app's files.
 */
import type { ExampleMeta } from './exampleMeta';
import { parseExampleMeta } from './exampleMeta';

/** An example app as the picker lists it. */
export interface ExampleInfo {
  /** The folder name under `examples/`, e.g. `order`. */
  readonly name: string;
  /** One line from the README's title or first paragraph. */
  readonly description: string;
}

type Loaders = Readonly<Record<string, () => Promise<string>>>;

const readmes: Readonly<Record<string, string>> = import.meta.glob<string>('/examples/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const lazySources: Loaders = import.meta.glob<string>(
  [
    '/examples/*/**',
    '!/examples/package.json',
    '!/examples/*/README.md',
    '!/examples/*/playground.json',
    '!/examples/order/**',
  ],
  { query: '?raw', import: 'default' },
);

/**
 * The default example's files come with the page (3 kB): it is what most visits open, and its
 * files are needed before the host can start, so they should not wait for a round trip. (The
 * glob must name DEFAULT_EXAMPLE literally.)
 */
const defaultSources: Readonly<Record<string, string>> = import.meta.glob<string>(
  ['/examples/order/**', '!/examples/order/README.md', '!/examples/order/playground.json'],
  { query: '?raw', import: 'default', eager: true },
);

/** Each example's playground.json: how the playground opens it, not part of the app. */
const metaSources: Readonly<Record<string, string>> = import.meta.glob<string>(
  '/examples/*/playground.json',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

const sources: Loaders = {
  ...lazySources,
  ...Object.fromEntries(
    Object.entries(defaultSources).map(([path, text]) => [path, () => Promise.resolve(text)]),
  ),
};

const EXAMPLE_PATH = /^\/examples\/([^/]+)\/(.+)$/;

/** Splits `/examples/order/order/function.json` into `order` and `order/function.json`. */
export function splitExamplePath(path: string): { example: string; file: string } | undefined {
  const match = EXAMPLE_PATH.exec(path);
  return match ? { example: match[1]!, file: match[2]! } : undefined;
}

/**
 * A one-line description from a README: the text after the colon of a `# name: what it is`
 * title, otherwise the first sentence of the first paragraph.
 */
export function describeReadme(text: string): string {
  const lines = text.split(/\r?\n/);
  const title = lines.find((l) => l.startsWith('# '));
  const colon = title?.indexOf(':') ?? -1;
  if (title && colon > 0) return title.slice(colon + 1).trim();
  const paragraph: string[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    if (line.trim() === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(line.trim());
  }
  const joined = paragraph.join(' ');
  const sentence = /^(.+?[.!?])(\s|$)/.exec(joined);
  return (sentence?.[1] ?? joined) || (title?.slice(2).trim() ?? '');
}

/** The examples found in the bundle, by name, with their README descriptions. */
export function indexExamples(
  readmeTexts: Readonly<Record<string, string>>,
  loaders: Loaders,
): ExampleInfo[] {
  const names = new Set<string>();
  for (const path of [...Object.keys(readmeTexts), ...Object.keys(loaders)]) {
    const parts = splitExamplePath(path);
    if (parts) names.add(parts.example);
  }
  return [...names].sort().map((name) => ({
    name,
    description: describeReadme(readmeTexts[`/examples/${name}/README.md`] ?? ''),
  }));
}

/** Loads every file of one example, keyed by its path inside the app (`order/function.json`). */
export async function loadExampleFrom(
  name: string,
  readmeTexts: Readonly<Record<string, string>>,
  loaders: Loaders,
): Promise<Record<string, string>> {
  const entries = Object.entries(loaders).flatMap(([path, load]) => {
    const parts = splitExamplePath(path);
    return parts && parts.example === name ? [[parts.file, load] as const] : [];
  });
  const readme = readmeTexts[`/examples/${name}/README.md`];
  if (entries.length === 0 && readme === undefined) throw new Error(`There is no example named '${name}'.`);
  const files: Record<string, string> = {};
  if (readme !== undefined) files['README.md'] = readme;
  const texts = await Promise.all(entries.map(([, load]) => load()));
  entries.forEach(([file], i) => (files[file] = texts[i]!));
  return files;
}

/** Every example's metadata source, by example name (for the tests that check them all). */
export function exampleMetaSources(sourcesByPath = metaSources): Record<string, string> {
  const byName: Record<string, string> = {};
  for (const [path, text] of Object.entries(sourcesByPath)) {
    const parts = splitExamplePath(path);
    if (parts) byName[parts.example] = text;
  }
  return byName;
}

const metas = new Map<string, ExampleMeta>();
for (const [name, text] of Object.entries(exampleMetaSources())) {
  const result = parseExampleMeta(text, `examples/${name}/playground.json`);
  // A broken file is caught by examples.test.ts; the page then opens the example the plain way.
  if (result.ok) metas.set(name, result.meta);
  else console.warn(result.error);
}

/** How the playground opens a bundled example, when its playground.json says. */
export function exampleMeta(name: string | undefined): ExampleMeta | undefined {
  return name === undefined ? undefined : metas.get(name);
}

/** The examples bundled into this build. */
export const examples: readonly ExampleInfo[] = indexExamples(readmes, sources);

export { DEFAULT_EXAMPLE } from './defaultExample';

/** Loads a bundled example's files (app-relative paths). Rejects for an unknown name. */
export function loadExample(name: string): Promise<Record<string, string>> {
  return loadExampleFrom(name, readmes, sources);
}

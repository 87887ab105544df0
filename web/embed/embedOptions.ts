import type { EngineKind } from '../engine/engine';
import { MAX_PATH_LENGTH } from '../share/limits';
import { pathProblem } from '../files/fileRules';
import { clickToRunFrom, isEmbed } from './clickToRun';

/** A part of the page an embed can show. */
export type EmbedPanel = 'files' | 'editor' | 'terminal' | 'exchanges' | 'triggers';

/** Every panel, in the order the page lays them out; `panels` is always in this order. */
export const ALL_PANELS: readonly EmbedPanel[] = ['files', 'editor', 'terminal', 'exchanges', 'triggers'];

/** What an embed shows when the URL does not say: enough to edit, send and see the exchange. */
export const DEFAULT_EMBED_PANELS: readonly EmbedPanel[] = ['editor', 'exchanges', 'triggers'];

/** The frame height a snippet uses unless told otherwise, and the bounds it is kept within. */
export const DEFAULT_EMBED_HEIGHT = 560;
export const MIN_EMBED_HEIGHT = 240;
export const MAX_EMBED_HEIGHT = 2000;

export interface EmbedOptions {
  /** `?embed` (present, `=1` or `=true`): minimal chrome for a docs page. */
  readonly embed: boolean;
  /** `?panels=editor,exchanges,triggers`; every panel outside embed mode. */
  readonly panels: readonly EmbedPanel[];
  /** `?file=handler.js`: the file to open first. */
  readonly file?: string;
  /** `?run=click` (the embed default) waits for a click before booting; `?run=auto` boots at once. */
  readonly clickToRun: boolean;
  readonly theme: 'light' | 'dark' | 'system';
  /** `?origin=https://docs.example.com`: the embedding page, the only one the message API talks to. */
  readonly parentOrigin?: string;
  /** `?height=560`: the frame's height in pixels, kept so "Copy embed code" inside an embed keeps it. */
  readonly height?: number;
}

/** The query parameters that are embed options; `fullPlaygroundUrl` removes exactly these. */
export const EMBED_PARAMS = ['embed', 'panels', 'file', 'run', 'theme', 'origin', 'height'] as const;

const THEMES: readonly EmbedOptions['theme'][] = ['light', 'dark', 'system'];

/** Shown for a bad value; cut so a hostile URL cannot flood the page with text. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function isPanel(name: string): name is EmbedPanel {
  return (ALL_PANELS as readonly string[]).includes(name);
}

/**
 * An origin as the browser writes it (`https://docs.example.com`, `http://localhost:5173`), or
 * undefined when the text is anything more (a path, a query, credentials) or not http(s).
 * A trailing `/`, upper-case letters and a default port are tolerated and normalised away, since
 * `event.origin` is compared with the result character for character.
 */
export function parseOrigin(text: string): string | undefined {
  if (!/^https?:\/\/[^/?#@\s\\]+\/?$/i.test(text)) return undefined;
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Reads the embed options from `location.search`. Nothing here is fatal: a bad value is reported
 * in `problems` (for the page to show) and its default used, so a typo in a docs page still gives
 * a working embed.
 */
export function readEmbedOptions(search: string): { options: EmbedOptions; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];

  const embedValue = params.get('embed');
  const embed = isEmbed(params);
  if (embedValue !== null && !['', '1', 'true', '0', 'false'].includes(embedValue.toLowerCase())) {
    problems.push(`embed=${quote(embedValue)} is not 1, true, 0 or false; showing the embed.`);
  }

  let panels: readonly EmbedPanel[] = embed ? DEFAULT_EMBED_PANELS : ALL_PANELS;
  const panelsValue = params.get('panels');
  if (panelsValue !== null) {
    const names = panelsValue
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n !== '');
    const unknown = names.filter((n) => !isPanel(n));
    if (unknown.length > 0) {
      problems.push(
        `Unknown panel ${unknown.map(quote).join(', ')} in panels=; the panels are ${ALL_PANELS.join(', ')}.`,
      );
    }
    const chosen = ALL_PANELS.filter((p) => names.includes(p));
    if (chosen.length > 0) panels = chosen;
    else problems.push('panels= names no panel; showing the default panels.');
  }

  let file: string | undefined;
  const fileValue = params.get('file');
  if (fileValue !== null && fileValue !== '') {
    const problem =
      fileValue.length > MAX_PATH_LENGTH
        ? 'The path is too long.'
        : pathProblem(fileValue.replace(/^\.\//, ''));
    if (problem) problems.push(`file=${quote(fileValue)} cannot be opened: ${problem}`);
    else file = fileValue.replace(/^\.\//, '');
  }

  const clickToRun = clickToRunFrom(params);
  const runValue = params.get('run');
  if (runValue !== null && runValue !== 'click' && runValue !== 'auto') {
    problems.push(`run=${quote(runValue)} is not "click" or "auto".`);
  }

  let theme: EmbedOptions['theme'] = 'system';
  const themeValue = params.get('theme');
  if (themeValue !== null) {
    const t = THEMES.find((name) => name === themeValue.toLowerCase());
    if (t) theme = t;
    else problems.push(`theme=${quote(themeValue)} is not light, dark or system.`);
  }

  let parentOrigin: string | undefined;
  const originValue = params.get('origin');
  if (originValue !== null) {
    parentOrigin = parseOrigin(originValue);
    if (parentOrigin === undefined) {
      problems.push(
        `origin=${quote(originValue)} is not an origin (scheme, host and port only, such as https://docs.example.com); the message API ignores it.`,
      );
    }
  }

  let height: number | undefined;
  const heightValue = params.get('height');
  if (heightValue !== null) {
    const n = /^\d{1,5}$/.test(heightValue) ? Number(heightValue) : NaN;
    if (n >= MIN_EMBED_HEIGHT && n <= MAX_EMBED_HEIGHT) height = n;
    else
      problems.push(
        `height=${quote(heightValue)} is not a whole number of pixels from ${MIN_EMBED_HEIGHT} to ${MAX_EMBED_HEIGHT}.`,
      );
  }

  return {
    options: {
      embed,
      panels,
      clickToRun,
      theme,
      ...(file !== undefined && { file }),
      ...(parentOrigin !== undefined && { parentOrigin }),
      ...(height !== undefined && { height }),
    },
    problems,
  };
}

/**
 * The same app as a full page: the example (`?example=`) and a share link (the hash) stay, as do
 * unrelated parameters such as `?engine=`; the embed options go.
 */
export function fullPlaygroundUrl(href: string): string {
  const url = new URL(href);
  for (const name of EMBED_PARAMS) url.searchParams.delete(name);
  return url.href;
}

export interface EmbedSnippetInput {
  /** The playground's address; its query and hash are replaced. */
  readonly baseUrl: string;
  readonly example?: string;
  /** A share link's fragment (with or without `#`); it wins over `example`. */
  readonly fragment?: string;
  readonly panels: readonly EmbedPanel[];
  readonly file?: string;
  readonly clickToRun: boolean;
  readonly theme: EmbedOptions['theme'];
  readonly height: number;
  readonly parentOrigin?: string;
  /**
   * The engine the page was told to use (`?engine=`), so the embed runs on the same one; left out
   * when the page chose by itself, so the embed chooses by itself too.
   */
  readonly engine?: EngineKind;
}

function clampHeight(height: number): number {
  if (!Number.isFinite(height)) return DEFAULT_EMBED_HEIGHT;
  return Math.min(MAX_EMBED_HEIGHT, Math.max(MIN_EMBED_HEIGHT, Math.round(height)));
}

/**
 * The address an iframe loads. Values equal to the embed defaults are left out to keep it short,
 * and `embed` is written bare (`?embed&example=order`), as the docs show it.
 */
export function embedUrl(input: EmbedSnippetInput): string {
  const url = new URL(input.baseUrl);
  url.search = '';
  url.hash = '';
  const parts = ['embed'];
  // ',', '/' and ':' are fine in a query and keep `panels=`, `file=` and `origin=` readable.
  const add = (name: string, value: string) =>
    parts.push(
      `${name}=${encodeURIComponent(value).replace(/%(2C|2F|3A)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))}`,
    );
  const fragment = input.fragment?.replace(/^#/, '') ?? '';
  if (fragment === '' && input.example) add('example', input.example);
  const panels = ALL_PANELS.filter((p) => input.panels.includes(p));
  const isDefault =
    panels.length === DEFAULT_EMBED_PANELS.length && panels.every((p) => DEFAULT_EMBED_PANELS.includes(p));
  if (panels.length > 0 && !isDefault) add('panels', panels.join(','));
  if (input.file) add('file', input.file);
  if (!input.clickToRun) add('run', 'auto');
  if (input.theme !== 'system') add('theme', input.theme);
  const origin = input.parentOrigin !== undefined ? parseOrigin(input.parentOrigin) : undefined;
  if (origin) add('origin', origin);
  add('height', String(clampHeight(input.height)));
  if (input.engine) add('engine', input.engine);
  url.search = `?${parts.join('&')}`;
  if (fragment !== '') url.hash = fragment;
  return url.href;
}

/** Characters that could end an attribute or start markup, as character references. */
function escapeAttribute(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** An `<iframe>` for a docs page; every attribute value is escaped, whatever the input holds. */
export function embedSnippet(input: EmbedSnippetInput): string {
  const title = input.example
    ? `Functions Custom Handler Playground: ${input.example}`
    : 'Functions Custom Handler Playground';
  const attributes: [string, string][] = [
    ['src', embedUrl(input)],
    ['title', title],
    [
      'style',
      `width: 100%; height: ${clampHeight(input.height)}px; border: 1px solid #ccc; border-radius: 6px;`,
    ],
    // Lets the frame be cross-origin isolated when the page is; harmless when it is not.
    ['allow', 'cross-origin-isolated'],
    // Many embeds on one page: load each only when it scrolls near.
    ['loading', 'lazy'],
  ];
  const text = attributes.map(([name, value]) => `  ${name}="${escapeAttribute(value)}"`).join('\n');
  return `<iframe\n${text}\n></iframe>`;
}

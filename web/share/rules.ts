import { checkPath } from '../stores/filesStore';
import type { ComposedRequest } from '../stores/triggersStore';
import {
  MAX_FILES,
  MAX_HEADER_LENGTH,
  MAX_HEADERS,
  MAX_LAYOUT_KEYS,
  MAX_LAYOUT_SIZE,
  MAX_METHOD_LENGTH,
  MAX_PATH_LENGTH,
  MAX_TARGET_LENGTH,
} from './limits';
import { fail, quote } from './result';

/**
 * Readers for the parts of a shared state. Each takes an untrusted JSON value, returns a fresh,
 * fully checked copy, or throws a `ShareProblem` naming what is wrong (`where` is the field, as in
 * `composer.headers[0]`). Version decoders compose them; none keeps a reference to its input.
 */

type Json = Record<string, unknown>;

function invalid(where: string, expected: string): never {
  fail(`has an invalid ${where}: expected ${expected}.`);
}

export function readObject(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(where, 'an object');
  return value as Json;
}

/** Rejects fields a version never writes, so a hand-made or mixed-up link is not half-read. */
export function onlyKeys(object: Json, allowed: readonly string[], where?: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) fail(`has an unexpected field ${quote(key)}${where ? ` in ${where}` : ''}.`);
  }
}

export function readString(value: unknown, where: string, maxLength = Infinity): string {
  if (typeof value !== 'string') invalid(where, 'a string');
  const text = value as string;
  if (text.length > maxLength) fail(`has a ${where} that is too long (at most ${maxLength} characters).`);
  return text;
}

export function readArray(value: unknown, where: string, maxLength: number): unknown[] {
  if (!Array.isArray(value)) invalid(where, 'a list');
  const list = value as unknown[];
  if (list.length > maxLength)
    fail(`has too many entries in ${where} (${list.length}; at most ${maxLength}).`);
  return list;
}

/** Names that would reach `Object.prototype` when used as a key (`__proto__`, `constructor`…). */
const isPrototypeName = (name: string) => Object.hasOwn(Object.prototype, name);

/** Text as an editor writes it: no NUL or other control characters, no lone surrogates. */
export function isText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Tab, line feed, vertical tab, form feed, carriage return and escape occur in real sources.
    if (c < 0x20 && !(c >= 0x09 && c <= 0x0d) && c !== 0x1b) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** The path rules of the file tree (`checkPath`), plus a length cap and no prototype names. */
export function pathProblem(path: string): string | undefined {
  if (path.length > MAX_PATH_LENGTH) return `a path may be at most ${MAX_PATH_LENGTH} characters.`;
  const problem = checkPath(path);
  if (problem) return problem;
  if (isPrototypeName(path)) return `'${path}' is a reserved name.`;
  return undefined;
}

/**
 * The files: 1 to MAX_FILES text files at safe paths, no two differing only by case (they would
 * collide on Windows and macOS) and no path that is both a file and a folder.
 */
export function readFiles(value: unknown): Record<string, string> {
  const object = readObject(value, 'files');
  const entries = Object.entries(object);
  if (entries.length === 0) fail('holds no files.');
  if (entries.length > MAX_FILES) fail(`holds too many files (${entries.length}; at most ${MAX_FILES}).`);
  const byLowerCase = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const [path, text] of entries) {
    const problem = pathProblem(path);
    if (problem) fail(`holds an unsafe file name ${quote(path)}: ${problem}`);
    if (typeof text !== 'string') invalid(`content for ${quote(path)}`, 'the file as text (a string)');
    if (!isText(text as string)) fail(`holds a file that is not text: ${quote(path)}.`);
    const lower = path.toLowerCase();
    const twin = byLowerCase.get(lower);
    if (twin !== undefined)
      fail(`holds two files whose names differ only in case: ${quote(twin)} and ${quote(path)}.`);
    byLowerCase.set(lower, path);
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (!folders.has(folder.toLowerCase())) folders.set(folder.toLowerCase(), folder);
    }
  }
  for (const [lower, folder] of folders) {
    const file = byLowerCase.get(lower);
    if (file !== undefined) fail(`holds ${quote(file)} both as a file and as the folder ${quote(folder)}.`);
  }
  // fromEntries defines own properties, so even odd keys never touch a prototype.
  return Object.fromEntries(entries as [string, string][]);
}

/** One of the files, e.g. the active file or a tab. */
export function readFileName(value: unknown, where: string, files: Readonly<Record<string, string>>): string {
  const path = readString(value, where, MAX_PATH_LENGTH);
  if (!Object.hasOwn(files, path)) fail(`has an invalid ${where}: ${quote(path)} is not one of its files.`);
  return path;
}

export function readTabs(value: unknown, files: Readonly<Record<string, string>>): string[] {
  const tabs = readArray(value, 'openTabs', MAX_FILES).map((tab, i) =>
    readFileName(tab, `openTabs[${i}]`, files),
  );
  const seen = new Set<string>();
  for (const tab of tabs) {
    if (seen.has(tab)) fail(`has ${quote(tab)} open in two tabs.`);
    seen.add(tab);
  }
  return tabs;
}

/** An HTTP method: an RFC 9110 token. */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Any control character, including CR and LF (which would split a header or a request line). */
const hasControl = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

/**
 * A composed request. The target must start with one `/`: `//host/x` or `/\host/x` would send the
 * request to another site once resolved against the page. Header rows may be half-typed (an empty
 * name) as in the composer, but no part may hold a line break.
 */
export function readRequest(value: unknown, where: string): ComposedRequest {
  const object = readObject(value, where);
  onlyKeys(object, ['method', 'path', 'headers', 'body'], where);
  const method = readString(object.method, `${where}.method`, MAX_METHOD_LENGTH);
  if (!METHOD.test(method)) invalid(`${where}.method`, 'an HTTP method such as GET or POST');
  const path = readString(object.path, `${where}.path`, MAX_TARGET_LENGTH);
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || hasControl(path)) {
    invalid(`${where}.path`, 'a path that starts with a single "/" and has no control characters');
  }
  const headers = readArray(object.headers, `${where}.headers`, MAX_HEADERS).map((row, i) => {
    const at = `${where}.headers[${i}]`;
    const pair = readArray(row, at, 2);
    if (pair.length !== 2) invalid(at, 'a [name, value] pair');
    const name = readString(pair[0], `${at} name`, MAX_HEADER_LENGTH);
    const text = readString(pair[1], `${at} value`, MAX_HEADER_LENGTH);
    if (hasControl(name) || hasControl(text))
      invalid(at, 'a header without line breaks or control characters');
    return [name, text] as const;
  });
  const body = readString(object.body, `${where}.body`);
  return { method, path, headers, body };
}

/** An example's folder name. */
export function readExampleName(value: unknown): string {
  const name = readString(value, 'example', 64);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) invalid('example', 'an example name such as "order"');
  return name;
}

/** Pane sizes: a few named, finite, non-negative numbers. */
export function readLayout(value: unknown): Record<string, number> {
  const object = readObject(value, 'layout');
  const entries = Object.entries(object);
  if (entries.length > MAX_LAYOUT_KEYS) fail(`has too many layout entries (at most ${MAX_LAYOUT_KEYS}).`);
  for (const [key, size] of entries) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(key) || isPrototypeName(key)) {
      fail(`has an unexpected layout entry ${quote(key)}.`);
    }
    if (typeof size !== 'number' || !Number.isFinite(size) || size < 0 || size > MAX_LAYOUT_SIZE) {
      invalid(`layout.${key}`, `a size from 0 to ${MAX_LAYOUT_SIZE}`);
    }
  }
  return Object.fromEntries(entries as [string, number][]);
}

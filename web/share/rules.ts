import { fileSetProblem, isText, pathProblem } from '../files/fileRules';
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

/** Layout keys are a few known pane names: nothing that reaches `Object.prototype`. */
const isPrototypeName = (name: string) => Object.hasOwn(Object.prototype, name);

/**
 * The files: 1 to MAX_FILES text files, by the file rules every way in shares (files/fileRules.ts):
 * safe paths, no two differing only by case, no path that is both a file and a folder.
 */
export function readFiles(value: unknown): Record<string, string> {
  const object = readObject(value, 'files');
  const entries = Object.entries(object);
  if (entries.length === 0) fail('holds no files.');
  if (entries.length > MAX_FILES) fail(`holds too many files (${entries.length}; at most ${MAX_FILES}).`);
  for (const [path, text] of entries) {
    const problem = pathProblem(path);
    if (problem) fail(`holds an unsafe file name ${quote(path)}: ${problem}`);
    if (typeof text !== 'string') invalid(`content for ${quote(path)}`, 'the file as text (a string)');
    if (!isText(text as string)) fail(`holds a file that is not text: ${quote(path)}.`);
  }
  const clash = fileSetProblem(entries.map(([path]) => path));
  if (clash) fail(`holds files that cannot sit side by side: ${clash}`);
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

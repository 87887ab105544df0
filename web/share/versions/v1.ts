import { fromBase64Url, toBase64Url } from '../base64url';
import { MAX_PAYLOAD_CHARS, MAX_RECENT, MAX_STATE_BYTES } from '../limits';
import type { Checked } from '../result';
import { ok, problem, ShareProblem } from '../result';
import {
  onlyKeys,
  readArray,
  readExampleName,
  readFileName,
  readFiles,
  readLayout,
  readObject,
  readRequest,
  readTabs,
} from '../rules';
import type { SharedState } from '../shareState';
import { zlibCompress, zlibInflate } from '../zlib';
import type { CurrentShareFormat } from './types';

/**
 * Version 1 (`#s1.…`): base64url(zlib(UTF-8 JSON)), the JSON being the state with the field names
 * below. Released; links in the wild depend on it. Do not change what it accepts: write a v2.
 */

/** The v1 JSON shape; spelled out (not `SharedState`) so that changing the app's type cannot change v1. */
interface V1Request {
  method: string;
  path: string;
  headers: [string, string][];
  body: string;
}

interface V1State {
  files: Record<string, string>;
  activeFile?: string;
  openTabs: string[];
  composer: V1Request;
  recent?: V1Request[];
  example?: string;
  layout?: Record<string, number>;
}

const FIELDS = ['files', 'activeFile', 'openTabs', 'composer', 'recent', 'example', 'layout'] as const;

const TOO_LARGE = `holds too much: more than ${MAX_STATE_BYTES / (1024 * 1024)} MB once unpacked.`;

function unpack(payload: string): Checked<unknown> {
  if (payload === '') return problem('is damaged: it was cut short.');
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return problem(`is too long to open (${payload.length} characters; at most ${MAX_PAYLOAD_CHARS}).`);
  }
  const bytes = fromBase64Url(payload);
  if (!bytes.ok) return bytes;
  const inflated = zlibInflate(bytes.value, MAX_STATE_BYTES, TOO_LARGE);
  if (!inflated.ok) return inflated;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.value);
  } catch {
    return problem('is damaged: its contents are not valid UTF-8 text.');
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return problem('is damaged: its contents are not valid JSON.');
  }
}

function read(value: unknown): Checked<SharedState> {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return problem('does not hold an app: expected an object with files.');
    }
    const object = readObject(value, 'state');
    onlyKeys(object, FIELDS);
    const files = readFiles(object.files);
    const openTabs = readTabs(object.openTabs, files);
    const composer = readRequest(object.composer, 'composer');
    const state: SharedState = {
      files,
      openTabs,
      composer,
      ...(object.activeFile !== undefined && {
        activeFile: readFileName(object.activeFile, 'activeFile', files),
      }),
      ...(object.recent !== undefined && {
        recent: readArray(object.recent, 'recent', MAX_RECENT).map((r, i) => readRequest(r, `recent[${i}]`)),
      }),
      ...(object.example !== undefined && { example: readExampleName(object.example) }),
      ...(object.layout !== undefined && { layout: readLayout(object.layout) }),
    };
    return ok(state);
  } catch (error) {
    if (error instanceof ShareProblem) return problem(error.message);
    throw error;
  }
}

const request = (r: SharedState['composer']): V1Request => ({
  method: r.method,
  // The composer may hold a target still being typed (`api/x`); the host gets a leading `/` anyway.
  path: r.path.startsWith('/') ? r.path : `/${r.path}`,
  headers: r.headers.map(([name, text]) => [name, text]),
  body: r.body,
});

/** The state as v1 JSON: only known fields, files sorted so the same app gives the same link. */
function write(state: SharedState): V1State {
  const paths = Object.keys(state.files).sort();
  return {
    files: Object.fromEntries(paths.map((p) => [p, state.files[p]!])),
    ...(state.activeFile !== undefined && { activeFile: state.activeFile }),
    openTabs: [...state.openTabs],
    composer: request(state.composer),
    ...(state.recent !== undefined && { recent: state.recent.map(request) }),
    ...(state.example !== undefined && { example: state.example }),
    ...(state.layout !== undefined && { layout: { ...state.layout } }),
  };
}

function pack(value: unknown): string {
  return toBase64Url(zlibCompress(new TextEncoder().encode(JSON.stringify(value))));
}

export const v1: CurrentShareFormat = { version: 1, unpack, read, write, pack };

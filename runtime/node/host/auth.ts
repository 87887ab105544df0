import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { FunctionDef } from '../../core/app/functionJson';
import type { JsonArray } from '../../core/json/jsonNode';
import {
  anonymousIdentities,
  coreToolsAdminIdentities,
  keyLevelIdentities,
} from '../../core/http/identities';
import type { HostKeys } from './hostRuntime';

export type AuthOutcome = { ok: true; identities: JsonArray } | { ok: false };

/**
 * Core Tools' rules: without --enableAuth every request that runs authorization is Admin and keys
 * are never needed; with it, `x-functions-key` (then `code`) must be the function or master key
 * for function level, the master key for system and admin level.
 */
export function authorize(
  req: IncomingMessage,
  query: readonly (readonly [string, readonly string[]])[],
  level: string,
  enableAuth: boolean,
  keys: HostKeys,
): AuthOutcome {
  const header = req.headers['x-functions-key'];
  const key =
    (Array.isArray(header) ? header[0] : header) ?? query.find(([k]) => k.toLowerCase() === 'code')?.[1][0];
  if (!enableAuth) {
    return level === 'anonymous' && key === undefined
      ? { ok: true, identities: anonymousIdentities() }
      : { ok: true, identities: coreToolsAdminIdentities() };
  }
  const isMaster = key !== undefined && same(key, keys.master);
  const isFunction = key !== undefined && same(key, keys.functionDefault);
  const identities = isMaster
    ? keyLevelIdentities('Admin', 'master')
    : isFunction
      ? keyLevelIdentities('Function', 'default')
      : anonymousIdentities();
  if (level === 'anonymous') return { ok: true, identities };
  if (level === 'function' && (isMaster || isFunction)) return { ok: true, identities };
  if ((level === 'admin' || level === 'system') && isMaster) return { ok: true, identities };
  if (level === 'user') return { ok: false };
  return { ok: false };
}

export function isAdminRequest(req: IncomingMessage, enableAuth: boolean, keys: HostKeys): boolean {
  if (!enableAuth) return true;
  const header = req.headers['x-functions-key'];
  const key = Array.isArray(header) ? header[0] : header;
  const code = new URL(req.url ?? '/', 'http://x').searchParams.get('code') ?? undefined;
  const given = key ?? code;
  return given !== undefined && same(given, keys.master);
}

export function functionAuthLevel(fn: FunctionDef): string {
  return fn.http?.authLevel ?? 'function';
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

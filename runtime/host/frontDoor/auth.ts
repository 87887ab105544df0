import type { FunctionDef } from '../../core/app/functionJson';
import type { JsonArray } from '../../core/json/jsonNode';
import {
  anonymousIdentities,
  coreToolsAdminIdentities,
  keyLevelIdentities,
} from '../../core/http/identities';
import type { HostKeys } from '../hostContext';
import type { Platform } from '../platform';
import { encodeBase64 } from '../../core/queues/base64';
import { joinedHeader } from '../http/headerMap';
import type { ServerRequest } from '../http/serverConnection';

// Shared and frozen through: the payload writer keeps the bytes of a frozen node.
const ANONYMOUS = deepFreeze(anonymousIdentities());
const CORE_TOOLS_ADMIN = deepFreeze(coreToolsAdminIdentities());
const KEY_ADMIN_MASTER = deepFreeze(keyLevelIdentities('Admin', 'master'));
const KEY_FUNCTION_DEFAULT = deepFreeze(keyLevelIdentities('Function', 'default'));

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value))
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  return Object.freeze(value);
}

export type AuthOutcome = { ok: true; identities: JsonArray } | { ok: false };

/**
 * Core Tools' rules: without --enableAuth every request that runs authorization is Admin and keys
 * are never needed; with it, `x-functions-key` (then `code`) must be the function or master key
 * for function level, the master key for system and admin level.
 */
export function authorize(
  req: ServerRequest,
  query: readonly (readonly [string, readonly string[]])[],
  level: string,
  enableAuth: boolean,
  keys: HostKeys,
): AuthOutcome {
  const key =
    joinedHeader(req.rawHeaders, 'x-functions-key') ??
    query.find(([k]) => k.toLowerCase() === 'code')?.[1][0];
  if (!enableAuth) {
    return level === 'anonymous' && key === undefined
      ? { ok: true, identities: ANONYMOUS }
      : { ok: true, identities: CORE_TOOLS_ADMIN };
  }
  const isMaster = key !== undefined && same(key, keys.master);
  const isFunction = key !== undefined && same(key, keys.functionDefault);
  const identities = isMaster ? KEY_ADMIN_MASTER : isFunction ? KEY_FUNCTION_DEFAULT : ANONYMOUS;
  if (level === 'anonymous') return { ok: true, identities };
  if (level === 'function' && (isMaster || isFunction)) return { ok: true, identities };
  if ((level === 'admin' || level === 'system') && isMaster) return { ok: true, identities };
  if (level === 'user') return { ok: false };
  return { ok: false };
}

export function isAdminRequest(req: ServerRequest, enableAuth: boolean, keys: HostKeys): boolean {
  if (!enableAuth) return true;
  const key = joinedHeader(req.rawHeaders, 'x-functions-key');
  const code = new URL(req.url, 'http://x').searchParams.get('code') ?? undefined;
  const given = key ?? code;
  return given !== undefined && same(given, keys.master);
}

export function functionAuthLevel(fn: FunctionDef): string {
  return fn.http?.authLevel ?? 'function';
}

/** Compares keys in time that does not depend on where they differ. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The master and default function keys of one host run: 30 random bytes, base64url. */
export function newHostKeys(platform: Platform): HostKeys {
  const key = () =>
    encodeBase64(platform.randomBytes(30)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { master: key(), functionDefault: key() };
}

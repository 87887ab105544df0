import {
  jsonArray,
  jsonBool,
  jsonNull,
  jsonObject,
  jsonString,
  type JsonArray,
  type JsonObject,
} from '../json/jsonNode';

/*
 * Data.req.Identities: `HttpContext.User.Identities` through Json.NET with ReferenceLoopHandling.Ignore
 * (azure-functions-host HttpRequestExtensions.GetUserIdentitiesAsJArray), so `Claim.Subject`, which points
 * back at the identity, is dropped. Key order is the one in the host protocol reference (§3).
 * A claim made with `new Claim(type, value)` has Issuer = OriginalIssuer = "LOCAL AUTHORITY"
 * (ClaimsIdentity.DefaultIssuer), ValueType xs:string and no properties; `Name` is null because no
 * identity here carries a name claim.
 */

export const AUTH_LEVEL_CLAIM_TYPE = 'http://schemas.microsoft.com/2017/07/functions/claims/authlevel';
export const KEY_ID_CLAIM_TYPE = 'http://schemas.microsoft.com/2017/07/functions/claims/keyid';
export const INVOKE_CLAIM_TYPE = 'http://schemas.microsoft.com/2017/07/functions/claims/invoke';

/** AuthLevelAuthenticationDefaults.AuthenticationScheme */
export const AUTH_LEVEL_SCHEME = 'WebJobsAuthLevel';

const DEFAULT_ISSUER = 'LOCAL AUTHORITY';
const STRING_VALUE_TYPE = 'http://www.w3.org/2001/XMLSchema#string';
const NAME_CLAIM_TYPE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const ROLE_CLAIM_TYPE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

/** The key levels that reach a handler with a key; `AuthorizationLevel.ToString()`. */
export type KeyAuthLevel = 'Function' | 'System' | 'Admin';

/**
 * One serialized ClaimsIdentity. An identity counts as authenticated exactly when it has an
 * authentication type, as in .NET.
 */
export function claimsIdentityNode(
  authenticationType: string | null,
  claims: ReadonlyArray<[string, string]>,
): JsonObject {
  return jsonObject([
    ['AuthenticationType', authenticationType === null ? jsonNull : jsonString(authenticationType)],
    ['IsAuthenticated', jsonBool(authenticationType !== null && authenticationType !== '')],
    ['Actor', jsonNull],
    ['BootstrapContext', jsonNull],
    ['Claims', jsonArray(claims.map(([type, value]) => claimNode(type, value)))],
    ['Label', jsonNull],
    ['Name', jsonNull],
    ['NameClaimType', jsonString(NAME_CLAIM_TYPE)],
    ['RoleClaimType', jsonString(ROLE_CLAIM_TYPE)],
  ]);
}

function claimNode(type: string, value: string): JsonObject {
  return jsonObject([
    ['Issuer', jsonString(DEFAULT_ISSUER)],
    ['OriginalIssuer', jsonString(DEFAULT_ISSUER)],
    ['Properties', jsonObject()],
    ['Type', jsonString(type)],
    ['Value', jsonString(value)],
    ['ValueType', jsonString(STRING_VALUE_TYPE)],
  ]);
}

/**
 * Core Tools without `--enableAuth`: CliAuthenticationHandler authenticates every request that runs
 * authentication as one identity with the single claim authlevel = Admin.
 */
export function coreToolsAdminIdentities(): JsonArray {
  return jsonArray([claimsIdentityNode(AUTH_LEVEL_SCHEME, [[AUTH_LEVEL_CLAIM_TYPE, 'Admin']])]);
}

/**
 * No authentication result: DefaultHttpContext.User is `new ClaimsPrincipal(new ClaimsIdentity())`,
 * one empty unauthenticated identity.
 */
export function anonymousIdentities(): JsonArray {
  return jsonArray([claimsIdentityNode(null, [])]);
}

/**
 * A request with a valid function/host key under the host's own AuthenticationLevelHandler (Azure, and
 * `func start --enableAuth`): claims authlevel, then invoke = "true" (newer hosts; pass
 * `withInvokeClaim: false` for hosts from before that claim), then keyid = the key's name when it has one.
 */
export function keyLevelIdentities(
  level: KeyAuthLevel,
  keyName: string | null,
  options: { withInvokeClaim?: boolean } = {},
): JsonArray {
  const claims: [string, string][] = [[AUTH_LEVEL_CLAIM_TYPE, level]];
  if (options.withInvokeClaim ?? true) claims.push([INVOKE_CLAIM_TYPE, 'true']);
  if (keyName) claims.push([KEY_ID_CLAIM_TYPE, keyName]);
  return jsonArray([claimsIdentityNode(AUTH_LEVEL_SCHEME, claims)]);
}

import { expect, test } from 'vitest';
import { writeJson } from '../json/writeJson';
import { anonymousIdentities, coreToolsAdminIdentities, keyLevelIdentities } from './identities';

const TAIL =
  '"Label":null,"Name":null,' +
  '"NameClaimType":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",' +
  '"RoleClaimType":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}]';

const claim = (type: string, value: string) =>
  '{"Issuer":"LOCAL AUTHORITY","OriginalIssuer":"LOCAL AUTHORITY","Properties":{},' +
  `"Type":"http://schemas.microsoft.com/2017/07/functions/claims/${type}","Value":"${value}",` +
  '"ValueType":"http://www.w3.org/2001/XMLSchema#string"}';

const keyIdentity = (claims: string[]) =>
  '[{"AuthenticationType":"WebJobsAuthLevel","IsAuthenticated":true,"Actor":null,"BootstrapContext":null,' +
  `"Claims":[${claims.join(',')}],${TAIL}`;

test("Core Tools' admin identity is exactly the reference's example", () => {
  // Copied from host-protocol.md §3 (the GetOrder example), line breaks removed.
  const reference =
    '[{"AuthenticationType":"WebJobsAuthLevel","IsAuthenticated":true,"Actor":null,' +
    '"BootstrapContext":null,"Claims":[{"Issuer":"LOCAL AUTHORITY","OriginalIssuer":"LOCAL AUTHORITY",' +
    '"Properties":{},"Type":"http://schemas.microsoft.com/2017/07/functions/claims/authlevel",' +
    '"Value":"Admin","ValueType":"http://www.w3.org/2001/XMLSchema#string"}],"Label":null,"Name":null,' +
    '"NameClaimType":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",' +
    '"RoleClaimType":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}]';
  expect(writeJson(coreToolsAdminIdentities())).toBe(reference);
});

test('the anonymous default principal is one empty, unauthenticated identity', () => {
  expect(writeJson(anonymousIdentities())).toBe(
    '[{"AuthenticationType":null,"IsAuthenticated":false,"Actor":null,"BootstrapContext":null,"Claims":[],' +
      TAIL,
  );
});

test.each([
  [
    keyLevelIdentities('Function', 'default'),
    [claim('authlevel', 'Function'), claim('invoke', 'true'), claim('keyid', 'default')],
  ],
  [
    keyLevelIdentities('Admin', '_master'),
    [claim('authlevel', 'Admin'), claim('invoke', 'true'), claim('keyid', '_master')],
  ],
  [keyLevelIdentities('System', null), [claim('authlevel', 'System'), claim('invoke', 'true')]],
  [
    keyLevelIdentities('Function', 'default', { withInvokeClaim: false }),
    [claim('authlevel', 'Function'), claim('keyid', 'default')],
  ],
])('key-level identity %#: authlevel, invoke, keyid in that order', (node, claims) => {
  expect(writeJson(node)).toBe(keyIdentity(claims));
});

/**
 * The host version this port reproduces (the assembly file version of the release whose source
 * the protocol notes were read from). It goes into User-Agent and X-Azure-Functions-HostVersion.
 */
export { HOST_VERSION } from '../core/hostVersion';
export const DEFAULT_FRONT_DOOR_PORT = 7071;
/** Most body bytes kept per recorded message; the full size is still reported. */
export const EXCHANGE_BODY_LIMIT = 256 * 1024;
/** ASP.NET's RegexRouteConstraint match timeout: a route regex running longer fails the request. */
export const ROUTE_REGEX_TIMEOUT_MS = 10_000;

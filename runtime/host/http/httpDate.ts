let cachedSecond = -1;
let cachedText = '';

/** The `Date` header value (RFC 1123), computed once per second as Node's server does. */
export function httpDate(nowMs: number): string {
  const second = Math.floor(nowMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1000).toUTCString();
  }
  return cachedText;
}

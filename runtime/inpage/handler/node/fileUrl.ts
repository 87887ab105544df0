/** url.fileURLToPath as Node has it for POSIX paths: `url` and `fs` (which takes URLs for paths) share it. */
export function fileURLToPath(value: string | URL): string {
  const parsed = typeof value === 'string' ? new URL(value) : value;
  if (parsed.protocol !== 'file:') {
    throw Object.assign(new TypeError('The URL must be of scheme file'), { code: 'ERR_INVALID_URL_SCHEME' });
  }
  return decodeURIComponent(parsed.pathname);
}

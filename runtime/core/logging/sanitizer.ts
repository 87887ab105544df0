/**
 * The host's log Sanitizer (shared with the WebJobs SDK): hides well-known credential strings in
 * what it logs, such as the handler's start-up command line. A token found (case-insensitively)
 * is replaced, up to the next `<`, `"` or `'` (or to the end), with `[Hidden Credential]`; then
 * `proto://user:password@host:port` is replaced whole.
 */
export const SECRET_REPLACEMENT = '[Hidden Credential]';

const VALUE_TERMINATORS = ['<', '"', "'"];
const ALLOWED_TOKENS = ['PublicKeyToken='];
export const CREDENTIAL_TOKENS = [
  'Token=',
  'DefaultEndpointsProtocol=http',
  'AccountKey=',
  'Data Source=',
  'Server=',
  'Password=',
  'pwd=',
  '&amp;sig=',
  '&sig=',
  '?sig=',
  'SharedAccessKey=',
  '&amp;code=',
  '&code=',
  '?code=',
  'key=',
];
const USER_INFO_URL = /\b([a-zA-Z]+):\/\/([^:/\s]+):([^@/\s]+)@([^:/\s]+):([0-9]+)\b/gi;

export function mayContainCredentials(input: string): boolean {
  return input.includes('=') || input.includes(':');
}

export function sanitize(input: string | undefined | null): string {
  if (!input) return '';
  if (!mayContainCredentials(input)) return input;
  let t = input;
  let hidden = input;
  for (const allowed of ALLOWED_TOKENS) hidden = hidden.split(allowed).join('#'.repeat(allowed.length));
  for (const token of CREDENTIAL_TOKENS) {
    const lowerToken = token.toLowerCase();
    for (;;) {
      // Ordinal-ignore-case search in the text with the allowed tokens masked.
      const start = hidden.toLowerCase().indexOf(lowerToken);
      if (start === -1) break;
      // As the host does, the end is looked for in the unmasked text, from the same place.
      const end = indexOfAny(t, start);
      t = t.slice(0, start) + SECRET_REPLACEMENT + (end !== -1 ? t.slice(end) : '');
      hidden = hidden.slice(0, start) + SECRET_REPLACEMENT + (end !== -1 ? hidden.slice(end) : '');
    }
  }
  if (input.includes(':')) t = t.replace(USER_INFO_URL, SECRET_REPLACEMENT);
  return t;
}

function indexOfAny(text: string, from: number): number {
  let best = -1;
  for (const ch of VALUE_TERMINATORS) {
    const i = text.indexOf(ch, from);
    if (i !== -1 && (best === -1 || i < best)) best = i;
  }
  return best;
}

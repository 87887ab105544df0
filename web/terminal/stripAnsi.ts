/** Terminal text without ANSI escape sequences, for the plain fallback view. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007|\r(?=\n)/g, '');
}

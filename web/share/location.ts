import { decodeShareFragment } from './codec';
import type { SharedState } from './shareState';

/** What the page's address asks to open. */
export type ShareRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'example'; readonly name: string }
  | { readonly kind: 'state'; readonly state: SharedState }
  | { readonly kind: 'error'; readonly error: string };

const EXAMPLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads `location.search` and `location.hash`. A share link in the hash wins over `?example=`
 * (it is the more specific state). Whether a named example exists is for the caller to check.
 */
export function readShareRequest(search: string, hash: string): ShareRequest {
  if (hash !== '' && hash !== '#') {
    const decoded = decodeShareFragment(hash);
    return decoded.ok ? { kind: 'state', state: decoded.state } : { kind: 'error', error: decoded.error };
  }
  const name = new URLSearchParams(search).get('example');
  if (name === null || name === '') return { kind: 'none' };
  if (!EXAMPLE_NAME.test(name)) {
    return { kind: 'error', error: `There is no example named ${JSON.stringify(name.slice(0, 80))}.` };
  }
  return { kind: 'example', name };
}

/** The page address with this fragment (and no `?example=`, which the fragment replaces). */
export function shareUrl(href: string, fragment: string): string {
  const url = new URL(href);
  url.searchParams.delete('example');
  url.hash = fragment;
  return url.href;
}

/** The page address that opens a bundled example by name. */
export function exampleUrl(href: string, name: string): string {
  const url = new URL(href);
  url.hash = '';
  url.searchParams.set('example', name);
  return url.href;
}

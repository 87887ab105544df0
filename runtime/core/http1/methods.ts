// The request methods llhttp (Node 20) accepts, found by sending each to a Node server. RTSP's own
// methods parse as methods too, but only go with an RTSP/ protocol.
export const HTTP_METHODS = [
  'DELETE', 'GET', 'HEAD', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'TRACE', 'COPY', 'LOCK', 'MKCOL',
  'MOVE', 'PROPFIND', 'PROPPATCH', 'SEARCH', 'UNLOCK', 'BIND', 'REBIND', 'UNBIND', 'ACL', 'REPORT',
  'MKACTIVITY', 'CHECKOUT', 'MERGE', 'M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH',
  'PURGE', 'MKCALENDAR', 'LINK', 'UNLINK', 'SOURCE', 'QUERY',
] as const; // prettier-ignore

export const RTSP_ONLY_METHODS = [
  'DESCRIBE', 'ANNOUNCE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER',
  'REDIRECT', 'RECORD', 'FLUSH',
] as const; // prettier-ignore

const ALL_METHODS: readonly string[] = [...HTTP_METHODS, ...RTSP_ONLY_METHODS];

// A byte trie over the method names, so the parser can reject a method at its first wrong byte
// (as llhttp does) and name it without decoding a string. Node n's children sit at
// next[n * 128 + byte]; 0 means no child (the root is never a child).
const next: number[] = [0];
/** For each node, the index into METHOD_NAMES of the method ending there, or -1. */
const ends: number[] = [-1];

function addMethod(name: string, index: number): void {
  let node = 0;
  for (let i = 0; i < name.length; i++) {
    const slot = node * 128 + name.charCodeAt(i);
    let child = next[slot] ?? 0;
    if (child === 0) {
      child = ends.length;
      ends.push(-1);
      next[slot] = child;
    }
    node = child;
  }
  ends[node] = index;
}
ALL_METHODS.forEach(addMethod);
const trie = Int32Array.from({ length: ends.length * 128 }, (_, i) => next[i] ?? 0);
const methodEnds = Int32Array.from(ends);

export const METHOD_NAMES = ALL_METHODS;
export const CONNECT_METHOD = ALL_METHODS.indexOf('CONNECT');
export const SOURCE_METHOD = ALL_METHODS.indexOf('SOURCE');
export const FIRST_RTSP_ONLY_METHOD = HTTP_METHODS.length;

/** The trie node after `byte` from `node`, or 0 when no method continues that way. */
export function methodStep(node: number, byte: number): number {
  return byte < 128 ? trie[node * 128 + byte]! : 0;
}

/** Index into METHOD_NAMES of the method ending at `node`, or -1. */
export function methodAt(node: number): number {
  return methodEnds[node]!;
}

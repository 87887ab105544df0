/**
 * A plain-words note attached to an exchange where the real host treats what the handler did
 * in a surprising way. `code` is stable so the UI can badge and filter them.
 */
export interface Hint {
  readonly code: HintCode;
  readonly message: string;
}

export type HintCode =
  | 'non-json-result'
  | 'invalid-json-result'
  | 'status-not-statuscode'
  | 'non-2xx-result'
  | 'empty-json-result'
  | 'null-header-value'
  | 'header-refused'
  | 'base64-output'
  | 'outputs-missing-res'
  | 'no-outputs'
  | 'unparsable-statuscode'
  | 'unknown-output'
  | 'return-value-ignored'
  | 'body-on-no-content'
  | 'res-not-object'
  | 'chunked-request-body'
  | 'forwarding-fallback'
  | 'handler-crashed'
  | 'function-timeout'
  | 'no-route';

export function hint(code: HintCode, message: string): Hint {
  return { code, message };
}

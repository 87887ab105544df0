import type { Hint } from './hints';
import { hint } from './hints';

/** What failed: the caller's HTTP request, a queue message, or another trigger's invocation. */
export type FailedTrigger =
  | { readonly kind: 'http'; readonly resName: string }
  | { readonly kind: 'queue'; readonly queue?: string }
  | { readonly kind: 'other' };

function failureConsequence(trigger: FailedTrigger): string {
  switch (trigger.kind) {
    case 'http':
      return ` and the caller gets 500 with an empty body. Answer 200 and put the status in Outputs.${trigger.resName}.statusCode.`;
    case 'queue': {
      const queue = trigger.queue ?? 'the queue';
      const poison = trigger.queue ? `'${trigger.queue}-poison'` : 'the poison queue';
      return `. The message goes back on ${trigger.queue ? `'${queue}'` : queue} and is tried again after visibilityTimeout; after maxDequeueCount failed attempts it moves to ${poison}. Answer 200 once the message is handled.`;
    }
    case 'other':
      return '. Answer 200 once the work is done.';
  }
}

/** A route as the 404 hint lists it. */
export interface RouteListing {
  readonly name: string;
  readonly methods?: readonly string[];
  readonly route: string;
}

/** A function the host left out because its function.json is invalid, and the first reason. */
export interface DroppedFunction {
  readonly name: string;
  readonly reason: string;
}

/**
 * Every hint the host attaches to an exchange, its code and its words in one place: what the
 * real host did that surprises people, and what to change.
 */
export const HINTS = {
  non2xxResult: (status: number, trigger: FailedTrigger): Hint =>
    hint(
      'non-2xx-result',
      `The handler answered ${status}. In payload mode any non-2xx answer fails the invocation: Outputs and Logs are ignored${failureConsequence(trigger)}`,
    ),
  nonJsonResult: (shownContentType: string): Hint =>
    hint(
      'non-json-result',
      `The handler answered with ${shownContentType}. The real host reads the result only as JSON (application/json), so the invocation fails. Set the header Content-Type: application/json.`,
    ),
  emptyJsonResult: (empty: boolean): Hint =>
    hint(
      'empty-json-result',
      `The handler's JSON body was ${empty ? 'empty' : 'null'}. The real host reads that as no result and never completes the invocation: it waits until functionTimeout. Return {} at least.`,
    ),
  invalidJsonResult: (where: string): Hint =>
    hint('invalid-json-result', `The handler's answer is not valid JSON${where}. The invocation fails.`),
  resultNotObject: (kind: string): Hint =>
    hint(
      'invalid-json-result',
      `The handler answered with ${kind}; the host expects an object with Outputs, Logs and ReturnValue.`,
    ),
  returnValueIgnored: (): Hint =>
    hint(
      'return-value-ignored',
      'ReturnValue is ignored: function.json has no "$return" output binding. Put the value in Outputs instead.',
    ),
  unknownOutput: (key: string): Hint =>
    hint(
      'unknown-output',
      `Outputs.${key} matches no output binding in function.json, so the host ignores it.`,
    ),
  outputsMissingRes: (name: string): Hint =>
    hint(
      'outputs-missing-res',
      `Outputs has no "${name}", so the real host answers 200 with the body {} as text/plain.`,
    ),
  noOutputs: (resName: string): Hint =>
    hint(
      'no-outputs',
      `The result sets no HTTP response (no Outputs.${resName}), so the caller gets 204 No Content.`,
    ),
  statusNotStatusCode: (where: string, status: number): Hint =>
    hint(
      'status-not-statuscode',
      `${where} sets "status" but not "statusCode". The real host never reads "status" here, so the caller gets ${status}. Use "statusCode".`,
    ),
  nullHeaderValue: (where: string, key: string): Hint =>
    hint(
      'null-header-value',
      `${where}.headers["${key}"] is null. The real host fails with 500 on a null header value.`,
    ),
  headerRefused: (where: string, key: string, kind: string, char = ''): Hint => {
    const after =
      'Kestrel refuses it while writing the response, after the invocation succeeded, so the caller gets 500 with an empty body.';
    const what =
      kind === 'an array' || kind === 'an object'
        ? `is ${kind}. The host writes it as its JSON text, which spans several lines, and a header value cannot hold a line break.`
        : `holds ${describeChar(char)}, which an HTTP header value cannot carry (only printable ASCII and tab).`;
    const fix =
      kind === 'an array' || kind === 'an object'
        ? 'Send one string instead, e.g. the values joined with ", ".'
        : 'Percent-encode the text or leave the character out.';
    return hint('header-refused', `${where}.headers["${key}"] ${what} ${after} ${fix}`);
  },
  bodyOnNoContent: (status: number): Hint =>
    hint(
      'body-on-no-content',
      `A ${status} response cannot carry a body; the body the handler set is not sent.`,
    ),
  unparsableStatusCode: (where: string, text: string): Hint =>
    hint(
      'unparsable-statuscode',
      `${where}.statusCode "${text}" is not a whole number, so the real host answers 200.`,
    ),
  resNotObject: (where: string, what: string): Hint =>
    hint(
      'res-not-object',
      `${where} is ${what}. The real host expects an object like {"statusCode": 200, "body": "..."} and fails the invocation.`,
    ),
  base64Output: (binding: string): Hint =>
    hint(
      'base64-output',
      `The string for output '${binding}' is valid base64, so the real host decodes it and queues the bytes, not your text. Send an object, or a string that is not valid base64.`,
    ),
  forwardingFallback: (proxying: boolean, functionName: string): Hint =>
    hint(
      'forwarding-fallback',
      `host.json asks for ${proxying ? 'proxying' : 'forwarding'}, but ${functionName} has bindings besides one httpTrigger and one http output, so the host sends it the payload (POST /${functionName}) instead of the original request.`,
    ),
  chunkedRequestBody: (mode: 'payload' | 'forwarding'): Hint =>
    hint(
      'chunked-request-body',
      mode === 'payload'
        ? 'The caller sent its body chunked (no Content-Length). The real host puts Body in the payload only when Content-Length > 0, so Data.req has no Body.'
        : 'The caller sent its body chunked (no Content-Length). In forwarding mode the real host forwards a body only when Content-Length > 0, so the handler got none.',
    ),
  noRoute: (
    method: string,
    path: string,
    routes: readonly RouteListing[],
    dropped: readonly DroppedFunction[],
  ): Hint => {
    const listed = routes.length
      ? `The routes are: ${routes.map((r) => `${r.methods?.length ? r.methods.join(',') : 'any method'} /${r.route} (${r.name})`).join('; ')}.`
      : 'The app has no HTTP function.';
    const left = dropped.length
      ? ` Not loaded, because their function.json is invalid: ${dropped.map((d) => `${d.name} (${d.reason})`).join('; ')}.`
      : '';
    return hint(
      'no-route',
      `No function matches ${method} ${path}, so the host answers 404 with an empty body (a wrong method is no match either). ${listed}${left}`,
    );
  },
  handlerCrashed: (): Hint =>
    hint(
      'handler-crashed',
      'The handler process exited with code 0 earlier; the real host does not restart it, so calls fail until you restart.',
    ),
  functionTimeout: (limit: string): Hint =>
    hint(
      'function-timeout',
      `The handler did not finish within functionTimeout (${limit}), so the host cancelled the invocation and restarted the handler process.`,
    ),
};

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code < 0x20 || code === 0x7f
    ? `the control character U+${hex}`
    : `the non-ASCII character "${ch}" (U+${hex})`;
}

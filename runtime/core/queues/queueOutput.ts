import type { JsonNode } from '../json/jsonNode';
import { parseJson } from '../json/parseJson';
import { dotnetToString } from '../json/writeJson';
import { decodeDotnetBase64 } from './base64';
import { utf8Decode, utf8Encode } from '../bytes/utf8';

/** One message to add to the output queue. */
export interface QueueOutputMessage {
  /** The message content, before the queue's messageEncoding is applied. */
  readonly bytes: Uint8Array;
  /** The bytes read as UTF-8, for display (U+FFFD where they are not valid UTF-8). */
  readonly text: string;
  /**
   * True when the handler's string happened to be valid base64, so the host queued the decoded
   * bytes rather than the text (worth a hint in the UI: "your string was valid base64").
   */
  readonly decodedFromBase64: boolean;
}

/** The messages for one output value, or why the binding fails. */
export type QueueOutputResult = { ok: true; messages: QueueOutputMessage[] } | { ok: false; error: string };

/**
 * The messages the host queues for one output binding value (`Outputs[name]`, or `ReturnValue`
 * for a `$return` binding), reproducing two host stages in their order:
 *
 * 1. `HttpScriptInvocationResultExtensions.GetBindingValue`, when the response is read: unless the
 *    binding's dataType is `binary`, a JSON **string** is tried with `Convert.FromBase64String`
 *    and, when that succeeds, replaced by the decoded bytes. Only a top-level string is tried
 *    (the `(string)` cast fails for anything else), never the elements of an array.
 * 2. `FunctionBinding.BindAsyncCollectorAsync<byte[]>` (a queue output's script type is
 *    `IAsyncCollector<byte[]>`), via `ReadAsEnumerable`: a JSON array gives one message per
 *    element; a string that `Utility.IsJson` accepts (trimmed, it starts with `{` and ends with
 *    `}`, or `[` and `]`) is parsed, an array giving its elements and an object one message; byte
 *    arrays and everything else are single messages. Each element that is not already bytes is
 *    written as the UTF-8 of its .NET `ToString()`: strings as they are, objects and arrays as
 *    indented JSON, numbers in .NET format, booleans `True`/`False`, null as empty.
 *
 * So the base64 attempt comes first, and a decoded string is never split or re-serialized. The
 * order cannot change a JSON-looking string's fate (`{` and `[` are not base64 characters), but it
 * does mean a string such as `"1234"` or `"test"` becomes bytes, while the number `1234` is text.
 *
 * A null or missing value queues nothing (the host drops null outputs). A string that looks like
 * JSON but does not parse fails the binding, as `JToken.Parse` throws in the host.
 *
 * Not modelled: Json.NET turning ISO-date-looking strings into DateTime values, whose
 * `ToString()` is then culture-formatted text; such strings are queued verbatim here.
 */
export function queueMessagesFromOutput(value: JsonNode | undefined, dataType?: string): QueueOutputResult {
  if (value === undefined || value.kind === 'null') return { ok: true, messages: [] };
  if (value.kind === 'string' && dataType?.toLowerCase() !== 'binary') {
    const bytes = decodeDotnetBase64(value.value);
    if (bytes) return { ok: true, messages: [{ bytes, text: utf8Decode(bytes), decodedFromBase64: true }] };
  }
  const items = enumerate(value);
  if (!Array.isArray(items)) return items;
  return { ok: true, messages: items.map(textMessage) };
}

function enumerate(value: JsonNode): JsonNode[] | { ok: false; error: string } {
  if (value.kind === 'array') return value.items;
  if (value.kind === 'string' && looksLikeJson(value.value)) {
    let parsed: JsonNode;
    try {
      parsed = parseJson(value.value);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        error: `The queue output value looks like JSON (it is wrapped in {} or []) but is not valid JSON: ${reason}`,
      };
    }
    return parsed.kind === 'array' ? parsed.items : [parsed];
  }
  return [value];
}

function textMessage(item: JsonNode): QueueOutputMessage {
  const text = dotnetToString(item);
  return { bytes: utf8Encode(text), text, decodedFromBase64: false };
}

// .NET's string.Trim() removes char.IsWhiteSpace characters, which differ slightly from JS trim().
const DOTNET_WHITESPACE = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${DOTNET_WHITESPACE}]+|[${DOTNET_WHITESPACE}]+$`, 'g');

/** The host's `Utility.IsJson`: a cheap bracket check, not a parse. */
export function looksLikeJson(text: string): boolean {
  const t = text.replace(TRIM, '');
  return (t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'));
}

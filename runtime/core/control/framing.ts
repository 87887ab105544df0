/**
 * Control messages travel inside the host's stdout, which in a WebContainer is a pseudo-terminal:
 * stdout and stderr merged, `\n` turned into `\r\n`, output cut into arbitrary chunks and mixed
 * with the handler's own logs and ANSI colours. So each message is one APC escape sequence,
 * `ESC _ fchp1;<length>;<json> ESC \`, whose JSON is pure printable ASCII (no newline to
 * translate); the length catches truncation, and terminals hide APC sequences anyway.
 */
const START = '\u001b_fchp1;';
const END = '\u001b\\';
const MAX_FRAME = 64 * 1024 * 1024;

export function encodeFrame(message: unknown): string {
  const json = asciiJson(message);
  return `${START}${json.length};${json}${END}`;
}

/** JSON with every character outside printable ASCII escaped, so no transport can alter it. */
export function asciiJson(message: unknown): string {
  return JSON.stringify(message).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export interface DecodedChunk {
  /** Whole messages, parsed from JSON (not yet validated). */
  readonly messages: unknown[];
  /** Everything that was not a frame: terminal output to show as is. */
  readonly text: string;
  /** Frames that could not be read (bad length or JSON). */
  readonly errors: string[];
}

/** Reassembles frames from arbitrary chunks; text around frames passes through. */
export class FrameDecoder {
  private buffer = '';

  push(chunk: string): DecodedChunk {
    this.buffer += chunk;
    const messages: unknown[] = [];
    const errors: string[] = [];
    let text = '';
    for (;;) {
      const start = this.buffer.indexOf(START);
      if (start < 0) {
        // Keep a tail that could be the beginning of a frame marker split across chunks.
        const keep = partialPrefixLength(this.buffer, START);
        text += this.buffer.slice(0, this.buffer.length - keep);
        this.buffer = this.buffer.slice(this.buffer.length - keep);
        break;
      }
      text += this.buffer.slice(0, start);
      const end = this.buffer.indexOf(END, start + START.length);
      if (end < 0) {
        this.buffer = this.buffer.slice(start);
        if (this.buffer.length > MAX_FRAME) {
          errors.push('A control frame exceeded the size limit and was dropped.');
          this.buffer = '';
        }
        break;
      }
      const body = this.buffer.slice(start + START.length, end).replace(/[\r\n]/g, '');
      this.buffer = this.buffer.slice(end + END.length);
      const sep = body.indexOf(';');
      const length = Number(body.slice(0, sep));
      const json = body.slice(sep + 1);
      if (sep < 0 || !Number.isInteger(length) || json.length !== length) {
        errors.push(
          `A control frame was damaged in transit (expected ${length} characters, got ${json.length}).`,
        );
        continue;
      }
      try {
        messages.push(JSON.parse(json));
      } catch {
        errors.push('A control frame held invalid JSON.');
      }
    }
    return { messages, text, errors };
  }
}

function partialPrefixLength(text: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, text.length); n > 0; n--) {
    if (marker.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

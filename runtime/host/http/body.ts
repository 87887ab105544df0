import { allocBytes } from '../../core/bytes/byteSlab';

/**
 * A message body arriving in chunks: read whole, or streamed to one consumer. Chunks that come
 * before anyone listens are kept, so a request can be routed before its body is read.
 */
export class BodySource {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private error: Error | undefined;
  private onChunk: ((chunk: Uint8Array) => void) | undefined;
  private onEnd: ((error?: Error) => void) | undefined;

  push(chunk: Uint8Array): void {
    if (this.ended) return;
    if (this.onChunk) this.onChunk(chunk);
    else this.chunks.push(chunk);
  }

  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.onEnd?.(error);
  }

  /** Streams the body: buffered chunks first, then each as it comes, then the end. */
  stream(onChunk: (chunk: Uint8Array) => void, onEnd: (error?: Error) => void): void {
    for (const c of this.chunks) onChunk(c);
    this.chunks = [];
    if (this.ended) {
      onEnd(this.error);
      return;
    }
    this.onChunk = onChunk;
    this.onEnd = onEnd;
  }

  /** The whole body (copied into one buffer only when it came in several chunks). */
  read(): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const parts: Uint8Array[] = [];
      this.stream(
        (c) => parts.push(c),
        (error) => (error ? reject(error) : resolve(concat(parts))),
      );
    });
  }
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = allocBytes(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

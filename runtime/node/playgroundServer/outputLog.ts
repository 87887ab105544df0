/** One piece of a host's output, numbered so a reconnecting stream resumes after the last it saw. */
export interface OutputChunk {
  readonly seq: number;
  readonly text: string;
}

/**
 * The host's merged output, kept (up to a budget) so a stream that connects after the host
 * started, or reconnects, misses nothing: the page starts the host first and listens after.
 */
export class OutputLog {
  private readonly chunks: OutputChunk[] = [];
  private size = 0;
  private next = 1;
  private readonly listeners = new Set<(chunk: OutputChunk) => void>();

  constructor(private readonly budget = 4 * 1024 * 1024) {}

  append(text: string): void {
    if (text === '') return;
    const chunk = { seq: this.next++, text };
    this.chunks.push(chunk);
    this.size += text.length;
    while (this.size > this.budget && this.chunks.length > 1) this.size -= this.chunks.shift()!.text.length;
    for (const listener of this.listeners) listener(chunk);
  }

  /** The kept chunks after `afterSeq`, then every new one; returns the disposer. */
  follow(afterSeq: number, listener: (chunk: OutputChunk) => void): () => void {
    for (const chunk of this.chunks) if (chunk.seq > afterSeq) listener(chunk);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

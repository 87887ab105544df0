/** One piece of a host's output, numbered so a reconnecting stream resumes after the last it saw. */
export interface OutputChunk {
  readonly seq: number;
  readonly text: string;
}

/** The default of what a run keeps of its output, in characters. */
export const OUTPUT_BUDGET_CHARS = 4 * 1024 * 1024;

/**
 * The host's merged output, kept (up to a budget) so a stream that connects after the host
 * started, or reconnects, misses nothing: the page starts the host first and listens after.
 * Streams read it by sequence number at their own pace, so a slow reader costs the server no
 * more than the log itself; one that falls further behind than the log keeps finds a gap.
 */
export class OutputLog {
  private readonly chunks: OutputChunk[] = [];
  private size = 0;
  private next = 1;
  /** Every character ever appended, kept or not (a measure for tests and diagnostics). */
  totalChars = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly budget = OUTPUT_BUDGET_CHARS) {}

  append(text: string): void {
    if (text === '') return;
    this.chunks.push({ seq: this.next++, text });
    this.size += text.length;
    this.totalChars += text.length;
    while (this.size > this.budget && this.chunks.length > 1) this.size -= this.chunks.shift()!.text.length;
    for (const listener of this.listeners) listener();
  }

  /**
   * The chunk after `seq`: undefined when there is none yet, 'gone' when it was dropped to keep
   * the budget. `seq` 0 means "from the start", which is the oldest chunk still kept.
   */
  chunkAfter(seq: number): OutputChunk | 'gone' | undefined {
    const first = this.chunks[0];
    if (!first) return undefined;
    if (seq === 0 || seq + 1 < first.seq) return seq === 0 ? first : 'gone';
    return this.chunks[seq + 1 - first.seq];
  }

  /** Calls `listener` after each append; returns the disposer. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Chunks kept for later (output before anyone listens, input before the host can take it), up to
 * a number of characters. When full, the oldest chunks go: the newest say most about the present.
 * What was dropped is counted, so the reader can be told.
 */
export class BoundedBacklog {
  private chunks: string[] = [];
  private size = 0;
  private dropped = 0;

  /**
   * @param maxChars the most characters kept.
   * @param cut a chunk longer than maxChars on its own: true keeps its tail (output, where the
   *   end is what matters), false drops it whole (input, where half a command is junk).
   */
  constructor(
    private readonly maxChars: number,
    private readonly cut: boolean,
  ) {}

  push(chunk: string): void {
    if (chunk.length > this.maxChars) {
      this.dropped += this.size + (this.cut ? chunk.length - this.maxChars : chunk.length);
      this.chunks = this.cut ? [chunk.slice(chunk.length - this.maxChars)] : [];
      this.size = this.cut ? this.maxChars : 0;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxChars) {
      const oldest = this.chunks.shift() as string; // size > 0, so there is one
      this.size -= oldest.length;
      this.dropped += oldest.length;
    }
  }

  /** Empties the backlog: what it held, oldest first, and how many characters were dropped. */
  take(): { readonly chunks: string[]; readonly dropped: number } {
    const taken = { chunks: this.chunks, dropped: this.dropped };
    this.chunks = [];
    this.size = 0;
    this.dropped = 0;
    return taken;
  }
}

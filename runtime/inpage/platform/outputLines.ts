/**
 * Cuts a stream of text into lines, as a readline over the handler's stdout or stderr would:
 * '\n' ends a line, a '\r' before it is dropped, and a last line without '\n' comes out on flush.
 */
export class LineSplitter {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) this.onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
  }

  flush(): void {
    if (this.partial === '') return;
    const last = this.partial;
    this.partial = '';
    this.onLine(last.endsWith('\r') ? last.slice(0, -1) : last);
  }
}

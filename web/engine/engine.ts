/** Which runtime runs the host and the handler. */
export type EngineKind = 'inpage' | 'webcontainer' | 'local' | 'fake';

/** Why an engine could not start, so the page can say which and what to do. */
export type BootFailureReason =
  | 'not-isolated'
  | 'unsupported-browser'
  | 'embedded'
  | 'timeout'
  | 'offline'
  | 'refused'
  | 'error'
  /** After boot: the runtime reported an internal error (typically blocked cookies or storage). */
  | 'runtime-error';

export class EngineBootError extends Error {
  constructor(
    readonly reason: BootFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'EngineBootError';
  }
}

/** Any failure to boot as an EngineBootError: one already is, anything else is an 'error'. */
export function asBootError(e: unknown): EngineBootError {
  return e instanceof EngineBootError ? e : new EngineBootError('error', (e as Error).message);
}

/** A running process: its merged output (a terminal's, ANSI codes and all), its input, its end. */
export interface EngineProcess {
  /** Subscribes to output; returns the disposer. Output before subscribing is buffered. */
  onOutput(listener: (chunk: string) => void): () => void;
  write(text: string): void;
  /** Resolves with the exit code. */
  readonly exit: Promise<number>;
  /**
   * Stops the process, as gracefully as the engine can (the host must end its handler first, or
   * the handler outlives it), then by force; `exit` says when it is gone.
   */
  kill(): void;
}

/**
 * The few primitives the playground needs from a runtime. Everything above this interface is
 * shared by the in-page engine (Web Workers in a sandboxed iframe: the static site's), the
 * WebContainer engine, the local engine (a Node server on 127.0.0.1) and the in-memory fake used
 * by unit tests.
 */
export interface Engine {
  readonly kind: EngineKind;
  /** Rejects with an EngineBootError naming the reason when the engine cannot run here. */
  boot(signal?: AbortSignal): Promise<void>;
  /**
   * Starts, ahead of boot(), the part of booting that needs no app (fetching the engine's scripts,
   * starting its sandbox and workers), so that it overlaps the page's own start-up. Runs no code
   * of the app and reports nothing: a failure shows when boot() is called. Optional.
   */
  prepare?(): void;
  /** Makes the app folder hold exactly these files (app-relative paths, '/'-separated). */
  syncFiles(files: ReadonlyMap<string, string>): Promise<void>;
  /** Starts the host on the app folder with the control protocol on its stdio. */
  startHost(): Promise<EngineProcess>;
  /**
   * The runtime's own errors after boot (a WebContainer's blocked cookies or storage): without a
   * listener they would only look like a runtime that went dead. Only engines that have such
   * errors implement it; returns the disposer.
   */
  onError?(listener: (message: string) => void): () => void;
  dispose(): Promise<void>;
}

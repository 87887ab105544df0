import { path } from '../polyfills';

// Apart from loader.ts: the CommonJS objects a handler sees, separate from how files load.

/** CommonJS `module`, as Node's (the fields handlers and their tools read). */
export class Module {
  exports: unknown = {};
  loaded = false;
  readonly children: Module[] = [];
  readonly paths: string[] = [];
  require!: NodeRequire;

  constructor(
    readonly id: string,
    readonly filename: string,
    readonly parent: Module | null,
  ) {}

  get path(): string {
    return path.dirname(this.filename);
  }
}

export type NodeRequire = ((request: string) => unknown) & {
  resolve: ((request: string) => string) & { paths: (request: string) => string[] | null };
  cache: Record<string, Module>;
  main: Module | undefined;
  extensions: Record<string, unknown>;
};

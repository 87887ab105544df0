// Types for build-host.mjs, so TypeScript tests can build the host bundle where they need it.
export declare const DEFAULT_OUTFILE: string;

export declare function buildHost(options?: {
  outfile?: string;
  quiet?: boolean;
}): Promise<{ outfile: string; bytes: number; gzipBytes: number; ms: number }>;

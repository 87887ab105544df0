import type { BuildOptions } from 'esbuild';

/** esbuild options for the handler worker bundle (see buildOptions.mjs). */
export declare const handlerWorkerBuildOptions: BuildOptions;

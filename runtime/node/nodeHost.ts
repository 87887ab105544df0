import { FunctionHost } from '../host/functionHost';
import type { FunctionHostOptions } from '../host/functionHost';
import { createNodePlatform } from './platform/nodePlatform';

export { FunctionHost };

/** A host on this machine: the CLI's, the tests', the benchmarks'. */
export function createNodeHost(options: Omit<FunctionHostOptions, 'platform'>): FunctionHost {
  return new FunctionHost({ ...options, platform: createNodePlatform(process.env) });
}

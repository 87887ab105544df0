import type { FunctionDef } from '../app/functionJson';
import type { CustomHandlerOptions } from '../app/hostJson';
import type { HttpMode } from '../exchange/exchange';

/** Exactly one input (the httpTrigger) and one output (http, any name): the only shape that can be forwarded. */
export function isHttpInAndOut(fn: FunctionDef): boolean {
  const inputs = fn.bindings.filter((b) => b.direction !== 'out');
  const outputs = fn.bindings.filter((b) => b.direction !== 'in');
  return (
    inputs.length === 1 &&
    inputs[0]!.typeLower === 'httptrigger' &&
    outputs.length === 1 &&
    outputs[0]!.typeLower === 'http'
  );
}

// A function's bindings never change once loaded: the shape is worked out once per function.
const inAndOut = new WeakMap<FunctionDef, boolean>();

/** Which way the host talks to the handler for this function (proxying is checked first). */
export function httpModeOf(fn: FunctionDef, options: CustomHandlerOptions): HttpMode {
  let shape = inAndOut.get(fn);
  if (shape === undefined) inAndOut.set(fn, (shape = isHttpInAndOut(fn)));
  if (!fn.http || !shape) return 'payload';
  if (options.enableProxyingHttpRequest) return 'proxy';
  if (options.enableForwardingHttpRequest || options.section === 'httpWorker') return 'forwarding';
  return 'payload';
}

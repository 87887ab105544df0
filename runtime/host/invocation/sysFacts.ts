import type { SysFacts } from '../../core/invocation/httpPayload';
import { formatUtcDateTime } from '../../core/invocation/dotnetDate';

let lastMs = 0;
let ticks = 0;

/** `sys` binding data; sub-millisecond ticks keep UtcNow at seven digits and increasing, as in .NET. */
export function newSysFacts(methodName: string, now: number, newGuid: () => string): SysFacts {
  ticks = now === lastMs ? Math.min(ticks + 1, 9999) : Math.floor(Math.random() * 9000) + 1;
  lastMs = now;
  return { methodName, utcNow: formatUtcDateTime(now, ticks), randGuid: newGuid() };
}

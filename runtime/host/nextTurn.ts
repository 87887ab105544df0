type Scheduler = (callback: () => void) => void;

const immediate = (globalThis as { setImmediate?: Scheduler }).setImmediate;

/**
 * Runs `callback` after pending I/O: Node's setImmediate, or a zero timeout in a worker (which
 * has none). Bursts of queue changes collapse into one pump either way.
 */
export const nextTurn: Scheduler = immediate ? (cb) => immediate(cb) : (cb) => void setTimeout(cb, 0);

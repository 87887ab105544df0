import type { QueueState } from '../../runtime/core/control/protocol';

const POISON_SUFFIX = '-poison';
/** The host's rule for queue names (Azure Storage's, loosened to 2 characters as the host checks). */
const QUEUE_NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** `orders` for `orders-poison`; `undefined` for a queue that is not a poison queue. */
export function poisonBase(name: string): string | undefined {
  return name.endsWith(POISON_SUFFIX) && name.length > POISON_SUFFIX.length
    ? name.slice(0, -POISON_SUFFIX.length)
    : undefined;
}

/** Why a queue name would be refused, in plain words; `undefined` when it is fine. */
export function queueNameProblem(name: string): string | undefined {
  if (name === '') return 'Name the queue.';
  if (name !== name.toLowerCase()) return 'Queue names are lowercase.';
  if (!QUEUE_NAME.test(name))
    return 'A queue name has 3 to 63 lowercase letters, digits and hyphens, and starts with a letter or digit.';
  return undefined;
}

/** Queues to suggest for enqueueing: the ones the host knows, poison queues last. */
export function queueSuggestions(queues: readonly QueueState[]): string[] {
  const names = [...new Set(queues.map((q) => q.name))];
  return [...names.filter((n) => !poisonBase(n)).sort(), ...names.filter((n) => poisonBase(n)).sort()];
}

/** Checks message text that should be JSON; the problem in plain words, or `undefined`. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return `Not valid JSON: ${(e as Error).message}`;
  }
}

/**
 * Which tab owns which workspace: each tab holds a Web Lock named after the workspace it writes,
 * for as long as it lives. The browser lets the lock go when the tab closes or crashes, so a
 * workspace whose lock is free belongs to nobody and a new tab may adopt it; one whose lock is
 * held (a duplicated tab, a second tab) is never written by anyone else. Without the Locks API
 * (old browsers), every claim succeeds: the last tab to save wins, as before.
 */
export interface Claims {
  /** Takes a workspace, waiting up to `waitMs` for a tab that is going away to let it go. */
  claim(id: string, waitMs?: number): Promise<boolean>;
  release(id: string): void;
}

interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown>;
}

const lockName = (id: string) => `fchp.work.${id}`;

export function createClaims(locks: LockManagerLike | undefined): Claims {
  const held = new Map<string, () => void>();
  const hold = (id: string, options: { ifAvailable?: boolean; signal?: AbortSignal }) =>
    new Promise<boolean>((resolve) => {
      if (!locks) {
        held.set(id, () => undefined);
        resolve(true);
        return;
      }
      locks
        .request(lockName(id), options, (lock) => {
          if (lock === null) {
            resolve(false);
            return;
          }
          resolve(true);
          return new Promise<void>((release) => held.set(id, release));
        })
        .catch(() => resolve(false));
    });
  return {
    async claim(id, waitMs = 0) {
      if (held.has(id)) return true;
      if (await hold(id, { ifAvailable: true })) return true;
      if (waitMs <= 0) return false;
      return hold(id, { signal: AbortSignal.timeout(waitMs) });
    },
    release(id) {
      held.get(id)?.();
      held.delete(id);
    },
  };
}

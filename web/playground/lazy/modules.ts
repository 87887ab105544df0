/** The chunks the page loads on demand, each fetched once. */
import type * as Share from './share';
import type * as Transfer from './transfer';

export type ShareModule = typeof Share;
export type TransferModule = typeof Transfer;

export interface LazyModules {
  share(): Promise<ShareModule>;
  transfer(): Promise<TransferModule>;
}

function once<T>(load: () => Promise<T>): { get(): Promise<T>; loaded(): T | undefined } {
  let promise: Promise<T> | undefined;
  let value: T | undefined;
  return {
    get() {
      promise ??= load().then(
        (v) => (value = v),
        (e: unknown) => {
          // A failed fetch (offline for a moment) may be retried.
          promise = undefined;
          throw e;
        },
      );
      return promise;
    },
    loaded: () => value,
  };
}

const share = once(() => import('./share'));
const transfer = once(() => import('./transfer'));

export const lazyModules: LazyModules = { share: share.get, transfer: transfer.get };

/** The transfer chunk if it has arrived: a drop handler must read the drop before any await. */
export const loadedTransfer = transfer.loaded;

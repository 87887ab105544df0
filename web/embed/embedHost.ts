import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { MessageApiHost } from './messageApi';
import type { PlaygroundSession, Stores } from '../session/session';
import type { ExchangesState } from '../stores/exchangesStore';
import { changeKindOf } from '../stores/filesStore';
import type { AppActions } from '../playground/appActions';
import type { RunGate } from '../playground/runGate';
import type { UiStore } from '../shell/uiStore';

/** Exchanges that are new or changed between two states of the store, oldest first. */
export function changedExchanges(next: ExchangesState, previous: ExchangesState): Exchange[] {
  if (next.byId === previous.byId) return [];
  return next.order.flatMap((id) => {
    const exchange = next.byId[id]!;
    return previous.byId[id] === exchange ? [] : [exchange];
  });
}

export interface EmbedHostOptions {
  readonly stores: Stores;
  readonly session: PlaygroundSession;
  readonly actions: AppActions;
  readonly ui: UiStore;
  readonly gate: RunGate;
}

/**
 * What the embedding page may do through the message API: run (as the Run button does, so code
 * held for a confirmation still waits for it), send a request, write and save a file, read the
 * state, and hear about status changes and exchanges.
 */
export function createEmbedHost({ stores, session, actions, ui, gate }: EmbedHostOptions): MessageApiHost {
  return {
    engineKind: stores.runtime.getState().engineKind,
    async run() {
      await actions.run();
      if (gate.held) throw new Error('The reader chose not to run the code from the link.');
    },
    send: (request) => session.sendRequest(request),
    async setFile(path, text) {
      const files = stores.files.getState();
      if (Object.hasOwn(files.files, path)) {
        files.edit(path, text);
        await session.save(path);
        return;
      }
      const problem = files.create(path, text);
      if (problem) throw new Error(problem);
      await session.apply([changeKindOf(path)]);
    },
    getState() {
      const { engine, host } = stores.runtime.getState();
      const { files, active } = stores.files.getState();
      const { origin } = ui.getState();
      return {
        app: origin.name,
        ...(origin.example !== undefined && { example: origin.example }),
        engine,
        host: host ?? null,
        files: Object.keys(files).sort(),
        ...(active !== undefined && { activeFile: active }),
        exchanges: stores.exchanges.getState().order.length,
      };
    },
    subscribe(listener) {
      const offRuntime = stores.runtime.subscribe((next, previous) => {
        if (next.engine !== previous.engine || next.host !== previous.host) {
          listener({ type: 'status', engine: next.engine, host: next.host ?? null });
        }
      });
      const offExchanges = stores.exchanges.subscribe((next, previous) => {
        for (const exchange of changedExchanges(next, previous)) listener({ type: 'exchange', exchange });
      });
      return () => {
        offRuntime();
        offExchanges();
      };
    },
  };
}

import type { ComposedRequest, TriggersStore } from '../stores/triggersStore';
import { defaultRequestFor } from './defaultRequest';
import type { ExampleMeta, QueueDraft, TriggerTab } from './exampleMeta';

/** Where the triggers panel starts for an app: the tab, the request, the message ready to enqueue. */
export interface TriggerStart {
  readonly tab: TriggerTab;
  readonly request: ComposedRequest;
  readonly message?: QueueDraft;
}

/**
 * An example opens on its own trigger, as its playground.json says; any other app (an import, or
 * an example without one) on HTTP with a request that reaches its first HTTP function.
 */
export function triggerStartFor(
  name: string,
  files: Readonly<Record<string, string>>,
  meta: ExampleMeta | undefined,
): TriggerStart {
  return {
    tab: meta?.opensOn ?? 'http',
    request: meta?.request ?? defaultRequestFor(name, files),
    ...(meta?.message && { message: meta.message }),
  };
}

/** Puts a start into the triggers store. */
export function applyTriggerStart(triggers: TriggersStore, start: TriggerStart): void {
  const state = triggers.getState();
  state.compose(start.request);
  state.setTab(start.tab);
  state.setQueueDraft(start.message ?? { queue: '', text: '' });
}

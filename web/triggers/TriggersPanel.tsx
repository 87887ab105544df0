import type { PlaygroundSession } from '../session/session';
import type { RuntimeStore } from '../stores/runtimeStore';
import type { TriggersStore } from '../stores/triggersStore';

export interface TriggersPanelProps {
  readonly triggers: TriggersStore;
  readonly runtime: RuntimeStore;
  readonly session: PlaygroundSession;
}

/** Placeholder until the triggers panel lands. */
export function TriggersPanel(_props: TriggersPanelProps) {
  return <section aria-label="Triggers">Triggers</section>;
}

import { lazy, Suspense, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundSession } from '../session/session';
import { hostAcceptsRequests, type RuntimeStore } from '../stores/runtimeStore';
import type { TriggersStore } from '../stores/triggersStore';
import type { TriggerTab } from '../examples/exampleMeta';
import { HttpComposer } from './HttpComposer';
import { QueuesView } from './QueuesView';
import { formatClockOffset } from './time';
import { TimersView } from './TimersView';
import { TryThis } from './TryThis';
import '../styles/panelControls.css';

// The MCP panel is its own chunk, fetched the first time its tab opens.
const McpPanel = lazy(() => import('../mcp/McpPanel'));
import './triggers.css';

export interface TriggersPanelProps {
  readonly triggers: TriggersStore;
  readonly runtime: RuntimeStore;
  readonly session: PlaygroundSession;
}

type Tab = TriggerTab;
const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'http', label: 'HTTP' },
  { id: 'queues', label: 'Queues' },
  { id: 'timers', label: 'Timers' },
  { id: 'mcp', label: 'MCP' },
];

/** Simulated triggers: an HTTP composer, the queues and the timers. */
export function TriggersPanel({ triggers, runtime, session }: TriggersPanelProps) {
  // In the store: an example chooses the tab it opens on, and a reload brings it back.
  const tab = useStore(triggers, (s) => s.tab);
  const setTab = (next: Tab) => triggers.getState().setTab(next);
  // A tab's view is mounted the first time it is shown, then kept: the first paint builds only
  // the open tab, and a half-typed message or the last send's status survives a switch. The
  // HTTP composer is always there: the send shortcut works from any tab.
  const [opened, setOpened] = useState<ReadonlySet<Tab>>(() => new Set(['http', tab]));
  if (!opened.has(tab)) setOpened(new Set(opened).add(tab));
  const running = useStore(runtime, hostAcceptsRequests);
  const queueCount = useStore(triggers, (s) => s.queues.reduce((n, q) => n + q.count, 0));
  const timerCount = useStore(triggers, (s) => s.timers.length);
  const offsetMs = useStore(triggers, (s) => s.clock.offsetMs);
  const offset = formatClockOffset(offsetMs);
  const baseId = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  // Arrow keys move between tabs, as in every tab list (WAI-ARIA Authoring Practices).
  const onKeyDown = (e: KeyboardEvent) => {
    const at = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (at + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]!.id);
    tabs.current[next]?.focus();
  };

  return (
    <section className="tp" aria-label="Triggers" data-testid="triggers-panel">
      <div className="tp-tabs" role="tablist" aria-label="Trigger kind" onKeyDown={onKeyDown}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            data-testid={`triggers-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === 'queues' && queueCount > 0 && <span className="tp-count"> {queueCount}</span>}
            {t.id === 'timers' && timerCount > 0 && <span className="tp-count"> {timerCount}</span>}
          </button>
        ))}
        {offset && (
          <span
            className="tp-offset"
            data-testid="clock-offset"
            title="Fast-forwarding moved the host's clock ahead of the wall clock"
          >
            {offset}
          </span>
        )}
      </div>
      <TryThis session={session} running={running} />
      {TABS.map((t) => (
        <div
          key={t.id}
          className="tp-panel"
          role="tabpanel"
          id={`${baseId}-panel-${t.id}`}
          aria-labelledby={`${baseId}-tab-${t.id}`}
          data-testid={`triggers-panel-${t.id}`}
          hidden={tab !== t.id}
        >
          {opened.has(t.id) && (
            <TabView
              tab={t.id}
              shown={tab === t.id}
              triggers={triggers}
              runtime={runtime}
              session={session}
              running={running}
            />
          )}
        </div>
      ))}
    </section>
  );
}

interface TabViewProps extends TriggersPanelProps {
  readonly tab: Tab;
  /** Whether the tab is the one shown: a hidden view keeps its state but stops its clock. */
  readonly shown: boolean;
  readonly running: boolean;
}

function TabView({ tab, shown, triggers, runtime, session, running }: TabViewProps) {
  switch (tab) {
    case 'http':
      return <HttpComposer triggers={triggers} runtime={runtime} session={session} />;
    case 'queues':
      return <QueuesView triggers={triggers} session={session} running={running} shown={shown} />;
    case 'timers':
      return <TimersView triggers={triggers} session={session} running={running} shown={shown} />;
    case 'mcp':
      return (
        <Suspense fallback={<p className="tp-muted">Loading the MCP panel…</p>}>
          <McpPanel session={session} running={running} />
        </Suspense>
      );
  }
}

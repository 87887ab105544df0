import { useState } from 'react';
import { useStore } from 'zustand';
import type { TimerState } from '../../runtime/core/control/protocol';
import type { PlaygroundSession } from '../session/session';
import type { TriggersStore } from '../stores/triggersStore';
import { formatClockOffset, formatInZone, formatRelative } from './time';
import { useHostNow } from './useHostNow';

export interface TimersViewProps {
  readonly triggers: TriggersStore;
  readonly session: PlaygroundSession;
  readonly running: boolean;
  /** Whether its tab is the one shown: the relative times tick only then. */
  readonly shown?: boolean;
}

/** The app's timer functions: schedule, next occurrences on the host's clock, and fire, pause, fast-forward. */
export function TimersView({ triggers, session, running, shown = true }: TimersViewProps) {
  const timers = useStore(triggers, (s) => s.timers);
  const clock = useStore(triggers, (s) => s.clock);
  const now = useHostNow(clock, shown);
  const offset = formatClockOffset(clock.offsetMs);
  const [outcome, setOutcome] = useState<{ text: string; error?: boolean }>();

  const act = async (action: 'fire' | 'pause' | 'resume' | 'fastForward', timer: TimerState) => {
    setOutcome(undefined);
    try {
      const result = await session.timer(action, timer.functionName);
      const at = (result as { now?: number } | undefined)?.now;
      setOutcome({
        text:
          action === 'fire'
            ? `Fired ${timer.functionName}.`
            : action === 'pause'
              ? `Paused ${timer.functionName}: its schedule will not fire until resumed.`
              : action === 'resume'
                ? `Resumed ${timer.functionName}.`
                : `Moved the host's clock to ${at ? formatInZone(at, timer.timeZone).text : 'the next occurrence'}; ${timer.functionName} fires now.`,
      });
    } catch (e) {
      setOutcome({ text: (e as Error).message, error: true });
    }
  };

  if (timers.length === 0) return <p className="tp-muted">No timer functions in this app.</p>;
  const clockText = formatInZone(now, timers[0]!.timeZone);

  return (
    <div className="tp-timers">
      <p className="tp-clock" data-testid="host-clock">
        Host clock: <span className="tp-mono">{clockText.text}</span>{' '}
        <span className="tp-muted">{clockText.zone}</span>
        {offset && (
          <span className="tp-muted"> ({offset.replace(/^clock /, '')} ahead of the wall clock)</span>
        )}
      </p>
      <p
        className={`tp-outcome${outcome?.error ? ' tp-error' : ''}`}
        role="status"
        data-testid="timer-status"
      >
        {outcome?.text}
      </p>
      <ul className="tp-timer-list" aria-label="Timer functions">
        {timers.map((t) => (
          <TimerRow key={t.functionName} timer={t} now={now} running={running} act={act} />
        ))}
      </ul>
    </div>
  );
}

interface TimerRowProps {
  readonly timer: TimerState;
  readonly now: number;
  readonly running: boolean;
  readonly act: (action: 'fire' | 'pause' | 'resume' | 'fastForward', timer: TimerState) => Promise<void>;
}

function TimerRow({ timer: t, now, running, act }: TimerRowProps) {
  const zone = (at: number) => formatInZone(at, t.timeZone);
  const zoneKnown = zone(0).zone === t.timeZone;
  return (
    <li className="tp-timer" data-testid="timer-row" data-function={t.functionName} data-paused={t.paused}>
      <div className="tp-line">
        <span className="tp-name">{t.functionName}</span>
        <code className="tp-tag" title="Schedule (NCRONTAB: second minute hour day month day-of-week)">
          {t.schedule}
        </code>
        <span className="tp-muted" title="Time zone (WEBSITE_TIME_ZONE)">
          {t.timeZone}
          {!zoneKnown && ' (unknown here: times shown in UTC)'}
        </span>
        <span className="tp-muted" title="useMonitor: whether a schedule monitor keeps Last and Next">
          monitor {t.monitor ? 'on' : 'off'}
        </span>
        {t.paused && (
          <span className="tp-badge" data-testid="timer-paused">
            paused
          </span>
        )}
      </div>
      <div className="tp-timer-times">
        <div>
          <span className="tp-label">Next</span>
          {t.next.length === 0 ? (
            <span className="tp-muted"> none</span>
          ) : (
            <ol className="tp-next" data-testid="timer-next">
              {t.next.slice(0, 3).map((at) => (
                <li key={at}>
                  <span className="tp-mono">{zone(at).text}</span>{' '}
                  <span className="tp-muted">{formatRelative(at, now)}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
        <div>
          <span className="tp-label">Last run</span>{' '}
          {t.lastRun === undefined ? (
            <span className="tp-muted">never</span>
          ) : (
            <span data-testid="timer-last-run">
              <span className="tp-mono">{zone(t.lastRun).text}</span>{' '}
              <span className="tp-muted">{formatRelative(t.lastRun, now)}</span>
            </span>
          )}
        </div>
      </div>
      <div className="tp-actions">
        <button
          type="button"
          data-testid="timer-fire"
          disabled={!running}
          onClick={() => void act('fire', t)}
        >
          Fire now
        </button>
        <button
          type="button"
          data-testid="timer-pause"
          disabled={!running}
          onClick={() => void act(t.paused ? 'resume' : 'pause', t)}
        >
          {t.paused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          data-testid="timer-fast-forward"
          disabled={!running || t.next.length === 0}
          title="Move the host's clock to the next occurrence, which then fires"
          onClick={() => void act('fastForward', t)}
        >
          Fast-forward
        </button>
      </div>
    </li>
  );
}

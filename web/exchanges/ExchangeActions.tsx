import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Exchange } from '../../runtime/core/exchange/exchange';
import type { PlaygroundSession } from '../session/session';
import { hostAcceptsRequests } from '../stores/runtimeStore';
import { copyChoices } from './copyAs';
import { CopyAs } from './CopyAs';
import { formatClockTime, statusLabel } from './format';
import { resendPlan } from './resend';
import type { ResendPlan } from './resend';

export interface ExchangeActionsProps {
  readonly exchange: Exchange;
  readonly session: PlaygroundSession;
  /** The other exchanges this one can be compared with, newest first. */
  readonly others: readonly Exchange[];
  readonly onCompare: (otherId: string) => void;
}

/**
 * The composer lives in the triggers panel, which keeps its own tab: the edit opens its HTTP tab
 * and puts the caret in the path, as a person would go there.
 */
function showComposer(): void {
  document.querySelector<HTMLButtonElement>('[data-testid="triggers-tab-http"]')?.click();
  requestAnimationFrame(() =>
    document.querySelector<HTMLInputElement>('[data-testid="composer-path"]')?.focus(),
  );
}

async function send(session: PlaygroundSession, plan: ResendPlan): Promise<string> {
  switch (plan.kind) {
    case 'http': {
      const { status } = await session.sendRequest(plan.request);
      return `Sent again: ${status}.`;
    }
    case 'queue':
      await session.enqueue(plan.queue, plan.text);
      return `Enqueued again on '${plan.queue}'.`;
    case 'timer':
      await session.timer('fire', plan.functionName);
      return `Fired ${plan.functionName} again.`;
  }
}

/** What a person does with an exchange: send it again (as it was or edited), copy it, compare it. */
export function ExchangeActions({ exchange, session, others, onCompare }: ExchangeActionsProps) {
  const host = useStore(session.stores.runtime, (s) => s.host);
  const running = useStore(session.stores.runtime, hostAcceptsRequests);
  const choices = useMemo(
    () =>
      copyChoices(exchange, {
        ...(host?.frontDoorUrl !== undefined && { frontDoorUrl: host.frontDoorUrl }),
        ...(host?.handler.port !== undefined && { handlerPort: host.handler.port }),
      }),
    [exchange, host?.frontDoorUrl, host?.handler.port],
  );
  const resend = useMemo(() => resendPlan(exchange), [exchange]);
  const [outcome, setOutcome] = useState<string>();
  const [busy, setBusy] = useState(false);

  const again = () => {
    if (!resend.ok) return;
    setBusy(true);
    setOutcome(undefined);
    send(session, resend.plan)
      .then(setOutcome, (e: unknown) => setOutcome((e as Error).message))
      .finally(() => setBusy(false));
  };
  const edit = () => {
    if (!resend.ok) return;
    const triggers = session.stores.triggers.getState();
    if (resend.plan.kind === 'http') {
      triggers.compose(resend.plan.request);
      showComposer();
    } else if (resend.plan.kind === 'queue') {
      triggers.setQueueDraft({ queue: resend.plan.queue, text: resend.plan.text });
      triggers.setTab('queues');
      requestAnimationFrame(() =>
        document.querySelector<HTMLTextAreaElement>('[data-testid="enqueue-text"]')?.focus(),
      );
    }
  };
  const editable = resend.ok && resend.plan.kind !== 'timer';
  const why = !resend.ok ? resend.why : running ? undefined : 'The host is not running.';

  return (
    <div className="xp-actions">
      <div className="xp-curl" role="group" aria-label="Send again">
        <button type="button" onClick={again} disabled={!resend.ok || !running || busy} title={why}>
          Resend
        </button>
        {editable && (
          <button
            type="button"
            onClick={edit}
            title={
              resend.plan.kind === 'http'
                ? 'Put this request in the composer to change it, then Send'
                : 'Put this message in the enqueue form to change it, then Enqueue'
            }
          >
            Edit and resend
          </button>
        )}
        <span role="status" className="xp-muted">
          {outcome ?? (!resend.ok ? resend.why : '')}
        </span>
      </div>
      <CopyAs choices={choices} />
      {others.length > 0 && (
        <label className="xp-compare">
          <span>Compare with</span>
          <select value="" onChange={(e) => e.target.value && onCompare(e.target.value)}>
            <option value="">an exchange…</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {formatClockTime(o.startedAt)} {o.title} {statusLabel(o)}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

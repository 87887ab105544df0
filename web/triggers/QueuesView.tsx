import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useStore } from 'zustand';
import type { QueueState } from '../../runtime/core/control/protocol';
import type { PlaygroundSession } from '../session/session';
import type { TriggersStore } from '../stores/triggersStore';
import { jsonProblem, poisonBase, queueNameProblem, queueSuggestions } from './queueForm';
import { formatRelative } from './time';
import { useHostNow } from './useHostNow';

export interface QueuesViewProps {
  readonly triggers: TriggersStore;
  readonly session: PlaygroundSession;
  readonly running: boolean;
  /** Whether its tab is the one shown: the relative times tick only then. */
  readonly shown?: boolean;
}

type Outcome = { readonly text: string; readonly error?: boolean };

/** The app's queues, poison queues included: their messages, and enqueue, peek, clear, move back. */
export function QueuesView({ triggers, session, running, shown = true }: QueuesViewProps) {
  const queues = useStore(triggers, (s) => s.queues);
  const clock = useStore(triggers, (s) => s.clock);
  const now = useHostNow(clock, shown);
  const [outcome, setOutcome] = useState<Outcome>();

  const run = async (action: () => Promise<string>) => {
    setOutcome(undefined);
    try {
      setOutcome({ text: await action() });
    } catch (e) {
      setOutcome({ text: (e as Error).message, error: true });
    }
  };

  return (
    <div className="tp-queues">
      <EnqueueForm triggers={triggers} queues={queues} session={session} running={running} run={run} />
      <p
        className={`tp-outcome${outcome?.error ? ' tp-error' : ''}`}
        role="status"
        data-testid="queue-status"
      >
        {outcome?.text}
      </p>
      {queues.length === 0 ? (
        <p className="tp-muted">
          No queues yet. A queue appears when a function uses it or a message is enqueued.
        </p>
      ) : (
        <ul className="tp-queue-list" aria-label="Queues">
          {queues.map((q) => (
            <QueueRow key={q.name} queue={q} now={now} session={session} running={running} run={run} />
          ))}
        </ul>
      )}
    </div>
  );
}

interface QueueRowProps {
  readonly queue: QueueState;
  readonly now: number;
  readonly session: PlaygroundSession;
  readonly running: boolean;
  readonly run: (action: () => Promise<string>) => Promise<void>;
}

function QueueRow({ queue: q, now, session, running, run }: QueueRowProps) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [peeked, setPeeked] = useState<{ readonly state: QueueState; readonly at: number }>();
  const base = poisonBase(q.name);
  const listId = useId();
  const shown = peeked?.state ?? q;

  const peek = () =>
    run(async () => {
      const state = await session.peek(q.name);
      if (!state) return `There is no queue named '${q.name}' any more.`;
      setPeeked({ state, at: Date.now() });
      setOpen(true);
      return `Peeked ${state.messages.length} of ${state.count} messages on '${q.name}'.`;
    });
  const clear = () =>
    run(async () => {
      setConfirming(false);
      setPeeked(undefined);
      const result = (await session.clearQueue(q.name)) as { removed?: number } | undefined;
      return `Removed ${result?.removed ?? 'the'} message${result?.removed === 1 ? '' : 's'} from '${q.name}'.`;
    });
  const moveBack = (to: string) =>
    run(async () => {
      setPeeked(undefined);
      const result = (await session.movePoisonBack(to)) as { moved?: number } | undefined;
      return `Moved ${result?.moved ?? 'the'} message${result?.moved === 1 ? '' : 's'} back to '${to}' for another try.`;
    });

  return (
    <li className={`tp-queue${base ? ' tp-poison' : ''}`} data-testid="queue-row" data-queue={q.name}>
      <div className="tp-line">
        <button
          type="button"
          className="tp-disclosure"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span className="tp-mono tp-name">{q.name}</span>
        </button>
        <span className="tp-counts" data-testid="queue-counts">
          <span title="Messages on the queue">
            <strong>{q.count}</strong> {q.count === 1 ? 'message' : 'messages'}
          </span>
          <span className="tp-muted"> · {q.visible} visible</span>
          <span className="tp-muted"> · {q.inFlight} in flight</span>
        </span>
        <span className="tp-actions">
          <button type="button" data-testid="queue-peek" disabled={!running} onClick={() => void peek()}>
            Peek
          </button>
          {base && (
            <button
              type="button"
              data-testid="queue-move-back"
              disabled={!running || q.count === 0}
              title={`Move every message back to '${base}', to be tried again`}
              onClick={() => void moveBack(base)}
            >
              Move back to {base}
            </button>
          )}
          {confirming ? (
            <span className="tp-confirm" role="group" aria-label={`Clear ${q.name}?`}>
              <span>Remove {q.count === 1 ? 'the message' : `all ${q.count} messages`}?</span>{' '}
              <button
                type="button"
                className="tp-danger"
                data-testid="queue-clear-confirm"
                onClick={() => void clear()}
              >
                Clear
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              data-testid="queue-clear"
              disabled={!running || q.count === 0}
              onClick={() => setConfirming(true)}
            >
              Clear
            </button>
          )}
        </span>
      </div>
      {base && (
        <p className="tp-note">
          Messages that failed on &apos;{base}&apos; every time the host tried them end up here.
        </p>
      )}
      {open && (
        <div id={listId} className="tp-messages">
          {peeked && (
            <p className="tp-muted">
              Snapshot from Peek at {new Date(peeked.at).toLocaleTimeString()}{' '}
              <button type="button" className="tp-link" onClick={() => setPeeked(undefined)}>
                show live
              </button>
            </p>
          )}
          {shown.messages.length === 0 ? (
            <p className="tp-muted">The queue is empty.</p>
          ) : (
            <ol className="tp-message-list" aria-label={`Messages on ${q.name}`}>
              {shown.messages.map((m) => (
                <li key={m.id} data-testid="queue-message" data-visible={m.visible}>
                  <pre className="tp-code">{m.text}</pre>
                  <span className="tp-muted">
                    dequeued {m.dequeueCount}× ·{' '}
                    {m.visible ? 'visible' : `invisible, back ${formatRelative(m.nextVisibleTime, now)}`} ·
                    inserted {formatRelative(m.insertionTime, now)}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {shown.count > shown.messages.length && (
            <p className="tp-muted">
              and {shown.count - shown.messages.length} more (Peek lists up to 1000).
            </p>
          )}
        </div>
      )}
    </li>
  );
}

interface EnqueueFormProps {
  readonly triggers: TriggersStore;
  readonly queues: readonly QueueState[];
  readonly session: PlaygroundSession;
  readonly running: boolean;
  readonly run: (action: () => Promise<string>) => Promise<void>;
}

function EnqueueForm({ triggers, queues, session, running, run }: EnqueueFormProps) {
  const suggestions = queueSuggestions(queues);
  // The queue and the message live in the store: an example sets one ready, a reload keeps it.
  const draft = useStore(triggers, (s) => s.queueDraft);
  const name = draft.queue;
  const text = draft.text;
  const setName = (queue: string) =>
    triggers.getState().setQueueDraft({ ...triggers.getState().queueDraft, queue });
  const setText = (next: string) =>
    triggers.getState().setQueueDraft({ ...triggers.getState().queueDraft, text: next });
  const [touched, setTouched] = useState(false);
  const [asJson, setAsJson] = useState(false);
  const [problem, setProblem] = useState<string>();
  const ids = { list: useId(), problem: useId() };

  const firstSuggestion = suggestions.find((n) => !poisonBase(n));
  useEffect(() => {
    const current = triggers.getState().queueDraft;
    if (!touched && current.queue === '' && firstSuggestion)
      triggers.getState().setQueueDraft({ ...current, queue: firstSuggestion });
  }, [triggers, touched, name, firstSuggestion]);

  const submit = () => {
    const queue = name.trim();
    const found = queueNameProblem(queue) ?? (asJson ? jsonProblem(text) : undefined);
    setProblem(found);
    if (found || !running) return;
    void run(async () => {
      const { messageId } = await session.enqueue(queue, text);
      return `Enqueued to '${queue}' (message ${messageId}).`;
    });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  return (
    <form className="tp-enqueue" aria-label="Enqueue a message" onSubmit={onSubmit}>
      <div className="tp-line">
        <label className="tp-field tp-grow">
          <span>Queue</span>
          <input
            className="tp-mono tp-grow"
            data-testid="enqueue-queue"
            aria-label="Queue name"
            list={ids.list}
            spellCheck={false}
            value={name}
            placeholder="orders"
            aria-invalid={problem !== undefined && queueNameProblem(name.trim()) !== undefined}
            aria-describedby={problem ? ids.problem : undefined}
            onChange={(e) => {
              setTouched(true);
              setName(e.target.value);
              setProblem(undefined);
            }}
          />
        </label>
        <datalist id={ids.list}>
          {suggestions.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label className="tp-check">
          <input
            type="checkbox"
            data-testid="enqueue-json"
            checked={asJson}
            onChange={(e) => {
              setAsJson(e.target.checked);
              setProblem(undefined);
            }}
          />{' '}
          JSON
        </label>
      </div>
      <textarea
        className="tp-mono"
        data-testid="enqueue-text"
        aria-label="Message text"
        rows={3}
        spellCheck={false}
        value={text}
        placeholder={asJson ? '{"id": 1005}' : 'message text'}
        aria-invalid={problem !== undefined && asJson && jsonProblem(text) !== undefined}
        aria-describedby={problem ? ids.problem : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(undefined);
        }}
      />
      <div className="tp-line">
        <button
          type="submit"
          className="tp-primary"
          data-testid="enqueue-send"
          disabled={!running}
          title={running ? undefined : 'The host is not running yet'}
        >
          Enqueue
        </button>
        {problem && (
          <span id={ids.problem} className="tp-error" data-testid="enqueue-problem">
            {problem}
          </span>
        )}
      </div>
    </form>
  );
}

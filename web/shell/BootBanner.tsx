import { useStore } from 'zustand';
import { describeBootFailure } from '../engine/bootDiagnosis';
import { reloadKeepingWork } from '../session/reloadKeepingWork';
import type { RuntimeStore } from '../stores/runtimeStore';
import './bootBanner.css';

export interface BootBannerProps {
  readonly runtime: RuntimeStore;
  /** The WebContainer boot timeout in force, to say how long the page waited. */
  readonly bootTimeoutMs?: number;
  /** What "Open in new tab" opens: the full playground for an embed, else this page. */
  readonly newTabUrl?: () => string;
  /**
   * The address to reload at, carrying the edits (a share link): a failed boot can only be retried
   * by a reload. Without it, Reload reloads the page as it is.
   */
  readonly reloadUrl?: () => Promise<string>;
  /**
   * In an embed: the title, the first reason and the buttons on one short strip, and nothing
   * addressed to the site's owner (a docs reader cannot clone the repository or change headers).
   */
  readonly compact?: boolean;
}

/** Says why the runtime could not start, and what to do; the rest of the page keeps working. */
export function BootBanner({
  runtime,
  bootTimeoutMs,
  newTabUrl,
  reloadUrl,
  compact = false,
}: BootBannerProps) {
  const engine = useStore(runtime, (s) => s.engine);
  if (engine.phase !== 'failed') return null;
  const framed = typeof window !== 'undefined' && window.top !== window;
  const diagnosis = describeBootFailure(engine.reason, engine.message, {
    canOpenInNewTab: framed,
    ...(bootTimeoutMs !== undefined && { bootTimeoutMs }),
  });
  const can = (action: (typeof diagnosis.actions)[number]) => diagnosis.actions.includes(action);
  const paragraphs = diagnosis.detail.split('\n\n');
  return (
    <div
      className={compact ? 'boot-banner boot-banner--compact' : 'boot-banner'}
      role="alert"
      data-reason={engine.reason}
    >
      <div className="boot-banner-text">
        <strong>{diagnosis.title}</strong>
        {(compact ? paragraphs.slice(0, 1) : paragraphs).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
        {!compact && !diagnosis.detail.includes(engine.message) && (
          <p className="boot-banner-message">{engine.message}</p>
        )}
        {!compact && can('use-local-engine-docs') && (
          <p>
            To run the app on your own machine, clone the repository and run <code>npm start</code> (see its
            README).
          </p>
        )}
      </div>
      <div className="boot-banner-actions">
        <button
          type="button"
          className={can('reload') ? 'primary' : undefined}
          onClick={() => void reloadKeepingWork(reloadUrl, window.location)}
        >
          Reload
        </button>
        <button
          type="button"
          className={can('open-in-new-tab') ? 'primary' : undefined}
          onClick={() => window.open(newTabUrl?.() ?? window.location.href, '_blank', 'noopener')}
        >
          Open in new tab
        </button>
      </div>
    </div>
  );
}

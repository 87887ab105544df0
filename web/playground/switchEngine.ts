import type { EngineKind } from '../engine/engine';
import { addressWithEngine } from '../engine/engineChoices';
import type { ReloadableLocation } from '../session/reloadKeepingWork';
import { reloadKeepingWork } from '../session/reloadKeepingWork';

export interface SwitchEngineDeps {
  readonly location: ReloadableLocation;
  /** The share link for the app as it is, drafts included, on `href` (AppActions.linkCarryingWork). */
  readonly linkCarryingWork: (
    href: string,
  ) => Promise<{ ok: true; url: string } | { ok: false; reason: string }>;
  readonly confirm: (question: string) => boolean;
}

/**
 * Moves the app to another engine. An engine cannot be swapped inside a running page (the
 * WebContainer library allows one boot per page, and the session is built around one engine), so
 * the page reloads at `?engine=<kind>` with the work in a share link. When the work does not fit
 * in a link, the person is asked first: the reload would open the app as the page first had it.
 * Resolves false when they keep the page.
 */
export async function switchEngine(kind: EngineKind, deps: SwitchEngineDeps): Promise<boolean> {
  const target = addressWithEngine(deps.location.href, kind);
  const link = await deps.linkCarryingWork(target);
  if (
    !link.ok &&
    !deps.confirm(`${link.reason} Switching the engine reloads the page without your edits. Switch anyway?`)
  ) {
    return false;
  }
  await reloadKeepingWork(async () => (link.ok ? link.url : target), deps.location);
  return true;
}

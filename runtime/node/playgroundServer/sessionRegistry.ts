import { HttpError } from './httpResponses';
import { Session } from './session';

export interface SessionLimits {
  /** Sessions open at once (a tab each); the rest are refused until one closes. */
  readonly maxSessions: number;
  /**
   * A session with no output stream open and no request for this long is closed: its tab died.
   * A live page sends a heartbeat every HEARTBEAT_MS, so only a dead one falls silent.
   */
  readonly idleMs: number;
}

/** How often a page says it is alive (web/engine/localEngine.ts sends it). */
export const HEARTBEAT_MS = 15_000;

/** Three heartbeats missed; with the reaper's round, a dead tab's session is gone within a minute. */
export const DEFAULT_LIMITS: SessionLimits = { maxSessions: 8, idleMs: 3 * HEARTBEAT_MS };

/** How often idle sessions are looked for: a third of the idle limit, within 1 to 10 seconds. */
export function reapIntervalMs(idleMs: number): number {
  return Math.max(1000, Math.min(10_000, Math.floor(idleMs / 3)));
}

/** The open sessions, under one temp folder that belongs to this server run. */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  /** Every session whose close has not finished, so an exiting process can still kill its hosts. */
  private readonly live = new Set<Session>();
  private readonly reaper: NodeJS.Timeout;
  /** Creations under way count against the limit too: two at once must not both slip under it. */
  private creating = 0;

  constructor(
    private readonly root: string,
    private readonly hostBundle: string,
    private readonly limits: SessionLimits,
  ) {
    this.reaper = setInterval(() => this.reapIdle(), reapIntervalMs(limits.idleMs)).unref();
  }

  async create(): Promise<Session> {
    if (this.sessions.size + this.creating >= this.limits.maxSessions)
      throw new HttpError(
        429,
        `Too many playground sessions are open (${this.limits.maxSessions}): close another playground tab, or restart npm start.`,
      );
    this.creating++;
    let session: Session;
    try {
      session = await Session.create(this.root, this.hostBundle);
    } finally {
      this.creating--;
    }
    this.sessions.set(session.id, session);
    this.live.add(session);
    return session;
  }

  get(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new HttpError(404, 'No such session (it was closed, or the server restarted).');
    session.lastActive = Date.now();
    return session;
  }

  delete(id: string): Promise<void> {
    return this.close(this.get(id));
  }

  async closeAll(): Promise<void> {
    clearInterval(this.reaper);
    await Promise.all([...this.sessions.values()].map((s) => this.close(s)));
  }

  /** Kills every host at once, for when the process is exiting and cannot wait. */
  killAllNow(): void {
    for (const session of this.live) session.killNow();
  }

  private async close(session: Session): Promise<void> {
    this.sessions.delete(session.id);
    try {
      await session.close();
    } finally {
      this.live.delete(session);
    }
  }

  private reapIdle(): void {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      if (session.openStreams === 0 && now - session.lastActive > this.limits.idleMs) {
        void this.close(session);
      }
    }
  }
}

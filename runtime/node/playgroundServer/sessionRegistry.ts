import { HttpError } from './httpResponses';
import { Session } from './session';

export interface SessionLimits {
  /** Sessions open at once (a tab each); the rest are refused until one closes. */
  readonly maxSessions: number;
  /** A session with no output stream open and no request for this long is closed (a closed tab). */
  readonly idleMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { maxSessions: 8, idleMs: 10 * 60_000 };

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
    this.reaper = setInterval(() => this.reapIdle(), Math.min(60_000, limits.idleMs)).unref();
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

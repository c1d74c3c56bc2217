/**
 * Signed-in sessions, held in memory by the process that owns the database. A transport keeps the
 * token (an HttpOnly cookie, or the window it was signed in from); page scripts never see it.
 */
import { randomBytes } from 'node:crypto';

interface Session {
  userId: number;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => Date) {}

  open(userId: number): string {
    const token = randomBytes(32).toString('hex');
    this.sessions.set(token, { userId, lastSeen: this.now().getTime() });
    return token;
  }

  /** The user behind a token, unless the session was idle longer than `idleMinutes` (then it ends). */
  touch(token: string | null | undefined, idleMinutes: number): number | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session) return null;
    const now = this.now().getTime();
    if (now - session.lastSeen > idleMinutes * 60_000) {
      this.sessions.delete(token);
      return null;
    }
    session.lastSeen = now;
    return session.userId;
  }

  close(token: string | null | undefined): boolean {
    return token ? this.sessions.delete(token) : false;
  }

  /** Ends every session of a user (deactivated, password reset). */
  closeAllFor(userId: number): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }

  clear(): void {
    this.sessions.clear();
  }
}

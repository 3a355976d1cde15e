// API sessions (docs/intacct/gateway.md §5): bound to company, user and entity; the timeout slides on every call; idle
// sessions expire; tests can shorten the idle time or expire everything at once.
import { randomBytes } from "node:crypto";
import type { CompanyState } from "./store";

export type Session = {
  id: string;
  companyId: string;
  userId: string;
  locationId: string;
  endpoint: string;
  createdAt: number;
  lastUsed: number;
};

export class SessionStore {
  private sessions = new Map<string, Session>();

  constructor(public idleMs: number) {}

  create(company: CompanyState, userId: string, locationId: string, endpoint: string): { sessionId: string } {
    // Intacct session ids are opaque and end in ".."; clients must not parse them.
    const id = `${randomBytes(24).toString("base64url")}..`;
    const now = Date.now();
    this.sessions.set(id, {
      id,
      companyId: company.companyId,
      userId,
      locationId,
      endpoint,
      createdAt: now,
      lastUsed: now,
    });
    return { sessionId: id };
  }

  /** Looks up and slides a session; an idle one is deleted and reported as unknown. */
  touch(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = Date.now();
    if (now - session.lastUsed > this.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastUsed = now;
    return session;
  }

  /** Looks a session up without sliding it (used to route a request to its company before it runs). */
  peek(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** When the session (or a login-based call) will time out if left idle from `from`. */
  projectTimeout(from: number): Date {
    return new Date(from + this.idleMs);
  }

  expireAll(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  list(): (Session & { expiresAt: string })[] {
    return [...this.sessions.values()].map((s) => ({
      ...s,
      expiresAt: new Date(s.lastUsed + this.idleMs).toISOString(),
    }));
  }

  clear(): void {
    this.sessions.clear();
  }
}

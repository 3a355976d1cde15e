// The session lifecycle of one client: log in once per company/user/entity (getAPISession, shared by concurrent
// callers), reuse the session until shortly before it expires, slide its expiry with each reply, and replace it when
// Intacct rejects it (docs/intacct/gateway.md §5).
import type { IntacctClientSettings } from "./config";
import type { IntacctError, IntacctFailure } from "./errors";
import type { IntacctLogger } from "./logger";
import type { Redactor } from "./redact";
import type { CachedSession, SessionCache } from "./session-cache";
import { readField, type ParsedAuthentication, type ParsedResult } from "./xml-parse";

export type IntacctSessionInfo = {
  /** §5: the endpoint every later call goes to. The session id itself never leaves the client. */
  endpoint: string;
  locationId: string;
  expiresAt: Date;
};

/** What a getAPISession request answered: enough of an execute() response to read the session from. */
type LoginResponse = {
  controlId: string;
  authentication: ParsedAuthentication | undefined;
  results: (ParsedResult & { ok: boolean; error: IntacctError | undefined })[];
};

// Logins in flight, per session key: concurrent workers of one company share one getAPISession (§5).
const pendingLogins = new Map<string, Promise<CachedSession>>();

/** Treat a session as gone a little before Intacct does, so a request does not race its expiry. */
const SESSION_EXPIRY_MARGIN_MS = 30_000;

export function createSessionLifecycle(deps: {
  settings: IntacctClientSettings;
  sessions: SessionCache;
  sessionKey: string;
  redactor: Redactor;
  log: IntacctLogger;
  now: () => number;
  fail: (failure: IntacctFailure, controlId: string) => IntacctError;
  /** Sends getAPISession with the login credentials (never a session). */
  login: () => Promise<LoginResponse>;
}) {
  const { settings, sessions, sessionKey, redactor, log, now, fail } = deps;

  function toExpiry(authentication: ParsedAuthentication | undefined): number {
    // Sliding (§5): each response projects a new timeout; our own idle window caps it in case the server's is generous.
    const idle = now() + settings.sessionIdleMs;
    const server = authentication?.sessionTimeout ? Date.parse(authentication.sessionTimeout) : Number.NaN;
    return Number.isNaN(server) ? idle : Math.min(server, idle);
  }

  function slideSession(used: CachedSession, authentication: ParsedAuthentication | undefined): void {
    const current = sessions.get(sessionKey);
    if (current?.sessionId !== used.sessionId) return;
    sessions.set(sessionKey, { ...current, expiresAt: toExpiry(authentication) });
  }

  async function loginForSession(): Promise<CachedSession> {
    const response = await deps.login();
    const result = response.results[0];
    if (!result?.ok)
      throw (
        result?.error ??
        fail({ type: "incomplete", status: 200, body: "", reason: "no getAPISession result" }, response.controlId)
      );
    const api = result.data?.records[0];
    const sessionId = api ? readField(api, "sessionid") : "";
    if (!sessionId)
      throw fail(
        { type: "incomplete", status: 200, body: "", reason: "getAPISession returned no sessionid" },
        response.controlId,
      );
    redactor.addSecret(sessionId);
    const endpoint = api ? readField(api, "endpoint") : "";
    const session: CachedSession = {
      sessionId,
      endpoint: endpoint || settings.endpointUrl,
      locationId: api ? readField(api, "locationid") : "",
      expiresAt: toExpiry(response.authentication),
    };
    sessions.set(sessionKey, session);
    // "intacct…": the host app's logger may already carry its own companyId (its tenant) on every line.
    log.info(
      { intacctCompanyId: settings.companyId, intacctEntityId: settings.entityId, endpoint: session.endpoint },
      "intacct session opened",
    );
    return session;
  }

  async function resolveSession(force: boolean, stale?: CachedSession): Promise<CachedSession> {
    const cached = sessions.get(sessionKey);
    const fresh = cached !== undefined && cached.expiresAt - SESSION_EXPIRY_MARGIN_MS > now();
    if (fresh && (!force || cached.sessionId !== stale?.sessionId)) {
      // Another worker may already have replaced the stale session: use theirs instead of logging in again.
      redactor.addSecret(cached.sessionId);
      return cached;
    }
    if (cached && stale && cached.sessionId === stale.sessionId) sessions.delete(sessionKey);
    const pending = pendingLogins.get(sessionKey);
    if (pending) {
      // The login may belong to another client with its own cache (pendingLogins is process-wide): keep it in ours too.
      return pending.then((session) => {
        redactor.addSecret(session.sessionId);
        if (sessions.get(sessionKey) !== session) sessions.set(sessionKey, session);
        return session;
      });
    }
    const login = loginForSession().finally(() => pendingLogins.delete(sessionKey));
    pendingLogins.set(sessionKey, login);
    return login;
  }

  async function openSession(options: { force?: boolean } = {}): Promise<IntacctSessionInfo> {
    const session = await resolveSession(options.force ?? false, options.force ? sessions.get(sessionKey) : undefined);
    return { endpoint: session.endpoint, locationId: session.locationId, expiresAt: new Date(session.expiresAt) };
  }

  return { resolveSession, slideSession, openSession };
}

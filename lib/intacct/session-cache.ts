import { createHash } from "node:crypto";

export type CachedSession = {
  sessionId: string;
  /** §5: every call after getAPISession goes to the endpoint it returned. */
  endpoint: string;
  locationId: string;
  /** Epoch ms; slid forward by every response's <sessiontimeout> (§5: the timeout is sliding). */
  expiresAt: number;
};

export type SessionCache = {
  get: (key: string) => CachedSession | undefined;
  set: (key: string, session: CachedSession) => void;
  delete: (key: string) => void;
};

export function createMemorySessionCache(): SessionCache {
  const sessions = new Map<string, CachedSession>();
  return {
    get: (key) => sessions.get(key),
    set: (key, session) => void sessions.set(key, session),
    delete: (key) => void sessions.delete(key),
  };
}

/** The process-wide default, so server actions that build a client per request still reuse one session. */
export const sharedSessionCache: SessionCache = createMemorySessionCache();

export type SessionKeyParts = {
  endpointUrl: string;
  companyId: string;
  userId: string;
  entityId: string | undefined;
  senderId: string;
  senderPassword: string;
  userPassword: string;
};

/**
 * Cache key = endpoint + company + user + entity (the scope a session is bound to, §5) + a hash of the secrets, so
 * a client configured with a wrong password can never borrow a session someone else opened with the right one.
 */
export function toSessionKey(parts: SessionKeyParts): string {
  const secrets = createHash("sha256")
    .update(`${parts.senderId}\u0000${parts.senderPassword}\u0000${parts.userPassword}`)
    .digest("base64url");
  return [parts.endpointUrl, parts.companyId, parts.userId, parts.entityId ?? "", secrets].join("\u0000");
}

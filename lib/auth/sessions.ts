// Database sessions: the cookie carries a random 256-bit token, the database only its SHA-256, so a leaked
// table cannot be turned back into cookies. Sessions slide: used within the last half of their life, they are
// extended, so active users stay signed in and idle ones are signed out after SESSION_DAYS.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { DEFAULT_TIME_ZONE } from "@/lib/format/dates";
import type { Role } from "@/lib/generated/prisma/enums";

import { SESSION_DAYS } from "./session-cookie";

export { SESSION_COOKIE, SESSION_DAYS } from "./session-cookie";
const DAY_MS = 24 * 60 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  companyId: string;
  companyName: string;
  /**
   * The company's IANA zone, in which every time is shown (lib/format/dates.ts); "UTC" until one is set. Optional
   * so a user built by hand (a script, a test) needs none: the formatter shows UTC without one.
   */
  timeZone?: string;
};

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const session = await db.session.findUnique({ where: { id }, include: { user: { include: { company: true } } } });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (session.expiresAt.getTime() - now.getTime() < (SESSION_DAYS * DAY_MS) / 2) {
    await db.session.update({ where: { id }, data: { expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS) } });
  }
  return toSessionUser(session.user);
}

/** The signed-in shape of a user row read with its company (a session's, or a job acting for whoever started it). */
export function toSessionUser(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  companyId: string;
  company: { name: string; timeZone: string | null };
}): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    companyId: user.companyId,
    companyName: user.company.name,
    timeZone: user.company.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

/** The company of a session that exists and has not expired, else null; reads only, never extends it. */
export async function findLiveSessionCompany(db: Db, token: string, now = new Date()): Promise<string | null> {
  if (!token || token.length > 100) return null;
  const session = await db.session.findUnique({
    where: { id: hashToken(token) },
    select: { expiresAt: true, user: { select: { companyId: true } } },
  });
  return session && session.expiresAt.getTime() > now.getTime() ? session.user.companyId : null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "./password";
import { createSession, deleteSession } from "./sessions";

// Hashing a throwaway password when the email is unknown keeps the response time the same either way, so the
// login form does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function signIn(
  db: Db,
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: Date } | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return createSession(db, user.id);
}

export async function signOut(db: Db, token: string): Promise<void> {
  await deleteSession(db, token);
}

import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { REQUEST_PATH_HEADER, loginPathFor } from "./return-path";
import { hasRole } from "./roles";
import { SESSION_COOKIE, type SessionUser, validateSessionToken } from "./sessions";

// Once per request: the layout, the page and the actions it renders all share one lookup.
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return validateSessionToken(getDb(), token);
});

// The page-side twin of the action wrapper: signed in, else the login page (which comes back here after signing
// in; the proxy passes the requested path); the right role, else a 403 page.
export async function requireUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  if (roles && !hasRole(user.role, roles)) forbidden();
  return user;
}

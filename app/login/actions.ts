"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { signIn, signOut } from "@/lib/auth/sign-in";
import { clearFailedSignIns, describeWait, recordFailedSignIn, secondsUntilSignInAllowed } from "@/lib/auth/sign-in-throttle";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

const SignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter your email address")).pipe(z.string().max(200)),
  password: z.string().min(1, "Enter your password").max(200),
});

export const signInAction = publicAction
  .metadata({ name: "sign-in", roles: ["ADMIN", "PROJECT_MANAGER", "VIEWER"] })
  .inputSchema(SignInInput)
  .action(async ({ parsedInput }) => {
    const db = getDb();
    const { email, password } = parsedInput;
    const ip = clientAddress(await headers());
    const paused = await secondsUntilSignInAllowed(db, email, ip);
    if (paused > 0) throw signInPaused(paused, "sign-in paused: the password was not checked");
    const session = await signIn(db, email, password);
    if (!session) {
      const pausedNow = await recordFailedSignIn(db, email, ip);
      if (pausedNow > 0) throw signInPaused(pausedNow, "sign-in paused by this failure", "That email and password don't match an account. ");
      throw new AppError("UNAUTHENTICATED", "That email and password don't match an account. Check both and try again.");
    }
    await clearFailedSignIns(db, email, ip);
    (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    return { ok: true };
  });

function signInPaused(seconds: number, internalMessage: string, lead = ""): AppError {
  return new AppError("RATE_LIMITED", `${lead}Too many failed sign-ins for this email: try again in ${describeWait(seconds)}.`, { internalMessage });
}

// The address of the nearest hop: Next sets x-forwarded-for to the socket's address when the request has none,
// and a reverse proxy appends the client it saw. The rightmost entry is the one no client can choose (behind one
// proxy); the per-email counter does not depend on it at all.
function clientAddress(requestHeaders: Headers): string {
  const forwarded = requestHeaders.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || requestHeaders.get("x-real-ip") || "unknown";
}

export async function signOutAction(): Promise<void> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  if (token) await signOut(getDb(), token);
  store.delete(SESSION_COOKIE);
  redirect("/login");
}

"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { signIn, signOut } from "@/lib/auth/sign-in";
import {
  describeWait,
  readClientAddress,
  reserveSignInAttempt,
  settleSignInAttempt,
} from "@/lib/auth/sign-in-throttle";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

const ZSignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter your email address")).pipe(z.string().max(200)),
  password: z.string().min(1, "Enter your password").max(200),
});

export const signInAction = publicAction
  .metadata({ name: "sign-in", roles: ["ADMIN", "PROJECT_MANAGER", "VIEWER"] })
  .inputSchema(ZSignInInput)
  .action(async ({ parsedInput }) => {
    const db = getDb();
    const { email, password } = parsedInput;
    const attempt = { email, address: readClientAddress((await headers()).get("x-forwarded-for"), trustedProxyHops()) };
    const reservation = await reserveSignInAttempt(db, attempt);
    if (!reservation.allowed)
      throw signInPaused(reservation.waitSeconds, reservation.scope, "sign-in paused: the password was not checked");
    const session = await signIn(db, email, password);
    const pausedFor = await settleSignInAttempt(db, attempt, reservation, session !== null);
    if (!session) {
      if (pausedFor > 0)
        throw signInPaused(
          pausedFor,
          "email",
          "sign-in paused by this failure",
          "That email and password don't match an account. ",
        );
      throw new AppError(
        "UNAUTHENTICATED",
        "That email and password don't match an account. Check both and try again.",
      );
    }
    (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    return { ok: true };
  });

function signInPaused(seconds: number, scope: "email" | "address", internalMessage: string, lead = ""): AppError {
  const who = scope === "email" ? "for this email" : "from your network";
  return new AppError(
    "RATE_LIMITED",
    `${lead}Too many failed sign-ins ${who}: try again in ${describeWait(seconds)}.`,
    { internalMessage },
  );
}

// How many proxies in front of the app append the client's address to X-Forwarded-For (see .env.example).
function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

export async function signOutAction(): Promise<void> {
  const store = await cookies();
  const token = store.get(SESSION_COOKIE)?.value;
  if (token) await signOut(getDb(), token);
  store.delete(SESSION_COOKIE);
  redirect("/login");
}

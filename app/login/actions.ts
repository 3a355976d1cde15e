"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { ANY_ROLE } from "@/lib/auth/roles";
import { DEVICE_COOKIE, deviceCookieOptions, issueDeviceCookie, readDeviceCookie } from "@/lib/auth/device-cookie";
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
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter your email address"))
    .pipe(z.string().max(200, "An email address has at most 200 characters")),
  password: z.string().min(1, "Enter your password").max(200, "A password has at most 200 characters"),
});

export const signInAction = publicAction
  .metadata({ name: "sign-in", roles: ANY_ROLE })
  .inputSchema(ZSignInInput)
  .action(async ({ parsedInput }) => {
    const db = getDb();
    const { email, password } = parsedInput;
    const cookieStore = await cookies();
    const attempt = {
      email,
      address: readClientAddress((await headers()).get("x-forwarded-for"), trustedProxyHops()),
      // A browser that signed in to this account before keeps its own counter (lib/auth/device-cookie.ts).
      device: readDeviceCookie(cookieStore.get(DEVICE_COOKIE)?.value, email),
    };
    const reservation = await reserveSignInAttempt(db, attempt);
    if (!reservation.allowed)
      throw signInPaused(reservation.waitSeconds, reservation.scope, "sign-in paused: the password was not checked");
    const session = await signIn(db, email, password);
    const pausedFor = await settleSignInAttempt(db, attempt, reservation, session !== null);
    if (!session) {
      if (pausedFor > 0)
        throw signInPaused(
          pausedFor,
          attempt.device ? "device" : "email",
          "sign-in paused by this failure",
          "That email and password don't match an account. ",
        );
      throw new AppError(
        "UNAUTHENTICATED",
        "That email and password don't match an account. Check both and try again.",
      );
    }
    cookieStore.set(SESSION_COOKIE, session.token, sessionCookieOptions(session.expiresAt));
    if (!attempt.device) cookieStore.set(DEVICE_COOKIE, issueDeviceCookie(email), deviceCookieOptions());
    return { ok: true };
  });

const PAUSED_WHO = { email: "for this email", address: "from your network", device: "in this browser" } as const;

function signInPaused(seconds: number, scope: keyof typeof PAUSED_WHO, internalMessage: string, lead = ""): AppError {
  const who = PAUSED_WHO[scope];
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

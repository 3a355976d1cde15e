// Slows password guessing on the sign-in form (rate-limiter-flexible over Postgres, through Prisma). Every attempt
// is counted BEFORE its password is checked, so guesses sent at once cannot all slip through before the first is
// counted; a successful sign-in gives its attempt back.
// A browser that has signed in to the account before (a valid device cookie, lib/auth/device-cookie.ts) is counted
// on its own counter only, so strangers' failures never pause it (OWASP's device cookies). Any other browser is
// counted on three counters, because each closes a hole the others leave:
// - short (email, or email + address): someone guessing one account; cleared by a successful sign-in;
// - email: the same account guessed from many addresses;
// - address: one place trying many accounts (credential stuffing).
// The client's address is only known behind a trusted proxy (TRUSTED_PROXY_HOPS): without one, a client chooses
// its own X-Forwarded-For, so the address counter is off and the short counter is per email.
import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/lib/db/client";

/** Password checks each counter allows within its window; past that, sign-in pauses for the window. */
export const SIGN_IN_ATTEMPTS_ALLOWED = { short: 10, email: 50, address: 200, device: 10 } as const;

const MINUTE = 60;
type Scope = "email" | "address" | "device";
type Counter = {
  limiter: RateLimiterPrisma;
  scope: Scope;
  keyOf: (attempt: SignInAttempt) => string | undefined;
};

function createCounters(db: Db): Counter[] {
  // The pause equals the window: a shorter one would restart the window when it ends (the store rewrites the
  // row's expiry when it blocks), letting the full allowance through again early.
  const counter = (
    keyPrefix: string,
    points: number,
    minutes: number,
    scope: Scope,
    keyOf: Counter["keyOf"],
  ): Counter => ({
    limiter: new RateLimiterPrisma({
      storeClient: db,
      tableName: "loginThrottle",
      keyPrefix,
      points,
      duration: minutes * MINUTE,
      blockDuration: minutes * MINUTE,
    }),
    scope,
    keyOf,
  });
  return [
    counter("short", SIGN_IN_ATTEMPTS_ALLOWED.short, 15, "email", ({ email, address, device }) =>
      device ? undefined : address ? `${email}|${address}` : email,
    ),
    counter("email", SIGN_IN_ATTEMPTS_ALLOWED.email, 60, "email", ({ email, device }) => (device ? undefined : email)),
    counter("address", SIGN_IN_ATTEMPTS_ALLOWED.address, 60, "address", ({ address, device }) =>
      device ? undefined : address,
    ),
    // The device id is random and bound to the email by the cookie's signature: one counter per browser + account.
    counter("device", SIGN_IN_ATTEMPTS_ALLOWED.device, 15, "device", ({ device }) => device),
  ];
}

// One set per database client: the limiters hold no connection of their own, only a cleanup timer.
const countersByDb = new WeakMap<Db, Counter[]>();
function countersFor(db: Db): Counter[] {
  let counters = countersByDb.get(db);
  if (!counters) countersByDb.set(db, (counters = createCounters(db)));
  return counters;
}

/** `device`: the id from a valid device cookie for this email (a browser that signed in to it before). */
export type SignInAttempt = { email: string; address: string | undefined; device?: string };
export type SignInReservation =
  { allowed: true; lastAttempt: boolean; counted: Counter[] } | { allowed: false; waitSeconds: number; scope: Scope };

/** Counts an attempt before its password is checked. Refused: how long to wait, and which counter refused. */
export async function reserveSignInAttempt(db: Db, attempt: SignInAttempt): Promise<SignInReservation> {
  const counted: Counter[] = [];
  let refused: { waitMs: number; scope: Scope } | undefined;
  let lastAttempt = false;
  // The counters are independent rows: count on all of them at once (each consume is two queries).
  const applicable = countersFor(db).filter((counter) => counter.keyOf(attempt) !== undefined);
  const outcomes = await Promise.allSettled(
    applicable.map((counter) => counter.limiter.consume(counter.keyOf(attempt) as string)),
  );
  outcomes.forEach((outcome, index) => {
    const counter = applicable[index] as Counter;
    if (outcome.status === "fulfilled") {
      counted.push(counter);
      if (outcome.value.remainingPoints === 0) lastAttempt = true;
      return;
    }
    // consume() rejects with a RateLimiterRes when the points are used up, with an Error if the store fails.
    const rejection: unknown = outcome.reason;
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    if (!refused || rejection.msBeforeNext > refused.waitMs)
      refused = { waitMs: rejection.msBeforeNext, scope: counter.scope };
  });
  if (!refused) return { allowed: true, lastAttempt, counted };
  // A refused attempt checked no password: the counters that took it give it back.
  await Promise.all(counted.map((counter) => counter.limiter.reward(counter.keyOf(attempt) as string, 1)));
  return { allowed: false, waitSeconds: Math.ceil(refused.waitMs / 1000), scope: refused.scope };
}

/**
 * After the password check. A success gives the attempt back and clears the short counter, so someone who
 * mistypes now and then is never paused. A failure that used the last attempt pauses sign-in now; returns the
 * seconds of that pause (0 when attempts remain).
 */
export async function settleSignInAttempt(
  db: Db,
  attempt: SignInAttempt,
  reservation: Extract<SignInReservation, { allowed: true }>,
  succeeded: boolean,
): Promise<number> {
  const keyOf = (counter: Counter) => counter.keyOf(attempt) as string;
  if (succeeded) {
    await Promise.all(
      reservation.counted.map((counter) =>
        counter.limiter.keyPrefix === "short" || counter.limiter.keyPrefix === "device"
          ? counter.limiter.delete(keyOf(counter))
          : counter.limiter.reward(keyOf(counter), 1),
      ),
    );
    return 0;
  }
  if (!reservation.lastAttempt) return 0;
  let pauseSeconds = 0;
  for (const counter of reservation.counted) {
    const state = await counter.limiter.get(keyOf(counter));
    if (!state || state.remainingPoints > 0) continue;
    await counter.limiter.block(keyOf(counter), counter.limiter.blockDuration);
    pauseSeconds = Math.max(pauseSeconds, counter.limiter.blockDuration);
  }
  return pauseSeconds;
}

/** "15 minutes", "1 minute", "30 seconds": for the message that says when to try again. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  if (seconds >= 60) return "1 minute";
  return `${Math.max(seconds, 1)} seconds`;
}

/**
 * The client's address, when a trusted proxy in front of the app reports it: each of `trustedHops` proxies
 * appends the address it saw to X-Forwarded-For, so the entry that many places from the end was written by the
 * outermost trusted proxy. Anything left of it came from the client. Without trusted proxies: unknown.
 */
export function readClientAddress(forwardedFor: string | null, trustedHops: number): string | undefined {
  if (!forwardedFor || trustedHops < 1) return undefined;
  const hops = forwardedFor.split(",").map((entry) => entry.trim());
  return hops.at(-trustedHops) || undefined;
}

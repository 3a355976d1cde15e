// Slows password guessing on the sign-in form (rate-limiter-flexible over Postgres, through Prisma). Only failed
// sign-ins count, so people who type their password right are never slowed. Three counters, because each closes
// a hole the others leave:
// - email + IP: one person (or script) guessing one account from one place; cleared by a successful sign-in;
// - email: the same account guessed from many places (or a spoofed X-Forwarded-For);
// - IP: one place trying many accounts (credential stuffing).
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/lib/db/client";

type Counter = { limiter: RateLimiterPrisma; keyOf: (email: string, ip: string) => string };

const MINUTE = 60;

/** The failures each counter allows within its window; the next one pauses sign-in for the block duration. */
export const SIGN_IN_FAILURES_ALLOWED = { emailAndIp: 10, email: 50, ip: 200 } as const;

function createCounters(db: Db): Counter[] {
  // A limiter refuses the consume that goes past `points`, so `points` is one less than the failures that pause.
  const counter = (keyPrefix: string, failures: number, duration: number, blockDuration: number, keyOf: Counter["keyOf"]): Counter => ({
    limiter: new RateLimiterPrisma({ storeClient: db, tableName: "loginThrottle", keyPrefix, points: failures - 1, duration, blockDuration }),
    keyOf,
  });
  return [
    counter("email+ip", SIGN_IN_FAILURES_ALLOWED.emailAndIp, 15 * MINUTE, 15 * MINUTE, (email, ip) => `${email}|${ip}`),
    counter("email", SIGN_IN_FAILURES_ALLOWED.email, 60 * MINUTE, 15 * MINUTE, (email) => email),
    counter("ip", SIGN_IN_FAILURES_ALLOWED.ip, 60 * MINUTE, 60 * MINUTE, (_, ip) => ip),
  ];
}

// One set per database client: the limiters hold no connection of their own, only a cleanup timer.
const countersByDb = new WeakMap<Db, Counter[]>();
function countersFor(db: Db): Counter[] {
  let counters = countersByDb.get(db);
  if (!counters) countersByDb.set(db, (counters = createCounters(db)));
  return counters;
}

/** Seconds until sign-in may be tried again for this email from this IP; 0 when it may be tried now. */
export async function secondsUntilSignInAllowed(db: Db, email: string, ip: string): Promise<number> {
  let waitMs = 0;
  for (const { limiter, keyOf } of countersFor(db)) {
    const state = await limiter.get(keyOf(email, ip));
    if (state && state.consumedPoints > limiter.points) waitMs = Math.max(waitMs, state.msBeforeNext);
  }
  return Math.ceil(waitMs / 1000);
}

/** Counts a failed sign-in; returns the seconds sign-in is now paused for (0 while attempts remain). */
export async function recordFailedSignIn(db: Db, email: string, ip: string): Promise<number> {
  let waitMs = 0;
  for (const { limiter, keyOf } of countersFor(db)) {
    try {
      await limiter.consume(keyOf(email, ip));
    } catch (rejection) {
      // consume() rejects with a RateLimiterRes once the points are used up (and with an Error if the store fails).
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      waitMs = Math.max(waitMs, rejection.msBeforeNext);
    }
  }
  return Math.ceil(waitMs / 1000);
}

/** A successful sign-in clears this email's count from this IP (not the email's or the IP's overall counts). */
export async function clearFailedSignIns(db: Db, email: string, ip: string): Promise<void> {
  const [emailAndIp] = countersFor(db);
  if (emailAndIp) await emailAndIp.limiter.delete(emailAndIp.keyOf(email, ip));
}

/** "15 minutes", "1 minute", "30 seconds": for the message that says when to try again. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minutes`;
  }
  if (seconds >= 60) return "1 minute";
  return `${Math.max(seconds, 1)} seconds`;
}

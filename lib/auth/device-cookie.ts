// OWASP's "device cookie" against account lock-out: a browser that has signed in to an account before gets a
// signed cookie naming that account. Its failed attempts count on its own counter, and the pause that strangers'
// guesses put on the email does not apply to it, so nobody can keep a user out of their own account by
// mistyping their password from elsewhere (lib/auth/sign-in-throttle.ts). The cookie carries no authority beyond
// that; sign-in still checks the password.
import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { ENCRYPTION_KEY_ENV, parseEncryptionKey } from "@/lib/crypto/secrets";

export const DEVICE_COOKIE = "ib_device";
export const DEVICE_COOKIE_DAYS = 180;

// Derived from the app's key, so no second secret to manage; HKDF keeps the two uses apart. Without a key
// (development; production refuses to start without one) a per-process key: devices are forgotten on restart.
let fallbackKey: Buffer | undefined;
function signingKey(): Buffer {
  const configured = process.env[ENCRYPTION_KEY_ENV];
  const base = configured ? parseEncryptionKey(configured) : (fallbackKey ??= randomBytes(32));
  return Buffer.from(hkdfSync("sha256", base, Buffer.alloc(0), "ib-device-cookie-v1", 32));
}

function sign(email: string, deviceId: string): string {
  return createHmac("sha256", signingKey()).update(`${email.toLowerCase()}|${deviceId}`).digest("base64url");
}

/** A new cookie value for a browser that just signed in to this account. */
export function issueDeviceCookie(email: string): string {
  const deviceId = randomBytes(16).toString("base64url");
  return `${deviceId}.${sign(email, deviceId)}`;
}

/** The device's id when the cookie is ours and was issued for this email; undefined otherwise. */
export function readDeviceCookie(value: string | undefined, email: string): string | undefined {
  if (!value || value.length > 200) return undefined;
  const [deviceId, signature, extra] = value.split(".");
  if (!deviceId || !signature || extra !== undefined || !/^[\w-]{22}$/.test(deviceId)) return undefined;
  const expected = Buffer.from(sign(email, deviceId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? deviceId : undefined;
}

export function deviceCookieOptions(now = Date.now()) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
    path: "/",
    expires: new Date(now + DEVICE_COOKIE_DAYS * 86_400_000),
  };
}

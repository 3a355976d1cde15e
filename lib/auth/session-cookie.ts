// The session cookie's name and attributes, in one place for sign-in, sign-out and the proxy that slides it.
export const SESSION_COOKIE = "ib_session";
export const SESSION_DAYS = 14;

export function sessionCookieOptions(expires: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
    path: "/",
    expires,
  };
}

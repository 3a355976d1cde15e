// Slides the session cookie on page loads: the database session is extended while it is used
// (lib/auth/sessions.ts), and the browser's cookie must not expire before it. The cookie carries no authority of
// its own; every request still validates it against the database.
import { type NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIE, SESSION_DAYS, sessionCookieOptions } from "@/lib/auth/session-cookie";

export function proxy(request: NextRequest): NextResponse {
  const response = NextResponse.next();
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (request.method !== "GET" || !token) return response;
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(new Date(Date.now() + SESSION_DAYS * 86_400_000)));
  return response;
}

export const config = {
  // Pages only: not static assets, images or the favicon.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

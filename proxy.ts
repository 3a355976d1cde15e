// Runs before every page. It passes the requested path on (for the login redirect), and slides the session cookie
// on page loads: the database session is extended while it is used (lib/auth/sessions.ts), and the browser's
// cookie must not expire before it. The cookie carries no authority of its own; every request still validates it
// against the database.
import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/return-path";
import { SESSION_COOKIE, SESSION_DAYS, sessionCookieOptions } from "@/lib/auth/session-cookie";

// A path with a malformed percent-escape (/projects/%E0%A4%A) names nothing, but Next's decoding of a dynamic
// segment throws on it and answers a bare "Internal Server Error". Answer the not-found page instead.
function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest): NextResponse {
  if (!isDecodable(request.nextUrl.pathname))
    return NextResponse.rewrite(new URL("/not-found", request.url), { status: 404 });
  // Pages cannot see their own URL; the login redirect needs it to come back after signing in.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (request.method !== "GET" || !token) return response;
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(new Date(Date.now() + SESSION_DAYS * 86_400_000)));
  return response;
}

export const config = {
  // Pages only: not static assets, images or the favicon.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

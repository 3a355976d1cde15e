// Runs before every page and action request (Next 16's middleware, in the Node.js runtime).
// - Passes the requested path on (for the login redirect).
// - Sets the security headers, with a fresh CSP nonce that Next puts on its own scripts (lib/http).
// - Refuses server-action requests that Next's handler would answer with a bare 500: another site's post (403),
//   a body over the limit (413), one that is not the encoding React sends (400); logged to the app's log.
// - Answers 404 for another company's records named in the URL, before Next streams a 200 (route-records.ts).
// - Slides the session cookie on page loads, for a session that exists: the database session is extended while
//   it is used (lib/auth/sessions.ts), and the browser's cookie must not expire before it. The cookie carries no
//   authority of its own; every request still validates it against the database.
import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/return-path";
import { SESSION_COOKIE, SESSION_DAYS, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { ownsRouteRecords } from "@/lib/auth/route-records";
import { findLiveSessionCompany } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db/client";
import { actionRefusalBody, checkActionRequest, type ActionRefusal } from "@/lib/http/action-request";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";

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

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  for (const [name, value] of staticSecurityHeaders()) response.headers.set(name, value);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function refuseAction(request: NextRequest, refusal: ActionRefusal): NextResponse {
  logger.warn(
    {
      path: request.nextUrl.pathname,
      action: request.headers.get("next-action")?.slice(0, 64),
      status: refusal.status,
      reason: refusal.reason,
      contentLength: request.headers.get("content-length"),
      origin: request.headers.get("origin")?.slice(0, 200),
    },
    "action request refused",
  );
  return new NextResponse(actionRefusalBody(refusal), {
    status: refusal.status,
    headers: { "content-type": "text/x-component" },
  });
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce);
  // Pages cannot see their own URL; the login redirect needs it to come back after signing in. The nonce goes
  // to Next in the request's CSP header, which it reads while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", csp);
  const notFound = () =>
    withSecurityHeaders(
      NextResponse.rewrite(new URL("/not-found", request.url), { status: 404, request: { headers: requestHeaders } }),
      csp,
    );
  if (!isDecodable(request.nextUrl.pathname)) return notFound();
  const refusal = await checkActionRequest({
    method: request.method,
    headers: request.headers,
    body: () => request.clone().arrayBuffer(),
  });
  if (refusal) return withSecurityHeaders(refuseAction(request, refusal), csp);
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const companyId = request.method === "GET" && token ? await findLiveSessionCompany(getDb(), token) : null;
  // Another company's project, item or catalog record: 404 before anything renders (lib/auth/route-records.ts).
  if (companyId && !(await ownsRouteRecords(getDb(), companyId, request.nextUrl.pathname))) return notFound();
  const response = withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
  // Any value can arrive in the cookie; only one naming a live session earns a fresh expiry.
  if (!companyId || !token) return response;
  response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(new Date(Date.now() + SESSION_DAYS * 86_400_000)));
  return response;
}

export const config = {
  // Pages and actions only: not static assets, images or the favicon (next.config.js gives those their headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

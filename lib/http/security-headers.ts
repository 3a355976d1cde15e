// The security headers of every response, in one place: the proxy sets them on pages and its own answers,
// next.config.js on the static files the proxy does not run for. ARCHITECTURE.md lists them and why.

/** Production over HTTPS: what the session cookie's Secure flag also follows. */
export function isSecureDeployment(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production" && env.INSECURE_COOKIES !== "true";
}

/** Headers that do not change per request. */
export function staticSecurityHeaders(env: NodeJS.ProcessEnv = process.env): [string, string][] {
  const headers: [string, string][] = [
    // Older browsers that ignore CSP's frame-ancestors: no other site may frame any page (clickjacking).
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    // Other sites see our origin, never a path (paths carry ids and search terms).
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  // Only where the app is served over HTTPS: a browser remembers it for the whole host for a year.
  if (isSecureDeployment(env)) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}

/** A fresh nonce per response: Next adds it to its own scripts when it finds it in the request's CSP. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Scripts only from this app, each carrying the response's nonce ('strict-dynamic' lets Next's loader add its
 * chunks); nothing else may frame, post forms to or load plugins into our pages. Styles allow inline: React
 * renders style attributes and an injected style can neither run code nor read anything.
 */
export function contentSecurityPolicy(nonce: string, env: NodeJS.ProcessEnv = process.env): string {
  const development = env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Where to go after signing in: the page a signed-out visitor asked for. Only a path of this app is accepted, never
// another site ("//evil.example", "/\\evil.example", "https://…") nor the login page itself.
export const REQUEST_PATH_HEADER = "x-request-path";
const DEFAULT_PATH = "/projects";
// Beyond this a return address is not worth a URL that may outgrow the server's header limit.
const MAX_LENGTH = 2000;
const BASE = "http://app.invalid";
// A path of this app: one slash, then no second slash or backslash (which browsers read as another host).
const LOCAL_PATH = /^\/(?![/\\])[^\s\\]*$/;

export function safeNextPath(value: string | string[] | undefined | null): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (!first || first.length > MAX_LENGTH || !LOCAL_PATH.test(first)) return DEFAULT_PATH;
  // Rebuilt by the URL parser: percent-encoded ASCII only, so it is safe in a Location header whatever the
  // visitor typed (non-ASCII, %00); and it must still be on this origin.
  const url = new URL(first, BASE);
  if (url.origin !== BASE || /^\/login(?:\/|$)/.test(url.pathname)) return DEFAULT_PATH;
  const path = url.pathname + url.search;
  // Checked again after the parser rebuilt it: dot segments collapse ("/.//evil.example", "/a/..//x"), and what
  // they leave behind ("//evil.example") would be another site in a Location header.
  return path.length > MAX_LENGTH || !LOCAL_PATH.test(path) ? DEFAULT_PATH : path;
}

export function loginPathFor(requestedPath: string | null | undefined): string {
  const next = safeNextPath(requestedPath);
  return next === DEFAULT_PATH ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

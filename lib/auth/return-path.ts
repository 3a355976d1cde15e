// Where to go after signing in: the page a signed-out visitor asked for. Only a path of this app is accepted, never
// another site ("//evil.example", "/\evil.example", "https://…") nor the login page itself.
export const REQUEST_PATH_HEADER = "x-request-path";
const DEFAULT_PATH = "/projects";

export function safeNextPath(value: string | string[] | undefined | null): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (!first || !/^\/(?![/\\])[^\s\\]*$/.test(first) || /^\/login(?:[/?#]|$)/.test(first)) return DEFAULT_PATH;
  return first;
}

export function loginPathFor(requestedPath: string | null | undefined): string {
  const next = safeNextPath(requestedPath);
  return next === DEFAULT_PATH ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

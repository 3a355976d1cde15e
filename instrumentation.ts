import type { Instrumentation } from "next";

// Runs once when the server starts. In production the app refuses to start without an encryption key, rather
// than failing later when an admin saves Sage Intacct credentials.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV !== "production") return;
  const { getEncryptionKey } = await import("./lib/crypto/secrets");
  getEncryptionKey();
}

// Errors Next handles itself (a render or an action that threw, a body it could not decode) reach only stderr;
// the app's log (JSON lines, `.data/app.log` in the demo) must have them too.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/logger");
  const digest = typeof error === "object" && error !== null && "digest" in error ? error.digest : undefined;
  logger.error(
    {
      err: error,
      digest,
      method: request.method,
      path: request.path,
      route: context.routePath,
      kind: context.routeType,
    },
    "request failed",
  );
};

// Runs once when the server starts. In production the app refuses to start without an encryption key, rather
// than failing later when an admin saves Sage Intacct credentials.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV !== "production") return;
  const { getEncryptionKey } = await import("./lib/crypto/secrets");
  getEncryptionKey();
}

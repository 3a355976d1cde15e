// Where the app's database is: DATABASE_URL when set (any external PostgreSQL), else the embedded server
// under .data/postgres that `npm run demo` starts.
import path from "node:path";
import { startEmbeddedDb, type EmbeddedDb } from "./lib/embedded-db";

export const root = path.resolve(import.meta.dirname, "..");
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

export async function resolveDatabase(database = "ingenious"): Promise<{ url: string; embedded: EmbeddedDb | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedDb({
    dataDir: path.join(root, ".data/postgres"),
    port: EMBEDDED_PORT,
    database,
    persistent: true,
  });
  return { url: embedded.url, embedded };
}

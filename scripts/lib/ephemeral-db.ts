// A throwaway PostgreSQL for one test run: DATABASE_URL's server when set (CI points it at Debian's
// PostgreSQL 15), else an embedded server in a temporary folder on a free port, deleted when stopped.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedDb } from "./embedded-db";
import { findFreePort } from "./free-port";

export type EphemeralServer = { adminUrl: string; dataDir: string | null; stop: () => Promise<void> };

export async function startEphemeralServer(): Promise<EphemeralServer> {
  const external = process.env.DATABASE_URL;
  if (external) return { adminUrl: external, dataDir: null, stop: async () => {} };
  const dataDir = mkdtempSync(path.join(tmpdir(), "ib-pg-"));
  const db = await startEmbeddedDb({ dataDir, port: await findFreePort(), database: "postgres", persistent: false });
  return {
    adminUrl: db.adminUrl,
    dataDir,
    stop: async () => {
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

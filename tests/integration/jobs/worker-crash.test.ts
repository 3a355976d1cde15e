// Crash safety: a worker process killed with SIGKILL while it is sending loses nothing. Its jobs run again once
// their lease expires, on another worker; the claim, the control ids and reconcile-before-resend keep every
// document single in the mock Intacct.
import path from "node:path";
import { spawn } from "node:child_process";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeIntacctConnections } from "@/lib/intacct";
import { listReadyCandidateIds } from "@/lib/sync/candidates";
import { startBoss } from "@/lib/jobs/queue";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { readSyncRun, startSyncRun } from "@/lib/sync/runs";
import { setUpConnectedDemo, type ConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

const root = path.resolve(import.meta.dirname, "../../..");
let t: TestDb;
let demo: ConnectedDemo;
let web: PgBoss;
let survivor: Worker | undefined;

beforeAll(async () => {
  process.env.SYNC_JOB_LEASE_SECONDS = "4";
  process.env.JOB_MAINTENANCE_SECONDS = "1";
  process.env.SYNC_BACKOFF_BASE_MS = "500";
  process.env.SYNC_MAX_ATTEMPTS = "12";
  t = await createTestDb();
  demo = await setUpConnectedDemo(t.db);
  web = await startBoss(t.url, "web");
}, 60_000);
afterAll(async () => {
  await survivor?.stop({ graceful: false });
  await web?.stop({ graceful: false });
  await demo?.mock.close();
  await closeIntacctConnections();
  await t?.drop();
});

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a worker killed mid-run", () => {
  it("loses nothing and duplicates nothing: the jobs run again on another worker after the lease", async () => {
    const items = await listReadyCandidateIds(t.db, demo.companyId, { itemType: "CONTRACT" }, 3);
    expect(items.length).toBeGreaterThanOrEqual(2);
    // Slow answers, so the kill lands while requests are in flight.
    demo.mock.setFaults({ latencyMs: 800 });
    const { runId } = await startSyncRun(t.db, demo.pm, { items, label: "Crash test" }, { enqueue: enqueueWith(web) });

    // Node itself with tsx's loader, not the tsx launcher: its child would outlive a SIGKILL of the launcher.
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/worker.ts")],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "error" },
        stdio: "ignore",
      },
    );
    await waitFor(
      async () => ((await t.db.syncRunItem.count({ where: { runId, status: "SENDING" } })) > 0 ? true : undefined),
      30_000,
      "the worker to start sending",
    );
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    demo.mock.setFaults({ latencyMs: 0 });
    survivor = await startWorker({ db: t.db, connectionString: t.url });
    const view = await waitFor(
      async () => {
        const current = await readSyncRun(t.db, demo.companyId, runId);
        return current.run.status === "DONE" ? current : undefined;
      },
      90_000,
      "the run to finish on the surviving worker",
    );
    expect(view.counts.SYNCED).toBe(items.length);
    const numbers = await t.db.contract.findMany({ where: { id: { in: items.map((i) => i.itemId) } } });
    const documents = demo.mock.listDocuments().filter((d) => numbers.some((n) => n.number === d.DOCNO));
    expect(documents).toHaveLength(items.length);
  }, 150_000);
});

// The sync soak (npm run soak:sync; a small configuration runs in the vitest suite): approved items of all five
// types sent by durable jobs against the mock Intacct injecting faults on about 20% of requests (5xx, 429,
// 524 after commit, resets after commit, an expired session), a worker process SIGKILLed mid-run, two
// in-process workers besides, and 50 concurrent Sync clicks on one item. Pass: exactly one Intacct document per
// item, none lost, every item synced, and one document for the item clicked 50 times.
// Prints a table and, last, one JSON line.
import path from "node:path";
import { spawn } from "node:child_process";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveBudgetChange } from "@/lib/financials/budget-changes";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { saveInvoice } from "@/lib/financials/invoices";
import { closeIntacctConnections } from "@/lib/intacct";
import { startBoss } from "@/lib/jobs/queue";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { listReadyCandidateIds } from "@/lib/sync/candidates";
import { readSyncRun, requestItemSync, startSyncRun } from "@/lib/sync/runs";
import { buildContract, type TestCompany } from "../../helpers/builders";
import { setUpConnectedDemo, type ConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

const FULL = process.env.SOAK_FULL === "1";
const CONTRACTS = FULL ? 300 : 28; // each with a change and an invoice
const BUDGET_CHANGES = FULL ? 90 : 10;
const CLICKS = 50;
const root = path.resolve(import.meta.dirname, "../../..");

let t: TestDb;
let demo: ConnectedDemo;
let web: PgBoss;
let web2: PgBoss;
const workers: Worker[] = [];

beforeAll(async () => {
  process.env.SYNC_JOB_LEASE_SECONDS = "5";
  process.env.JOB_MAINTENANCE_SECONDS = "1";
  process.env.SYNC_BACKOFF_BASE_MS = "300";
  process.env.SYNC_MAX_ATTEMPTS = "15";
  t = await createTestDb();
  // Request slots are held in this database, shared by the worker process and this one.
  process.env.DATABASE_URL = t.url;
  demo = await setUpConnectedDemo(t.db);
  web = await startBoss(t.url, "web");
  web2 = await startBoss(t.url, "web");
}, 120_000);
afterAll(async () => {
  for (const worker of workers) await worker.stop({ graceful: false }).catch(() => undefined);
  await web?.stop({ graceful: false });
  await web2?.stop({ graceful: false });
  await demo?.mock.close();
  await closeIntacctConnections();
  delete process.env.DATABASE_URL;
  await t?.drop();
});

async function demoCompany(): Promise<TestCompany> {
  const project = await t.db.project.findFirstOrThrow({ where: { companyId: demo.companyId, number: "P-1001" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({
    where: { companyId: demo.companyId, intacctVendorId: "V-1001" },
  });
  const codes = await t.db.costCode.findMany({
    where: { companyId: demo.companyId, intacctStandardTaskId: { not: null } },
    take: 2,
  });
  return {
    companyId: demo.companyId,
    admin: demo.admin,
    pm: demo.pm,
    pm2: demo.pm2,
    viewer: demo.pm,
    projectId: project.id,
    vendorId: vendor.id,
    costCodeIds: codes.map((c) => c.id),
  } as TestCompany;
}

async function approve(c: TestCompany, itemType: Parameters<typeof approveItem>[2], id: string) {
  await submitItem(t.db, c.pm, itemType, id);
  await approveItem(t.db, c.pm2, itemType, id);
}

async function seedItems(c: TestCompany) {
  for (let i = 0; i < CONTRACTS; i++) {
    const { id } = await buildContract(t.db, c, { number: `SOAK-${i}`, amounts: [10_000_00, 5_000_00] });
    await approve(c, "CONTRACT", id);
    const lines = await t.db.contractLine.findMany({ where: { contractId: id }, orderBy: { lineNo: "asc" } });
    const change = await saveContractChange(t.db, c.pm, {
      contractId: id,
      number: "CO-1",
      title: "Change",
      reason: "",
      lines: [{ contractLineId: lines[0]!.id, description: "More", amount: 1_000_00 }],
    });
    await approve(c, "CONTRACT_CHANGE", change.id);
    const invoice = await saveInvoice(t.db, c.pm, {
      contractId: id,
      number: "INV-1",
      invoiceDate: new Date("2026-03-31T00:00:00Z"),
      dueDate: new Date("2026-04-30T00:00:00Z"),
      retainagePercent: 0,
      lines: [{ contractLineId: lines[1]!.id, description: "March", amount: 2_000_00 }],
    });
    await approve(c, "INVOICE", invoice.id);
  }
  for (let i = 0; i < BUDGET_CHANGES; i++) {
    const change = await saveBudgetChange(t.db, c.pm, {
      projectId: c.projectId,
      number: `SOAK-BC-${i}`,
      title: "Soak change",
      reason: "",
      lines: [{ costCodeId: c.costCodeIds[0]!, description: "More", amount: 100_00 + i }],
    });
    await approve(c, "BUDGET_CHANGE", change.id);
  }
}

async function waitForRun(runId: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await readSyncRun(t.db, demo.companyId, runId, { itemLimit: 5000 });
    if (view.run.status !== "RUNNING") return view;
    if (Date.now() > until) throw new Error(`run still running: ${JSON.stringify(view.counts)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("sync soak", () => {
  it(
    `${FULL ? "full" : "small"}: every item exactly once under faults, a killed worker and 50 concurrent clicks`,
    async () => {
      const c = await demoCompany();
      await seedItems(c);
      const clicked = await buildContract(t.db, c, { number: "SOAK-CLICKED" });
      await approve(c, "CONTRACT", clicked.id);
      const items = (await listReadyCandidateIds(t.db, demo.companyId, {}, 5000)).filter(
        (i) => i.itemId !== clicked.id,
      );
      const started = Date.now();

      // Faults on about 20% of requests; drops reset the connection after committing (a "hang" would only test
      // the client's timeout, at a minute a time).
      demo.mock.setFaults({
        rate502: 0.03,
        rate503: 0.03,
        rate429: 0.04,
        rate524: 0.03,
        rateHtml500: 0.02,
        rateReset: 0.02,
        commitThenDropRate: 0.03,
        dropMode: "reset",
        faultSeed: 17,
        // A little latency, as on a network: a killed worker then dies with its requests on the wire.
        latencyMs: 20,
      });
      const enqueue = enqueueWith(web);
      const { runId } = await startSyncRun(t.db, demo.pm, { items, label: "Soak" }, { enqueue });

      // 50 simultaneous clicks on one item: one run item, the rest told it is already syncing.
      // They come through two web instances (two queue clients), as behind a load balancer.
      const secondWeb = enqueueWith(web2);
      const clicks = await Promise.allSettled(
        Array.from({ length: CLICKS }, (_, i) =>
          requestItemSync(t.db, demo.pm, "CONTRACT", clicked.id, { enqueue: i % 2 ? secondWeb : enqueue }),
        ),
      );
      const accepted = clicks.filter((r) => r.status === "fulfilled");
      expect(accepted).toHaveLength(1);

      // A worker process that is killed mid-batch, then two in-process workers (and, in the full configuration, a
      // second worker process killed the same way). A worker takes what it fetches as one batch and ends it all at
      // once, so the process is killed while it holds claimed items (attempts started), not after some synced: its
      // jobs run again on the others after their lease, which take over its claims and reconcile first.
      // Node itself with tsx's loader, not the tsx launcher: its child would outlive a SIGKILL of the launcher.
      const killWorkerMidBatch = async () => {
        const before = await t.db.syncAttempt.count();
        const child = spawn(
          process.execPath,
          ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/worker.ts")],
          {
            cwd: root,
            // A small batch, so that the process holds part of the run and the others have work meanwhile.
            env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "error", SYNC_JOB_BATCH_SIZE: "40" },
            stdio: "ignore",
          },
        );
        const until = Date.now() + 60_000;
        while (Date.now() < until && (await t.db.syncAttempt.count()) <= before)
          await new Promise((r) => setTimeout(r, 20));
        // Its attempts have started: its requests are on the wire, or about to be. Kill it there.
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));
      };
      await killWorkerMidBatch();
      const sessionsExpired = demo.mock.expireSessions();
      workers.push(await startWorker({ db: t.db, connectionString: t.url }));
      workers.push(await startWorker({ db: t.db, connectionString: t.url }));
      if (FULL) await killWorkerMidBatch();
      const view = await waitForRun(runId, FULL ? 900_000 : 100_000);
      const clickedView = await waitForRun(
        (await t.db.syncRunItem.findFirstOrThrow({ where: { itemId: clicked.id } })).runId,
        60_000,
      );
      const ms = Date.now() - started;

      // What landed in the mock, per document number (purchasing documents) and per estimate change entry.
      const documents = demo.mock.listDocuments(demo.mock.credentials.companyId);
      const byNo = new Map<string, number>();
      for (const d of documents) byNo.set(`${d.DOCPARID}|${d.DOCNO}`, (byNo.get(`${d.DOCPARID}|${d.DOCNO}`) ?? 0) + 1);
      const duplicates = [...byNo.values()].filter((n) => n > 1).length;
      const soakDocs = documents.filter((d) => String(d.DOCNO).startsWith("SOAK-") && d.DOCNO !== "SOAK-CLICKED");
      const estimate = demo.mock.listEstimates(demo.mock.credentials.companyId).find((e) => e.PROJECTID === "P-1001");
      const soakChangeEntries = (estimate?.entries ?? []).filter(
        (e) => e.WFTYPE === "approved change" && Number(e.AMOUNT) >= 100 && Number(e.AMOUNT) < 100 + BUDGET_CHANGES,
      );
      const expectedSoakDocs = CONTRACTS * 3;
      const log = demo.mock.listRequests();
      const faults: Record<string, number> = {};
      for (const entry of log.requests) if (entry.fault) faults[entry.fault] = (faults[entry.fault] ?? 0) + 1;
      const summary = {
        items: items.length,
        synced: view.counts.SYNCED,
        failed: view.counts.FAILED,
        skipped: view.counts.SKIPPED,
        documents: soakDocs.length + soakChangeEntries.length,
        expectedDocuments: expectedSoakDocs + BUDGET_CHANGES,
        duplicates,
        lost: expectedSoakDocs + BUDGET_CHANGES - (soakDocs.length + soakChangeEntries.length),
        workerKills: FULL ? 2 : 1,
        // Attempts the killed processes started and never finished (their items were taken over and reconciled).
        attemptsCutOff: await t.db.syncAttempt.count({ where: { finishedAt: null } }),
        sessionsExpired,
        requests: log.total,
        faultsInjected: Object.values(faults).reduce((a, b) => a + b, 0),
        faultsByKind: faults,
        concurrentClicks: CLICKS,
        concurrentClickDocuments: documents.filter((d) => d.DOCNO === "SOAK-CLICKED").length,
        ms,
      };
      console.table([{ ...summary, faultsByKind: JSON.stringify(faults) }]);
      for (const item of view.items.filter((i) => i.status === "FAILED"))
        console.log(`failed: ${item.label}: ${item.message}`);
      console.log(JSON.stringify(summary));

      expect(clickedView.counts.SYNCED).toBe(1);
      expect(summary.concurrentClickDocuments).toBe(1);
      expect(duplicates).toBe(0);
      expect(view.counts.FAILED).toBe(0);
      expect(view.counts.SYNCED).toBe(items.length);
      expect(summary.lost).toBe(0);
    },
    FULL ? 1_200_000 : 170_000,
  );
});

// The sync soak (npm run soak:sync; a small configuration runs in the vitest suite): approved items of all five
// types across projects (full: 1,000 on 20 projects; small: about 100 on 5), each project created in the mock
// Intacct with its entity and tasks, sent by durable jobs against the mock injecting faults on about 20% of requests
// (5xx, 429, 524 after commit, resets after commit, an expired session), a worker process SIGKILLed mid-run, two
// in-process workers besides, and 50 concurrent Sync clicks on one item. Pass: exactly one Intacct document per item
// (checked item by item in the mock's ledger), none lost, none twice, every item synced, and one document for the
// item clicked 50 times.
// Prints a table and, last, one JSON line.
import path from "node:path";
import { spawn } from "node:child_process";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveBudgetChange } from "@/lib/financials/budget-changes";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { saveBudget } from "@/lib/financials/budgets";
import { saveContract } from "@/lib/financials/contracts";
import { saveInvoice } from "@/lib/financials/invoices";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { closeIntacctConnections } from "@/lib/intacct";
import { createProjectsInIntacct } from "@/lib/integrations/sage-intacct/create-in-intacct";
import { addMissingProjectTasks } from "@/lib/integrations/sage-intacct/project-task-creation";
import { refreshReferences } from "@/lib/integrations/sage-intacct/references";
import { startBoss } from "@/lib/jobs/queue";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { listReadyCandidateIds } from "@/lib/sync/candidates";
import { readSyncRun, requestItemSync, startSyncRun } from "@/lib/sync/runs";
import { buildContract, type TestCompany } from "../../helpers/builders";
import { setUpConnectedDemo, type ConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

const FULL = process.env.SOAK_FULL === "1";
// Items across projects: per project a budget, its changes, and contracts each with a change and an invoice.
// Full: 20 × (1 + 4 + 15 × 3) = 1,000; small: 5 × (1 + 1 + 6 × 3) = 100 (plus the demo's own approved items).
const PROJECTS = FULL ? 20 : 5;
const CONTRACTS_PER_PROJECT = FULL ? 15 : 6;
const BUDGET_CHANGES_PER_PROJECT = FULL ? 4 : 1;
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

type SoakProject = { id: string; number: string; intacctEntityId: string };
type SoakCompany = TestCompany & { projects: SoakProject[]; vendorIds: string[] };

// The soak's projects: new ones (not the demo's), each created in Intacct the way an admin does it ("Create in
// Intacct": a PROJECT with its entity, one request for all of them), with a GL account for its estimate. Their tasks
// are added once the items are there ("Add missing tasks", which reads the cost codes the project's lines use).
async function createSoakProjects(): Promise<SoakProject[]> {
  // The reference lists a connection fills (the connect's refresh is a job; no worker runs yet here).
  await refreshReferences(t.db, demo.companyId);
  const created: string[] = [];
  for (let p = 0; p < PROJECTS; p++) {
    const project = await t.db.project.create({
      data: {
        companyId: demo.companyId,
        number: `SP-${String(p + 1).padStart(2, "0")}`,
        name: `Soak project ${p + 1}`,
        city: p % 2 ? "Boulder" : "Denver",
        state: "CO",
      },
    });
    created.push(project.id);
  }
  const outcomes = await createProjectsInIntacct(t.db, demo.admin, {
    projects: created.map((projectId, p) => ({ projectId, entityId: p % 2 ? "E200" : "E100" })),
  });
  expect(outcomes.map((o) => o.status)).toEqual(created.map(() => "created"));
  await t.db.project.updateMany({ where: { id: { in: created } }, data: { intacctGlAccount: "5000" } });
  const projects = await t.db.project.findMany({ where: { id: { in: created } }, orderBy: { number: "asc" } });
  return projects.map((p) => ({ id: p.id, number: p.number, intacctEntityId: p.intacctEntityId ?? "" }));
}

async function soakCompany(): Promise<SoakCompany> {
  // Active vendors linked to the mock's demo vendors (one of the demo's is inactive there).
  const vendors = await t.db.accountingCompany.findMany({
    where: { companyId: demo.companyId, intacctVendorId: { in: ["V-1001", "V-1002", "V-1003", "V-1004", "V-1005"] } },
    orderBy: { intacctVendorId: "asc" },
  });
  const codes = await t.db.costCode.findMany({
    where: { companyId: demo.companyId, intacctStandardTaskId: { not: null } },
    orderBy: { code: "asc" },
    take: 3,
  });
  const projects = await createSoakProjects();
  return {
    companyId: demo.companyId,
    admin: demo.admin,
    pm: demo.pm,
    pm2: demo.pm2,
    viewer: demo.pm,
    accountant: demo.pm,
    projectId: projects[0]!.id,
    vendorId: vendors[0]!.id,
    vendorIds: vendors.map((v) => v.id),
    costCodeIds: codes.map((c) => c.id),
    projects,
  };
}

async function approve(c: TestCompany, itemType: Parameters<typeof approveItem>[2], id: string) {
  await submitItem(t.db, c.pm, itemType, id);
  await approveItem(t.db, c.pm2, itemType, id);
}

// Per project: its budget (the project estimate), budget changes on it, and contracts (spread over the vendors), each
// with an approved change and an invoice.
async function seedItems(c: SoakCompany) {
  for (const [p, project] of c.projects.entries()) {
    const budget = await saveBudget(t.db, c.pm, {
      projectId: project.id,
      title: "Original budget",
      lines: c.costCodeIds.map((costCodeId, n) => ({ costCodeId, description: `Line ${n + 1}`, amount: 500_000_00 })),
    });
    await approve(c, "BUDGET", budget.id);
    for (let i = 0; i < BUDGET_CHANGES_PER_PROJECT; i++) {
      const change = await saveBudgetChange(t.db, c.pm, {
        projectId: project.id,
        number: `BC-${i + 1}`,
        title: "Soak change",
        reason: "",
        lines: [{ costCodeId: c.costCodeIds[i % c.costCodeIds.length]!, description: "More", amount: 100_00 + i }],
      });
      await approve(c, "BUDGET_CHANGE", change.id);
    }
    for (let i = 0; i < CONTRACTS_PER_PROJECT; i++) {
      const { id } = await saveContract(t.db, c.pm, {
        projectId: project.id,
        accountingCompanyId: c.vendorIds[(p + i) % c.vendorIds.length]!,
        number: `SOAK-${project.number}-${String(i + 1).padStart(2, "0")}`,
        title: "Soak contract",
        description: "",
        startDate: new Date("2026-03-01T00:00:00Z"),
        endDate: null,
        retainagePercent: 1000,
        lines: [10_000_00, 5_000_00].map((amount, n) => ({
          costCodeId: c.costCodeIds[(i + n) % c.costCodeIds.length]!,
          description: `Line ${n + 1}`,
          amount,
        })),
      });
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
    const tasks = await addMissingProjectTasks(t.db, c.admin, { projectId: project.id });
    expect(tasks.outcomes.filter((o) => o.status === "failed")).toEqual([]);
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

type Expected = { itemType: ItemType; itemId: string; label: string; projectNumber: string } & (
  | { kind: "document"; definition: string; documentNo: string }
  | { kind: "estimate"; estimateId: string; wfType: string; memoMarker: string | null; lines: number }
);

// What each item of the run becomes in Intacct (planning/*.ts): a contract the Purchase Order of its number, a change
// or an invoice the PO Change Order or Vendor Invoice "<contract>-<number>", a budget the original entries of the
// project's estimate EST-<project>, a budget change the approved-change entries whose memo starts with its number.
async function expectedDocuments(items: { itemType: ItemType; itemId: string }[]): Promise<Expected[]> {
  const ids = (type: ItemType) => items.filter((i) => i.itemType === type).map((i) => i.itemId);
  const where = (type: ItemType) => ({ companyId: demo.companyId, id: { in: ids(type) } });
  const withContract = { contract: { select: { number: true, project: { select: { number: true } } } } } as const;
  const contracts = await t.db.contract.findMany({ where: where("CONTRACT"), include: { project: true } });
  const changes = await t.db.contractChange.findMany({ where: where("CONTRACT_CHANGE"), include: withContract });
  const invoices = await t.db.invoice.findMany({ where: where("INVOICE"), include: withContract });
  const budgets = await t.db.budget.findMany({
    where: where("BUDGET"),
    include: { project: true, _count: { select: { lines: true } } },
  });
  const budgetChanges = await t.db.budgetChange.findMany({
    where: where("BUDGET_CHANGE"),
    include: { project: true, _count: { select: { lines: true } } },
  });
  return [
    ...contracts.map((x): Expected => ({
      itemType: "CONTRACT",
      itemId: x.id,
      label: x.number,
      projectNumber: x.project.number,
      kind: "document",
      definition: "Purchase Order",
      documentNo: x.number,
    })),
    ...changes.map((x): Expected => ({
      itemType: "CONTRACT_CHANGE",
      itemId: x.id,
      label: `${x.contract.number}-${x.number}`,
      projectNumber: x.contract.project.number,
      kind: "document",
      definition: "PO Change Order",
      documentNo: `${x.contract.number}-${x.number}`,
    })),
    ...invoices.map((x): Expected => ({
      itemType: "INVOICE",
      itemId: x.id,
      label: `${x.contract.number}-${x.number}`,
      projectNumber: x.contract.project.number,
      kind: "document",
      definition: "Vendor Invoice",
      documentNo: `${x.contract.number}-${x.number}`,
    })),
    ...budgets.map((x): Expected => ({
      itemType: "BUDGET",
      itemId: x.id,
      label: `budget of ${x.project.number}`,
      projectNumber: x.project.number,
      kind: "estimate",
      estimateId: `EST-${x.project.number}`,
      wfType: "original",
      memoMarker: null,
      lines: x._count.lines,
    })),
    ...budgetChanges.map((x): Expected => ({
      itemType: "BUDGET_CHANGE",
      itemId: x.id,
      label: `${x.project.number} ${x.number}`,
      projectNumber: x.project.number,
      kind: "estimate",
      estimateId: `EST-${x.project.number}`,
      wfType: "approved change",
      memoMarker: `${x.number} · `,
      lines: x._count.lines,
    })),
  ];
}

describe("sync soak", () => {
  it(
    `${FULL ? "full" : "small"}: every item exactly once under faults, a killed worker and 50 concurrent clicks`,
    async () => {
      const c = await soakCompany();
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

      // What landed in the mock, item by item: each purchasing document once under its definition and number, each
      // budget's estimate once with one entry per line, each budget change's entries (marked with its number) once.
      const documents = demo.mock.listDocuments(demo.mock.credentials.companyId);
      const docCount = new Map<string, number>();
      for (const d of documents)
        docCount.set(`${d.DOCPARID}|${d.DOCNO}`, (docCount.get(`${d.DOCPARID}|${d.DOCNO}`) ?? 0) + 1);
      const estimates = demo.mock.listEstimates(demo.mock.credentials.companyId);
      const expected = await expectedDocuments(items);
      const perItem = expected.map((e) => {
        if (e.kind === "document") return { ...e, found: docCount.get(`${e.definition}|${e.documentNo}`) ?? 0 };
        const matching = estimates.filter((x) => x.PJESTIMATEID === e.estimateId);
        if (matching.length !== 1) return { ...e, found: matching.length };
        // Entries count per line: n lines once = 1; a second posting doubles them.
        const entries = matching[0]!.entries.filter(
          (x) => x.WFTYPE === e.wfType && (e.memoMarker === null || String(x.MEMO ?? "").startsWith(e.memoMarker)),
        );
        return { ...e, found: entries.length / e.lines };
      });
      const lostItems = perItem.filter((e) => e.found === 0);
      const duplicatedItems = perItem.filter((e) => e.found > 1 || (e.found > 0 && !Number.isInteger(e.found)));
      // Anything posted twice anywhere in the ledger, whether or not it is one of the run's items.
      const duplicates =
        [...docCount.values()].filter((n) => n > 1).length +
        new Set(duplicatedItems.map((e) => `${e.itemType}|${e.itemId}`)).size;
      const byType: Record<string, number> = {};
      for (const e of expected) byType[e.itemType] = (byType[e.itemType] ?? 0) + 1;
      const log = demo.mock.listRequests();
      const faults: Record<string, number> = {};
      for (const entry of log.requests) if (entry.fault) faults[entry.fault] = (faults[entry.fault] ?? 0) + 1;
      const summary = {
        items: items.length,
        synced: view.counts.SYNCED,
        failed: view.counts.FAILED,
        skipped: view.counts.SKIPPED,
        itemsByType: byType,
        projects: new Set(expected.map((e) => e.projectNumber)).size,
        documents: perItem.filter((e) => e.found === 1).length,
        expectedDocuments: expected.length,
        duplicates,
        lost: lostItems.length,
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
      console.table([
        { ...summary, faultsByKind: JSON.stringify(faults), itemsByType: JSON.stringify(summary.itemsByType) },
      ]);
      for (const e of [...lostItems, ...duplicatedItems])
        console.log(`${e.found === 0 ? "lost" : "duplicated"}: ${e.itemType} ${e.label} (${e.found})`);
      for (const item of view.items.filter((i) => i.status === "FAILED"))
        console.log(`failed: ${item.label}: ${item.message}`);
      console.log(JSON.stringify(summary));

      expect(clickedView.counts.SYNCED).toBe(1);
      expect(summary.concurrentClickDocuments).toBe(1);
      expect(summary.projects).toBeGreaterThanOrEqual(PROJECTS);
      expect(Object.keys(byType).sort()).toEqual(["BUDGET", "BUDGET_CHANGE", "CONTRACT", "CONTRACT_CHANGE", "INVOICE"]);
      // Per item: exactly one document (none lost, none twice), and nothing posted twice elsewhere.
      expect(lostItems.map((e) => e.label)).toEqual([]);
      expect(duplicatedItems.map((e) => e.label)).toEqual([]);
      expect(duplicates).toBe(0);
      expect(summary.documents).toBe(items.length);
      expect(view.counts.FAILED).toBe(0);
      expect(view.counts.SYNCED).toBe(items.length);
    },
    FULL ? 1_200_000 : 170_000,
  );
});

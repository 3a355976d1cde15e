/**
 * npm run bench:sync — bulk sync end to end: 500 approved invoices on 50 synced contracts (a fresh database),
 * "Sync all ready" through the real queue (pg-boss), a worker, the database, the lib/intacct client and the mock
 * Intacct at 150 ms latency, against the floor:
 *
 *   floor = latency × (⌈500 / 100⌉ writes + ⌈500 / 100⌉ read-backs) / 2 requests in flight = 750 ms.
 *
 * Also a sample of single-item syncs (a run of one item each, one at a time, the way an item page's button sends it),
 * extrapolated to 500 and flagged as such. The mock runs in a child process so its CPU does not count against ours.
 * Prints a table, then one JSON object as the last line.
 * Env: BENCH_LATENCY_MS (150), BENCH_INVOICES (500), BENCH_CONTRACTS (50), BENCH_SINGLE_SAMPLE (10),
 * SYNC_JOB_BATCH_SIZE (the worker's fetch, 500), BENCH_QUERIES=1 (the app's statements, grouped), BENCH_CPU_PROFILE=<file>.
 */
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import { writeFile } from "node:fs/promises";
import inspector from "node:inspector/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import { createDb, type Db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveContract } from "@/lib/financials/contracts";
import { saveInvoice } from "@/lib/financials/invoices";
import { closeIntacctConnections } from "@/lib/intacct";
import { connectIntacct, saveIntacctSettings } from "@/lib/integrations/sage-intacct/service";
import { startBoss } from "@/lib/jobs/queue";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker } from "@/lib/jobs/worker";
import type { SessionUser } from "@/lib/auth/sessions";
import { requestItemSync, startSyncRun } from "@/lib/sync/runs";
import { DEMO_ACCOUNTING_COMPANIES } from "@/prisma/demo-catalog";
import { seedDemo } from "@/prisma/seed";
import { COST_CODES_ABSENT_IN_INTACCT, DEMO_CREDENTIALS } from "../tools/mock-intacct/index";
import { createFreshDatabase, dropDatabase } from "./lib/database";
import { startEphemeralServer } from "./lib/ephemeral-db";
import { startMockProcess } from "./lib/mock-process";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 500);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 50);
const SINGLE_SAMPLE = Number(process.env.BENCH_SINGLE_SAMPLE ?? 10);
const PER_REQUEST = 100;
const IN_FLIGHT = 2;
const FLOOR_MS = (LATENCY_MS * (Math.ceil(INVOICES / PER_REQUEST) * 2)) / IN_FLIGHT;

type MockLog = { total: number; counts: Record<string, number> };
const readMockCounts = async (mockUrl: string) =>
  (await (await fetch(`${mockUrl}/__mock/requests?limit=1`)).json()) as MockLog;
const clearMockLog = (mockUrl: string) => fetch(`${mockUrl}/__mock/requests/clear`, { method: "POST" });
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function sessionUser(db: Db, email: string): Promise<SessionUser> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { company: true } });
  return { ...user, companyName: user.company.name };
}

/** The demo company, connected to the mock and linked the way an admin links it. */
async function connectedDemo(db: Db) {
  const { companyId } = await seedDemo(db);
  const admin = await sessionUser(db, "admin@demo.build");
  const outcome = await connectIntacct(db, admin, { ...DEMO_CREDENTIALS });
  if (!outcome.ok) throw new Error(`connect failed: ${outcome.failure.title}`);
  await saveIntacctSettings(db, admin, {
    purchaseOrderDefinition: "Purchase Order",
    changeOrderDefinition: "PO Change Order",
    vendorInvoiceDefinition: "Vendor Invoice",
    defaultItemId: "SUBCONTRACT",
    defaultCostTypeId: "SUB",
  });
  // The mock seeds vendor V-(1001 + i) for the i-th demo accounting company, and a project per demo project.
  for (const [i, vendor] of DEMO_ACCOUNTING_COMPANIES.entries())
    await db.accountingCompany.updateMany({
      where: { companyId, name: vendor.name },
      data: { intacctVendorId: `V-${1001 + i}` },
    });
  for (const project of await db.project.findMany({ where: { companyId } }))
    await db.project.update({
      where: { id: project.id },
      data: {
        intacctProjectId: project.number,
        intacctEntityId: project.city === "Boulder" ? "E200" : "E100",
        intacctGlAccount: "5000",
      },
    });
  for (const code of await db.costCode.findMany({ where: { companyId } }))
    if (!COST_CODES_ABSENT_IN_INTACCT.includes(code.code))
      await db.costCode.update({ where: { id: code.id }, data: { intacctStandardTaskId: code.code } });
  return {
    companyId,
    pm: await sessionUser(db, "pm@demo.build"),
    pm2: await sessionUser(db, "pm2@demo.build"),
  };
}

/**
 * BENCH_CPU_PROFILE=<file.cpuprofile>: a CPU profile of this process (the web side and the worker) during the bulk
 * run only, for Chrome DevTools or speedscope.
 */
async function startCpuProfile(): Promise<{ stop: () => Promise<void> } | null> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return null;
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return {
    stop: async () => {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function waitForRun(db: Db, runId: string, timeoutMs = 600_000): Promise<Record<string, number>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
    if (run.status !== "RUNNING") {
      const grouped = await db.syncRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
      return Object.fromEntries(grouped.map((g) => [g.status, g._count._all]));
    }
    if (Date.now() > until) throw new Error(`run ${runId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function main() {
  process.env.APP_ENCRYPTION_KEY ??= generateEncryptionKey();
  const server = await startEphemeralServer();
  const name = `ib_bench_sync_${process.pid}`;
  const url = await createFreshDatabase(server.adminUrl, name);
  // The request slots (Intacct's two per company) are held in this database.
  process.env.DATABASE_URL = url;
  // The app's client, with its queries counted (the worker in this process uses it too): queries per item is the
  // figure set-based work is judged by.
  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url }),
    log: [{ emit: "event", level: "query" }],
  }) as unknown as Db;
  const queries = { count: 0, byStatement: new Map<string, number>() };
  // The bench's own polling of the run goes through a client of its own, so it is not counted.
  const poller = createDb(url);
  (db as unknown as { $on: (event: "query", listener: (event: { query: string }) => void) => void }).$on(
    "query",
    (event: { query: string }) => {
      queries.count++;
      // BENCH_QUERIES=1: which statements, grouped by their first words (for profiling).
      if (!process.env.BENCH_QUERIES) return;
      const key = event.query.replace(/\s+/g, " ").slice(0, 90);
      queries.byStatement.set(key, (queries.byStatement.get(key) ?? 0) + 1);
    },
  );
  const mock = await startMockProcess({ latencyMs: LATENCY_MS, seed: "demo" });
  process.env.INTACCT_ENDPOINT_URL = mock.endpoint;
  const web = await startBoss(url, "web");
  const enqueue = enqueueWith(web);
  const worker = await startWorker({ db, connectionString: url });
  try {
    const seedStarted = performance.now();
    const demo = await connectedDemo(db);
    const projects = await db.project.findMany({ where: { companyId: demo.companyId }, orderBy: { number: "asc" } });
    const vendors = await db.accountingCompany.findMany({
      where: { companyId: demo.companyId, intacctVendorId: { in: ["V-1001", "V-1002", "V-1003", "V-1004", "V-1005"] } },
    });
    const codes = await db.costCode.findMany({
      where: { companyId: demo.companyId, intacctStandardTaskId: { not: null } },
      take: 2,
    });
    const approve = async (itemType: "CONTRACT" | "INVOICE", id: string) => {
      await submitItem(db, demo.pm, itemType, id);
      await approveItem(db, demo.pm2, itemType, id);
    };
    // 50 contracts over the demo projects and vendors, synced (they are the invoices' prerequisites).
    const contracts: { id: string; lineId: string }[] = [];
    for (let i = 0; i < CONTRACTS; i++) {
      const project = projects[i % projects.length]!;
      const { id } = await saveContract(db, demo.pm, {
        projectId: project.id,
        accountingCompanyId: vendors[i % vendors.length]!.id,
        number: `BS-${String(i).padStart(3, "0")}`,
        title: "Bench contract",
        description: "",
        startDate: new Date("2026-03-01T00:00:00Z"),
        endDate: null,
        retainagePercent: 0,
        lines: codes.map((code, n) => ({ costCodeId: code.id, description: `Line ${n + 1}`, amount: 500_000_00 })),
      });
      await approve("CONTRACT", id);
      const line = await db.contractLine.findFirstOrThrow({ where: { contractId: id }, orderBy: { lineNo: "asc" } });
      contracts.push({ id, lineId: line.id });
    }
    const contractRun = await startSyncRun(
      db,
      demo.pm,
      { items: contracts.map((c) => ({ itemType: "CONTRACT" as const, itemId: c.id })), label: "Bench contracts" },
      { enqueue },
    );
    const contractCounts = await waitForRun(db, contractRun.runId);
    if (contractCounts.SYNCED !== CONTRACTS) throw new Error(`contracts: ${JSON.stringify(contractCounts)}`);
    // The invoices: INVOICES for the bulk run, SINGLE_SAMPLE more for the single-item sample.
    const invoiceIds: string[] = [];
    for (let i = 0; i < INVOICES + SINGLE_SAMPLE; i++) {
      const contract = contracts[i % contracts.length]!;
      const { id } = await saveInvoice(db, demo.pm, {
        contractId: contract.id,
        number: `BI-${String(i).padStart(4, "0")}`,
        invoiceDate: new Date("2026-03-31T00:00:00Z"),
        dueDate: new Date("2026-04-30T00:00:00Z"),
        retainagePercent: 0,
        lines: [{ contractLineId: contract.lineId, description: `Bill ${i}`, amount: 1_000_00 }],
      });
      await approve("INVOICE", id);
      invoiceIds.push(id);
    }
    const seedMs = performance.now() - seedStarted;
    const bulk = invoiceIds.slice(0, INVOICES);
    const sample = invoiceIds.slice(INVOICES);

    // The single-item path: each invoice a run of its own, sent and finished before the next is clicked.
    const singleTimes: number[] = [];
    for (const id of sample) {
      const started = performance.now();
      const { runId } = await requestItemSync(db, demo.pm, "INVOICE", id, { enqueue });
      const counts = await waitForRun(db, runId);
      if (counts.SYNCED !== 1) throw new Error(`single: ${JSON.stringify(counts)}`);
      singleTimes.push(performance.now() - started);
    }
    const singleMeanMs = singleTimes.reduce((a, b) => a + b, 0) / Math.max(1, singleTimes.length);
    const singleExtrapolatedMs = singleMeanMs * INVOICES;

    // The bulk run: Sync all ready, as the Accounting sync page starts it.
    await clearMockLog(mock.url);
    queries.count = 0;
    queries.byStatement.clear();
    const profiler = await startCpuProfile();
    const started = performance.now();
    const { runId } = await startSyncRun(
      db,
      demo.pm,
      { items: bulk.map((itemId) => ({ itemType: "INVOICE" as const, itemId })), label: "All ready items" },
      { enqueue },
    );
    const enqueuedMs = performance.now() - started;
    const enqueuedAt = Date.now();
    const counts = await waitForRun(poller, runId);
    const oursMs = performance.now() - started;
    await profiler?.stop();
    const bulkQueries = queries.count;
    if (counts.SYNCED !== INVOICES) throw new Error(`bulk run: ${JSON.stringify(counts)}`);
    const mockCounts = await readMockCounts(mock.url);
    // From the run's commit (startSyncRun returned) to the first item a worker took: the job pick-up latency. Both
    // are this process's clock (the worker runs here and stamps `startedAt`); the run's own `createdAt` is the
    // database's time at the start of its transaction, which would count the enqueue twice.
    const [firstTaken] = await db.$queryRaw<{ ms: number }[]>`
      SELECT (EXTRACT(EPOCH FROM MIN("startedAt")) * 1000)::float8 AS ms FROM "SyncRunItem" WHERE "runId" = ${runId}::uuid`;
    const pickup = { ms: Number(firstTaken?.ms ?? enqueuedAt) - enqueuedAt };
    const documents = await db.syncRecord.count({
      where: { companyId: demo.companyId, itemType: "INVOICE", itemId: { in: bulk }, state: "SYNCED" },
    });

    const figures = {
      items: INVOICES,
      contracts: CONTRACTS,
      latencyMs: LATENCY_MS,
      oursMs: Math.round(oursMs),
      floorMs: FLOOR_MS,
      oursVsFloor: round(oursMs / FLOOR_MS, 2),
      singleSample: SINGLE_SAMPLE,
      singleMeanMs: Math.round(singleMeanMs),
      singleExtrapolatedMs: Math.round(singleExtrapolatedMs),
      singleExtrapolated: true,
      singlePathVsOurs: round(singleExtrapolatedMs / oursMs, 1),
      enqueueMs: Math.round(enqueuedMs),
      pickupMs: Math.round(Number(pickup?.ms ?? 0)),
      requests: mockCounts.total,
      requestsByFunction: mockCounts.counts,
      synced: documents,
      queries: bulkQueries,
      queriesPerItem: round(bulkQueries / INVOICES, 1),
      workerBatchSize: Number(process.env.SYNC_JOB_BATCH_SIZE ?? 500),
      seedMs: Math.round(seedMs),
    };
    const rows: [string, string, string][] = [
      [`bulk: ${INVOICES} invoices, one run`, `${figures.oursMs} ms`, `×${figures.oursVsFloor} of the floor`],
      ["floor (10 requests, 2 in flight)", `${FLOOR_MS} ms`, `${LATENCY_MS} ms × (5 writes + 5 read-backs) / 2`],
      [
        `single-item path, ${SINGLE_SAMPLE} sampled`,
        `${figures.singleMeanMs} ms`,
        "per item, one at a time (a run of one each)",
      ],
      [
        `single-item path × ${INVOICES}`,
        `${figures.singleExtrapolatedMs} ms`,
        `extrapolated; ours is ${figures.singlePathVsOurs}× faster`,
      ],
      ["requests to the mock (bulk)", String(mockCounts.total), JSON.stringify(mockCounts.counts)],
      ["run started (enqueue)", `${figures.enqueueMs} ms`, "startSyncRun: rows and 500 jobs in one transaction"],
      [
        "app queries (bulk, Prisma)",
        String(bulkQueries),
        `${figures.queriesPerItem} per item: the run's start, the worker, the jobs' endings`,
      ],
      ["job pick-up", `${figures.pickupMs} ms`, "from the run's commit to the first item taken by the worker"],
    ];
    console.log(`bench:sync — mock latency ${LATENCY_MS} ms, ${IN_FLIGHT} requests in flight per company`);
    console.log(["case".padEnd(36), "time".padStart(12), "  notes"].join(""));
    for (const [label, time, notes] of rows) console.log([label.padEnd(36), time.padStart(12), `  ${notes}`].join(""));
    for (const [statement, n] of [...queries.byStatement].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`${String(n).padStart(6)}  ${statement}`);
    console.log(JSON.stringify(figures));
  } finally {
    await worker.stop({ graceful: false }).catch(() => undefined);
    await web.stop({ graceful: false }).catch(() => undefined);
    await db.$disconnect();
    await poller.$disconnect();
    await closeIntacctConnections();
    mock.child.kill("SIGTERM");
    await dropDatabase(server.adminUrl, name).catch(() => {});
    await server.stop();
  }
}

await main();
process.exit(0);

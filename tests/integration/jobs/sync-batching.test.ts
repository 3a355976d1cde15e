// Batching through the real queue, worker, database, client and mock Intacct: jobs a worker fetches together are
// sent together, ≤ 100 writes per request, their read-backs the same way; one refused function fails only its item;
// a response dropped after commit leaves the whole batch unknown, and reconciling adopts every document, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveInvoice } from "@/lib/financials/invoices";
import { closeIntacctConnections } from "@/lib/intacct";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { readSyncRun, startSyncRun } from "@/lib/sync/runs";
import { findCompany } from "@/tools/mock-intacct/store";
import { buildContract, type TestCompany } from "../../helpers/builders";
import { setUpConnectedDemo, type ConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let demo: ConnectedDemo;
let worker: Worker;
let c: TestCompany;
/** Per project in the mock, the standard tasks it has as tasks: each demo project misses a different ninth. */
let tasksOf: (intacctProjectId: string) => Set<string>;

beforeAll(async () => {
  t = await createTestDb();
  // Request slots are held in this database.
  process.env.DATABASE_URL = t.url;
  demo = await setUpConnectedDemo(t.db);
  worker = await startWorker({ db: t.db, connectionString: t.url });
  const project = await t.db.project.findFirstOrThrow({ where: { companyId: demo.companyId, number: "P-1001" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({
    where: { companyId: demo.companyId, intacctVendorId: "V-1001" },
  });
  tasksOf = (intacctProjectId) =>
    new Set(
      findCompany(demo.mock.state, demo.mock.credentials.companyId)!
        .tables.TASK.findAll("PROJECTID", intacctProjectId)
        .map((task) => task.STANDARDTASKID ?? ""),
    );
  // Cost codes that are tasks of both projects, chosen the same way every run. (`take` without an order is ordered by
  // the random uuid: a code that is no task of P-1002 came up about one run in nine, and its line rightly synced
  // without a cost code.)
  const codes = (
    await t.db.costCode.findMany({
      where: { companyId: demo.companyId, intacctStandardTaskId: { not: null } },
      orderBy: { code: "asc" },
    })
  )
    .filter(
      (code) =>
        tasksOf("P-1001").has(code.intacctStandardTaskId!) && tasksOf("P-1002").has(code.intacctStandardTaskId!),
    )
    .slice(0, 2);
  c = {
    companyId: demo.companyId,
    admin: demo.admin,
    pm: demo.pm,
    pm2: demo.pm2,
    viewer: demo.pm,
    projectId: project.id,
    vendorId: vendor.id,
    costCodeIds: codes.map((code) => code.id),
  } as TestCompany;
}, 120_000);
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await demo?.mock.close();
  await closeIntacctConnections();
  delete process.env.DATABASE_URL;
  await t?.drop();
});

async function approve(itemType: Parameters<typeof approveItem>[2], id: string) {
  await submitItem(t.db, c.pm, itemType, id);
  await approveItem(t.db, c.pm2, itemType, id);
}

async function waitForRun(runId: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await readSyncRun(t.db, c.companyId, runId, { itemLimit: 1000 });
    if (view.run.status !== "RUNNING") return view;
    if (Date.now() > until) throw new Error(`run ${runId} still running: ${JSON.stringify(view.counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A synced contract with a big line to bill, and `count` approved invoices on it (in the test project, or another;
 * its line on the first of the cost codes given).
 */
async function syncedContractWithInvoices(
  number: string,
  count: number,
  projectId = c.projectId,
  costCodeIds = c.costCodeIds,
) {
  const { id } = await buildContract(t.db, { ...c, projectId, costCodeIds }, { number, amounts: [900_000_00] });
  await approve("CONTRACT", id);
  const { runId } = await startSyncRun(t.db, c.pm, { items: [{ itemType: "CONTRACT", itemId: id }] }, { enqueue });
  expect((await waitForRun(runId)).counts.SYNCED).toBe(1);
  const [line] = await t.db.contractLine.findMany({ where: { contractId: id } });
  const invoices: string[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = await saveInvoice(t.db, c.pm, {
      contractId: id,
      number: `${number}-INV-${i}`,
      invoiceDate: new Date("2026-03-31T00:00:00Z"),
      dueDate: new Date("2026-04-30T00:00:00Z"),
      retainagePercent: 0,
      lines: [{ contractLineId: line!.id, description: `Part ${i}`, amount: 100_00 }],
    });
    await approve("INVOICE", invoice.id);
    invoices.push(invoice.id);
  }
  return { contractId: id, invoices };
}

const enqueue = (...args: Parameters<ReturnType<typeof enqueueWith>>) => enqueueWith(worker.boss)(...args);
const asItems = (ids: string[]) => ids.map((itemId) => ({ itemType: "INVOICE" as const, itemId }));

/** The gateway requests since the log was cleared: their functions, by name. */
function requestsSinceClear() {
  return demo.mock
    .listRequests()
    .requests.filter((r) => r.path.includes("xmlgw"))
    .map((r) => r.functions.map((f) => `${f.function}${f.object ? ` ${f.object}` : ""}`));
}

function invoiceDocuments(prefix: string) {
  return demo.mock
    .listDocuments(demo.mock.credentials.companyId)
    .filter((d) => d.DOCPARID === "Vendor Invoice" && String(d.DOCNO).includes(prefix));
}

describe("sync batching", () => {
  it("150 ready invoices go in 2 create requests (100 + 50) and 2 read-back requests, each item synced", async () => {
    const { invoices } = await syncedContractWithInvoices("BATCH-A", 150);
    demo.mock.clearRequests();
    const { runId } = await startSyncRun(t.db, c.pm, { items: asItems(invoices) }, { enqueue });
    const view = await waitForRun(runId);
    expect(view.counts.SYNCED).toBe(150);
    const requests = requestsSinceClear();
    const creates = requests.filter((fns) => fns.some((f) => f.startsWith("create_potransaction")));
    expect(creates.map((fns) => fns.length).sort((a, b) => b - a)).toEqual([100, 50]);
    const readBacks = requests.filter((fns) => fns.length > 1 && fns.every((f) => f === "readByName PODOCUMENT"));
    expect(readBacks.map((fns) => fns.length).sort((a, b) => b - a)).toEqual([100, 50]);
    // The project's tasks are read once for the batch, not once per invoice.
    expect(requests.filter((fns) => fns.some((f) => f.includes("TASK"))).length).toBeLessThanOrEqual(2);
    expect(invoiceDocuments("BATCH-A-INV-")).toHaveLength(150);
    // Each item's history holds its own function of the shared request, not the other 99.
    const attempt = await t.db.syncAttempt.findFirstOrThrow({
      where: { companyId: c.companyId, syncRecord: { itemType: "INVOICE", itemId: invoices[7] } },
    });
    expect(attempt.outcome).toBe("synced");
    // Which of the two requests carried it depends on how the worker fetched the jobs: either is right.
    expect(attempt.requestXml).toMatch(/one of (100|50) functions in one request/);
    expect(attempt.requestXml.match(/create_potransaction>/g)?.length).toBe(2); // its own, opened and closed
    expect(attempt.responseXml).toContain("<status>success</status>");
  }, 120_000);

  it("a batch over two projects reads their live tasks and cost types in one request", async () => {
    const other = await t.db.project.findFirstOrThrow({ where: { companyId: c.companyId, number: "P-1002" } });
    // Each project's line on a cost code that is a task of that project only: a project's lines keep their cost
    // code only if its lookup got its own part of the combined read (another project's part, or none, drops it).
    const linked = await t.db.costCode.findMany({
      where: { companyId: c.companyId, intacctStandardTaskId: { not: null } },
      orderBy: { code: "asc" },
    });
    const onlyIn = (mine: string, theirs: string) =>
      linked.find(
        (code) => tasksOf(mine).has(code.intacctStandardTaskId!) && !tasksOf(theirs).has(code.intacctStandardTaskId!),
      )!;
    const firstCode = onlyIn("P-1001", "P-1002");
    const secondCode = onlyIn("P-1002", "P-1001");
    const first = await syncedContractWithInvoices("BATCH-P1", 3, c.projectId, [firstCode.id]);
    const second = await syncedContractWithInvoices("BATCH-P2", 3, other.id, [secondCode.id]);
    demo.mock.clearRequests();
    const { runId } = await startSyncRun(
      t.db,
      c.pm,
      { items: asItems([...first.invoices, ...second.invoices]) },
      { enqueue },
    );
    expect((await waitForRun(runId)).counts.SYNCED).toBe(6);
    const taskReads = requestsSinceClear().filter((fns) =>
      fns.some((f) => f.includes("TASK") || f.includes("COSTTYPE")),
    );
    // Before: a tasks list and a cost types list per project, one after the other (4 requests here).
    expect(taskReads).toEqual([["query TASK", "query COSTTYPE"]]);
    const sentCostCodes = async (invoices: string[]) =>
      (
        await t.db.syncRecord.findMany({
          where: { companyId: c.companyId, itemType: "INVOICE", itemId: { in: invoices } },
          select: { intacctDetails: true },
        })
      ).map(
        ({ intacctDetails }) =>
          (intacctDetails as { sent: { lines: { costCode: string | null }[] } }).sent.lines[0]?.costCode,
      );
    // Each project's lines went with their cost code: its task found in its own part of the combined read (in the
    // mock a project's task has its standard task's id).
    expect(await sentCostCodes(first.invoices)).toEqual(Array(3).fill(firstCode.intacctStandardTaskId));
    expect(await sentCostCodes(second.invoices)).toEqual(Array(3).fill(secondCode.intacctStandardTaskId));
  }, 120_000);

  it("one refused function fails only its item; its batch mates sync", async () => {
    const good = await syncedContractWithInvoices("BATCH-B", 20);
    const bad = await syncedContractWithInvoices("BATCH-C", 1);
    // The contract's line key as stored no longer names a PO line in Intacct: Intacct refuses that invoice alone.
    const record = await t.db.syncRecord.findFirstOrThrow({ where: { itemType: "CONTRACT", itemId: bad.contractId } });
    const details = record.intacctDetails as { lineKeys: Record<string, string> };
    await t.db.syncRecord.update({
      where: { id: record.id },
      data: {
        intacctDetails: {
          ...details,
          lineKeys: Object.fromEntries(Object.keys(details.lineKeys).map((k) => [k, "999999"])),
        },
      },
    });
    demo.mock.clearRequests();
    const { runId } = await startSyncRun(
      t.db,
      c.pm,
      { items: asItems([...good.invoices, ...bad.invoices]) },
      { enqueue },
    );
    const view = await waitForRun(runId);
    expect(view.counts).toMatchObject({ SYNCED: 20, FAILED: 1 });
    const failed = view.items.find((i) => i.status === "FAILED");
    expect(failed?.itemId).toBe(bad.invoices[0]);
    expect(failed?.message).toMatch(/Nothing was posted/);
    const creates = requestsSinceClear().filter((fns) => fns.some((f) => f.startsWith("create_potransaction")));
    expect(creates.map((fns) => fns.length)).toEqual([21]);
    expect(invoiceDocuments("BATCH-B-INV-")).toHaveLength(20);
    expect(invoiceDocuments("BATCH-C-INV-")).toHaveLength(0);
  }, 120_000);

  it("a response dropped after commit leaves the batch unknown; reconciling adopts each document, none twice", async () => {
    const { invoices } = await syncedContractWithInvoices("BATCH-D", 30);
    demo.mock.setFaults({ commitThenDrop: 1, dropMode: "reset" });
    try {
      const { runId } = await startSyncRun(t.db, c.pm, { items: asItems(invoices) }, { enqueue });
      const view = await waitForRun(runId);
      expect(view.counts.SYNCED).toBe(30);
    } finally {
      demo.mock.setFaults({ commitThenDrop: 0 });
    }
    expect(invoiceDocuments("BATCH-D-INV-")).toHaveLength(30);
    const records = await t.db.syncRecord.findMany({ where: { itemType: "INVOICE", itemId: { in: invoices } } });
    expect(records.every((r) => r.state === "SYNCED" && r.intacctKey)).toBe(true);
    expect(new Set(records.map((r) => r.intacctKey)).size).toBe(30);
    const outcomes = await t.db.syncAttempt.findMany({
      where: { syncRecordId: { in: records.map((r) => r.id) } },
      select: { outcome: true },
    });
    // Found by looking them up, not created a second time.
    expect(outcomes.every((o) => o.outcome === "adopted")).toBe(true);
  }, 120_000);
});

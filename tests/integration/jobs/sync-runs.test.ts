// Sync runs as durable jobs (pg-boss on the test database) against the in-memory provider: a click enqueues and a
// worker sends; prerequisites go first and a failed one skips what builds on it; transient faults are retried with
// backoff and never make a second document; cancel and retry failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveInvoice } from "@/lib/financials/invoices";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { countSyncCandidates, listReadyCandidateIds, listSyncCandidates } from "@/lib/sync/candidates";
import { getSyncSettings, saveSyncSettings } from "@/lib/sync/settings";
import {
  cancelSyncRun,
  processSyncRunItem,
  readEngineStats,
  syncOnApproval,
  readItemSyncProgress,
  readSyncRun,
  requestItemSync,
  retryDelayMs,
  transientMessage,
  retryFailedItems,
  startSyncRun,
} from "@/lib/sync/runs";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;
let worker: Worker;

beforeAll(async () => {
  process.env.SYNC_BACKOFF_BASE_MS = "200";
  t = await createTestDb();
  c = await buildCompany(t.db, "Queue Co");
  provider = createInMemoryProvider();
  worker = await startWorker({ db: t.db, connectionString: t.url, provider });
}, 60_000);
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.drop();
});

async function approvedContract(number?: string) {
  const { id } = await buildContract(t.db, c, number ? { number } : {});
  await submitItem(t.db, c.pm, "CONTRACT", id);
  await approveItem(t.db, c.pm2, "CONTRACT", id);
  return id;
}

async function approvedInvoice(contractId: string, number: string) {
  const contract = await t.db.contract.findUniqueOrThrow({ where: { id: contractId }, include: { lines: true } });
  const { id } = await saveInvoice(t.db, c.pm, {
    contractId,
    number,
    invoiceDate: new Date("2026-03-01T00:00:00Z"),
    dueDate: new Date("2026-03-31T00:00:00Z"),
    retainagePercent: 0,
    lines: [{ contractLineId: contract.lines[0]!.id, description: "March", amount: 100_00 }],
  });
  await submitItem(t.db, c.pm, "INVOICE", id);
  await approveItem(t.db, c.pm2, "INVOICE", id);
  return id;
}

async function waitForRun(runId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await readSyncRun(t.db, c.companyId, runId);
    if (view.run.status !== "RUNNING") return view;
    if (Date.now() > until) throw new Error(`run ${runId} still running: ${JSON.stringify(view.counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const enqueue = () => enqueueWith(worker.boss);

describe("sync runs as jobs", () => {
  it("a click enqueues; the worker sends it; the page follows queued → synced; a second click is refused", async () => {
    const id = await approvedContract();
    const { runId } = await requestItemSync(t.db, c.pm, "CONTRACT", id, { enqueue: enqueue(), provider });
    const error = await requestItemSync(t.db, c.pm, "CONTRACT", id, { enqueue: enqueue(), provider }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.userMessage).toMatch(/^Already (syncing|synced)/);
    const view = await waitForRun(runId);
    expect(view.counts.SYNCED).toBe(1);
    expect((await readItemSyncProgress(t.db, c.companyId, "CONTRACT", id)).phase).toBe("synced");
    expect(provider.documents().filter((d) => d.itemType === "CONTRACT" && d.controlId.includes("po-"))).toHaveLength(
      1,
    );
  });

  it("sends a contract before its invoices, and skips the invoices (saying why) when the contract fails", async () => {
    const good = await approvedContract("RUN-GOOD");
    const goodInvoices = [await approvedInvoice(good, "G-1"), await approvedInvoice(good, "G-2")];
    const bad = await approvedContract("RUN-BAD");
    const badInvoice = await approvedInvoice(bad, "B-1");
    const before = provider.documents().length;
    // Invoices listed first on purpose: the run orders them after their contracts.
    const items = [
      ...goodInvoices.map((itemId) => ({ itemType: "INVOICE" as const, itemId })),
      { itemType: "INVOICE" as const, itemId: badInvoice },
      { itemType: "CONTRACT" as const, itemId: good },
      { itemType: "CONTRACT" as const, itemId: bad },
    ];
    // The first send (a contract, sent before any invoice) is refused.
    provider.queueFault("refuse");
    const { runId } = await startSyncRun(t.db, c.pm, { items, label: "Test run" }, { enqueue: enqueue() });
    const view = await waitForRun(runId);
    expect(view.run.total).toBe(5);
    // Both contracts go first, side by side; whichever met the refusal takes its invoices with it.
    const failed = view.items.find((i) => i.status === "FAILED");
    expect(failed?.itemType).toBe("CONTRACT");
    expect(failed?.message).toContain("refused");
    expect(failed?.fixHref).toMatch(/^\/projects\/.+\/contracts\//);
    const dependents = failed?.itemId === good ? 2 : 1;
    expect(view.counts).toMatchObject({ SYNCED: 4 - dependents, FAILED: 1, SKIPPED: dependents });
    for (const skipped of view.items.filter((i) => i.status === "SKIPPED"))
      expect(skipped.message).toBe(
        `Skipped: ${failed?.label} did not sync, and this item builds on it. Fix that one, then Retry failed.`,
      );
    expect(provider.documents().length - before).toBe(4 - dependents);

    // Retry failed: a new run of the failed and skipped items, which now go through.
    const retry = await retryFailedItems(t.db, c.pm, runId, { enqueue: enqueue() });
    const again = await waitForRun(retry.runId);
    expect(again.counts.SYNCED).toBe(1 + dependents);
    expect(provider.documents().length - before).toBe(5);
  }, 60_000);

  it("retries transient failures with backoff, and a lost reply is reconciled, never posted twice", async () => {
    const id = await approvedContract("RUN-FLAKY");
    provider.queueFault("unreachable");
    provider.queueFault("lose-reply");
    const { runId } = await requestItemSync(t.db, c.pm, "CONTRACT", id, { enqueue: enqueue(), provider });
    const view = await waitForRun(runId);
    expect(view.counts.SYNCED).toBe(1);
    expect(view.items[0]?.attempts).toBe(3);
    expect(provider.documents().filter((d) => d.documentNo === "RUN-FLAKY")).toHaveLength(1);
  });

  it("gives up after its tries with the last reason, never silently", async () => {
    const id = await approvedContract("RUN-DOWN");
    for (let i = 0; i < 6; i++) provider.queueFault("unreachable");
    const { runId } = await requestItemSync(t.db, c.pm, "CONTRACT", id, { enqueue: enqueue(), provider });
    const view = await waitForRun(runId, 60_000);
    expect(view.counts.FAILED).toBe(1);
    expect(view.items[0]?.message).toMatch(/^Gave up after 6 tries\. Last: The ledger could not be reached/);
    expect(provider.documents().filter((d) => d.documentNo === "RUN-DOWN")).toHaveLength(0);
  }, 70_000);

  it("cancel stops what has not been sent", async () => {
    const ids = [await approvedContract("RUN-C1"), await approvedContract("RUN-C2")];
    // Enqueue nothing, so both wait: a cancel then catches them queued.
    const { runId } = await startSyncRun(
      t.db,
      c.pm,
      { items: ids.map((itemId) => ({ itemType: "CONTRACT" as const, itemId })) },
      { enqueue: async () => undefined },
    );
    expect(await cancelSyncRun(t.db, c.companyId, runId)).toEqual({ cancelled: 2 });
    const view = await readSyncRun(t.db, c.companyId, runId);
    expect(view.run.status).toBe("CANCELLED");
    expect(view.counts.CANCELLED).toBe(2);
  });

  it("backoff grows exponentially with jitter and honours Retry-After", () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(100);
    expect(retryDelayMs(3, undefined, () => 1)).toBe(800);
    expect(retryDelayMs(30, undefined, () => 1)).toBe(60_000);
    expect(retryDelayMs(1, 5000, () => 0.5)).toBe(5000);
  });

  it("sync on approval: off by default; when on (audit-logged), approval enqueues the sync", async () => {
    const off = await approvedContract("RUN-APPROVE-OFF");
    expect(await syncOnApproval(t.db, c.pm2, "CONTRACT", off, { enqueue: enqueue() })).toBeNull();
    expect(await getSyncSettings(t.db, c.companyId)).toEqual({
      syncOnApproval: false,
      accountingReviewsBeforeSync: false,
      statusCheckMinutes: 15,
    });
    await saveSyncSettings(t.db, c.admin, { syncOnApproval: true });
    const audit = await t.db.auditLog.findFirst({ where: { companyId: c.companyId }, orderBy: { createdAt: "desc" } });
    expect(audit?.detail).toBe("Send items to accounting when they are approved: on");
    const on = await approvedContract("RUN-APPROVE-ON");
    const started = await syncOnApproval(t.db, c.pm2, "CONTRACT", on, { enqueue: enqueue() });
    expect(started).not.toBeNull();
    const view = await waitForRun(started!.runId);
    expect(view.run.label).toBe("Sent on approval");
    expect(view.counts.SYNCED).toBe(1);
    await saveSyncSettings(t.db, c.admin, { syncOnApproval: false });
  }, 30_000);

  it("lists approved items across types with filters, counts, search and paging; engine stats per company", async () => {
    const filter = { itemType: "CONTRACT" as const };
    const counts = await countSyncCandidates(t.db, c.companyId, filter);
    const all = await listSyncCandidates(t.db, c.companyId, filter, { page: 1, pageSize: 500 });
    expect(all.length).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(all.every((r) => r.itemType === "CONTRACT")).toBe(true);
    expect(all.find((r) => r.number === "RUN-APPROVE-OFF")?.syncState).toBe("NOT_SYNCED");
    expect(all.find((r) => r.number === "RUN-APPROVE-ON")?.syncState).toBe("SYNCED");
    const pageTwo = await listSyncCandidates(t.db, c.companyId, filter, { page: 2, pageSize: 2 });
    expect(pageTwo.map((r) => r.itemId)).toEqual(all.slice(2, 4).map((r) => r.itemId));
    const found = await listSyncCandidates(t.db, c.companyId, { search: "approve-off" }, { page: 1, pageSize: 10 });
    expect(found.map((r) => r.number)).toEqual(["RUN-APPROVE-OFF"]);
    // LIKE wildcards typed in the search are literal.
    expect(await listSyncCandidates(t.db, c.companyId, { search: "%" }, { page: 1, pageSize: 10 })).toEqual([]);
    const ready = await listReadyCandidateIds(t.db, c.companyId, filter, 1000);
    expect(ready.length).toBe(counts.NOT_SYNCED + counts.FAILED + counts.UNKNOWN);
    const other = await buildCompany(t.db, "Other Queue Co");
    expect(await listSyncCandidates(t.db, other.companyId, {}, { page: 1, pageSize: 10 })).toEqual([]);
    const stats = await readEngineStats(t.db, c.companyId);
    expect(stats.failed24h).toBeGreaterThanOrEqual(1);
    expect(await readEngineStats(t.db, other.companyId)).toEqual({
      queued: 0,
      running: 0,
      failed24h: 0,
      oldestWaitingAt: null,
    });
  });

  it("names what happened when it will try again", () => {
    expect(transientMessage("Sage Intacct", "timeout", "")).toBe(
      "Sage Intacct did not answer in time; the document has probably landed. Checking before anything is resent.",
    );
    expect(transientMessage("Sage Intacct", "server-error", "Temporarily unavailable (HTTP 500)")).toContain(
      "internal error (HTTP 500)",
    );
    expect(transientMessage("Sage Intacct", "rate-limited", "")).toContain("slow down");
    expect(transientMessage("Sage Intacct", "refused", "As it said.")).toBe("As it said.");
  });

  it("a run whose last items end at the same moment is marked done", async () => {
    for (let round = 0; round < 6; round++) {
      const ids = [await approvedContract(`RUN-TIE-${round}-A`), await approvedContract(`RUN-TIE-${round}-B`)];
      // No jobs: the two items are sent side by side right here, so they end together.
      const { runId, runItemIds } = await startSyncRun(
        t.db,
        c.pm,
        { items: ids.map((itemId) => ({ itemType: "CONTRACT" as const, itemId })) },
        { enqueue: async () => undefined },
      );
      await Promise.all(
        runItemIds.map((id) => processSyncRunItem(t.db, id, { enqueue: async () => undefined, provider })),
      );
      const view = await readSyncRun(t.db, c.companyId, runId);
      expect(view.counts.SYNCED).toBe(2);
      expect(view.run.status).toBe("DONE");
    }
  }, 60_000);
});

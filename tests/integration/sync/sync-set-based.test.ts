// The set-based paths of a batch (lib/sync/sync-service.ts): a chunk is loaded, claimed and finalized in a few
// statements, and each item keeps its own outcome. Two workers claiming overlapping chunks claim each item once; a
// blocked or refused item fails alone; a stale claim in a chunk is taken over (reconciling first) while a fresh one
// is left alone; a lost answer leaves each item unknown; and a batch's time box ends it inside its job's lease, even
// against a provider that never answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import type { AccountingProvider } from "@/lib/integrations/provider";
import { syncBatchDeadline } from "@/lib/jobs/worker";
import { type NewSyncJob, processSyncRunItems, startSyncRun } from "@/lib/sync/runs";
import { loadSyncProjects } from "@/lib/sync/items";
import { type SyncItemResult, syncItems, type SyncRequest } from "@/lib/sync/sync-service";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Set Based Co");
}, 60_000);
afterAll(async () => t?.drop());
beforeEach(() => {
  provider = createInMemoryProvider();
});

async function approvedContracts(count: number, { approve = true } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await buildContract(t.db, c);
    if (approve) {
      await submitItem(t.db, c.pm, "CONTRACT", id);
      await approveItem(t.db, c.pm2, "CONTRACT", id);
    }
    ids.push(id);
  }
  return ids;
}

const contracts = (ids: string[]): SyncRequest[] =>
  ids.map((itemId) => ({ itemType: "CONTRACT", itemId, actor: c.pm }));
const states = (results: SyncItemResult[]) =>
  results.map((r) =>
    r.kind === "outcome" ? r.outcome.state : r.kind === "error" && isAppError(r.error) ? r.error.code : r.kind,
  );

/** The provider, with every send held back a while (so that two batches overlap), or held forever. */
function delayed(base: InMemoryProvider, ms: number | "forever"): AccountingProvider {
  const wait = () => new Promise<void>((resolve) => (ms === "forever" ? undefined : setTimeout(resolve, ms)));
  return {
    ...base,
    async openSession(db, companyId, options) {
      const session = await base.openSession(db, companyId, options);
      return {
        ...session,
        send: async (...args) => (await wait(), session.send(...args)),
        sendMany: async (...args) => (await wait(), session.sendMany(...args)),
      };
    },
  };
}

describe("set-based batches", () => {
  it("two workers claiming overlapping chunks claim each item once", async () => {
    const ids = await approvedContracts(30);
    const slow = delayed(provider, 150);
    const [first, second] = await Promise.all([
      syncItems(t.db, c.companyId, contracts(ids.slice(0, 20)), { provider: slow }),
      syncItems(t.db, c.companyId, contracts(ids.slice(10)), { provider: slow }),
    ]);
    // The ten shared items: one batch sent each, the other was told it is already syncing (or synced).
    for (let i = 10; i < 20; i++) {
      const mine = [first![i], second![i - 10]].map((r) => r!.kind);
      expect(mine.sort()).toEqual(["error", "outcome"]);
    }
    expect([...states(first!), ...states(second!)].filter((s) => s === "SYNCED")).toHaveLength(30);
    // One attempt per item: no item was claimed twice.
    const attempts = await t.db.syncAttempt.groupBy({
      by: ["syncRecordId"],
      where: { syncRecord: { itemId: { in: ids } } },
      _count: { _all: true },
    });
    expect(attempts).toHaveLength(30);
    expect(attempts.every((a) => a._count._all === 1)).toBe(true);
    expect(provider.documents()).toHaveLength(30);
  });

  it("the same item twice in one chunk is claimed and sent once", async () => {
    const [id] = await approvedContracts(1);
    const results = await syncItems(t.db, c.companyId, contracts([id!, id!]), { provider });
    expect(states(results)).toEqual(["SYNCED", "CONFLICT"]);
    expect(await t.db.syncAttempt.count({ where: { syncRecord: { itemId: id } } })).toBe(1);
    expect(provider.documents()).toHaveLength(1);
  });

  it("tells the provider which projects a batch is in, once, for it to read what the plans need", async () => {
    const ids = await approvedContracts(3);
    const told: string[][] = [];
    const withPrefetch: AccountingProvider = {
      ...provider,
      async openSession(db, companyId, options) {
        const session = await provider.openSession(db, companyId, options);
        return { ...session, prefetch: (projects) => void told.push(projects.map((p) => p.id)) };
      },
    };
    const results = await syncItems(t.db, c.companyId, contracts(ids), { provider: withPrefetch });
    expect(states(results)).toEqual(ids.map(() => "SYNCED"));
    expect(told).toEqual([[c.projectId]]);
    // Scoped to the company: another company's item names no project of its own here.
    const other = await buildCompany(t.db, "Other Set Co");
    expect(await loadSyncProjects(t.db, other.companyId, contracts(ids))).toEqual([]);
  });

  it("a blocked item and a refused one fail alone; their chunk mates sync", async () => {
    const [draft] = await approvedContracts(1, { approve: false });
    const ids = await approvedContracts(3);
    provider.queueFault("refuse");
    const results = await syncItems(t.db, c.companyId, contracts([ids[0]!, draft!, ids[1]!, ids[2]!]), { provider });
    expect(states(results)).toEqual(["FAILED", "blocked", "SYNCED", "SYNCED"]);
    expect(results[1]).toMatchObject({ kind: "blocked", blockers: [{ message: expect.stringContaining("approved") }] });
    // Nothing was claimed for the blocked item; the refused one says so and may be sent again after a fix.
    expect(await t.db.syncRecord.findFirst({ where: { itemId: draft } })).toBeNull();
    const refused = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: ids[0] } });
    expect(refused).toMatchObject({ state: "FAILED", claimedAt: null, lastErrorCode: "refused" });
    expect(provider.documents()).toHaveLength(2);
  });

  it("takes over a stale claim in a chunk (reconciling first) and leaves a fresh one alone", async () => {
    const ids = await approvedContracts(4);
    const claim = (itemId: string, claimedAt: Date) =>
      t.db.syncRecord.create({
        data: { companyId: c.companyId, itemType: "CONTRACT", itemId, state: "SYNCING", claimedAt },
      });
    await claim(ids[0]!, new Date(Date.now() - 120_000));
    await claim(ids[1]!, new Date(Date.now() - 1_000));
    const results = await syncItems(t.db, c.companyId, contracts(ids), { provider, staleClaimMs: 60_000 });
    expect(states(results)).toEqual(["SYNCED", "CONFLICT", "SYNCED", "SYNCED"]);
    expect(results[1]).toMatchObject({
      kind: "error",
      error: { userMessage: expect.stringMatching(/^Already syncing/) },
    });
    // Only the taken-over item was looked up before sending (a dead worker may have posted it).
    expect(provider.requests().filter((r) => r.startsWith("lookup"))).toHaveLength(1);
    const fresh = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: ids[1] } });
    expect(fresh.state).toBe("SYNCING");
    expect(provider.documents()).toHaveLength(3);
  });

  it("a lost answer leaves each item of the chunk unknown, released, to reconcile before any resend", async () => {
    const ids = await approvedContracts(5);
    provider.queueFault("lose-reply");
    const results = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(states(results)).toEqual(ids.map(() => "UNKNOWN"));
    expect(results.every((r) => r.kind === "outcome" && r.outcome.retryable)).toBe(true);
    const records = await t.db.syncRecord.findMany({ where: { itemId: { in: ids } }, include: { attempts: true } });
    for (const record of records) {
      expect(record).toMatchObject({ state: "UNKNOWN", claimedAt: null, lastErrorCode: "timeout" });
      expect(record.attempts.map((a) => a.outcome)).toEqual(["unknown"]);
    }
    const again = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(again.map((r) => r.kind === "outcome" && r.outcome.code)).toEqual(ids.map(() => "adopted"));
    expect(provider.documents()).toHaveLength(5);
  });

  it("a batch's time box ends it as unknown against a provider that never answers", async () => {
    const ids = await approvedContracts(3);
    const started = Date.now();
    const results = await syncItems(t.db, c.companyId, contracts(ids), {
      provider: delayed(provider, "forever"),
      deadline: { startBy: started + 60_000, endBy: started + 400 },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(states(results)).toEqual(ids.map(() => "UNKNOWN"));
    const records = await t.db.syncRecord.findMany({ where: { itemId: { in: ids } } });
    expect(records.map((r) => [r.state, r.claimedAt])).toEqual(ids.map(() => ["UNKNOWN", null]));
  });

  it("a chunk not started before the batch's time runs out goes back to the queue untried", async () => {
    const ids = await approvedContracts(3);
    const jobs: NewSyncJob[] = [];
    const { runItemIds } = await startSyncRun(
      t.db,
      c.pm,
      { items: ids.map((itemId) => ({ itemType: "CONTRACT" as const, itemId })) },
      { enqueue: async (_tx, newJobs) => void jobs.push(...newJobs) },
    );
    jobs.length = 0;
    const now = Date.now();
    const settled = await processSyncRunItems(t.db, runItemIds, {
      enqueue: async (_tx, newJobs) => void jobs.push(...newJobs),
      provider,
      deadline: { startBy: now - 1, endBy: now + 60_000 },
    });
    expect(settled.map((s) => s.ok && s.result.status)).toEqual(ids.map(() => "QUEUED"));
    const items = await t.db.syncRunItem.findMany({ where: { id: { in: runItemIds } } });
    // Not counted as a try, and queued again at once (no start-after), nothing claimed or sent.
    expect(items.map((i) => [i.status, i.attempts])).toEqual(ids.map(() => ["QUEUED", 0]));
    expect(jobs.map((j) => j.startAfterMs)).toEqual(ids.map(() => undefined));
    expect(await t.db.syncRecord.count({ where: { itemId: { in: ids } } })).toBe(0);
    expect(provider.requests()).toEqual([]);
  });
});

describe("syncBatchDeadline", () => {
  it("ends a batch inside its lease, leaving room for the endings, for any lease", () => {
    for (const leaseSeconds of [10, 60, 240, 3600]) {
      const { startBy, endBy } = syncBatchDeadline(1_000_000, leaseSeconds);
      expect(startBy).toBeGreaterThan(1_000_000);
      expect(endBy).toBeGreaterThan(startBy);
      expect(1_000_000 + leaseSeconds * 1000 - endBy).toBeGreaterThanOrEqual((leaseSeconds * 1000) / 4);
    }
  });
});

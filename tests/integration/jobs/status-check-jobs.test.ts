// The status check as jobs (pg-boss on the test database) against the in-memory provider: "Check now" queues one
// check per company however often it is clicked, a worker runs it, the schedule finds companies that are due, and
// "Send again as a new document" goes through a sync run with new control ids.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { QUEUES } from "@/lib/jobs/queue";
import { enqueueDueStatusChecks, enqueueStatusCheckWith } from "@/lib/jobs/status-jobs";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { readSyncRun, startSyncRun } from "@/lib/sync/runs";
import {
  listCompaniesDueForStatusCheck,
  readStatusCheckState,
  requestStatusCheck,
  sendAgainAsNewDocument,
} from "@/lib/sync/status-check";
import { controlIdFor, syncItem } from "@/lib/sync/sync-service";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;
let worker: Worker;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Status Jobs Co");
  provider = createInMemoryProvider();
  worker = await startWorker({ db: t.db, connectionString: t.url, provider });
}, 60_000);
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.drop();
});

async function syncedContract() {
  const { id } = await buildContract(t.db, c);
  await submitItem(t.db, c.pm, "CONTRACT", id);
  await approveItem(t.db, c.pm2, "CONTRACT", id);
  const outcome = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
  return { id, key: outcome.intacctKey };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("status check jobs", () => {
  it("Check now with nothing synced says so", async () => {
    const empty = await buildCompany(t.db, "Empty Co");
    await expect(
      requestStatusCheck(t.db, empty.companyId, { actorId: empty.pm.id }, { enqueue: async () => undefined }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("three clicks queue one check; the worker runs it and records the outcome", async () => {
    const contract = await syncedContract();
    provider.accountant.approve(contract.key);
    // Hold the queue so the three clicks meet one queued job, then let the worker take it.
    await worker.boss.offWork(QUEUES.statusCheck);
    const enqueue = enqueueStatusCheckWith(worker.boss);
    for (let i = 0; i < 3; i++) await requestStatusCheck(t.db, c.companyId, { actorId: c.pm.id }, { enqueue });
    const queued = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pgboss.job WHERE name = ${QUEUES.statusCheck} AND singleton_key = ${c.companyId}`;
    expect(Number(queued[0]?.n)).toBe(1);
    await worker.stop({ graceful: false });
    worker = await startWorker({ db: t.db, connectionString: t.url, provider });
    const state = await until(
      () => readStatusCheckState(t.db, c.companyId),
      (s) => s.lastSuccessAt !== null,
    );
    expect(state).toMatchObject({ running: false, lastError: "" });
    const record = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: contract.id } });
    expect(record.intacctState).toBe("Approved");
  });

  it("the schedule: a connected company with synced items and no check yet is due; once checked, it is not", async () => {
    const other = await buildCompany(t.db, "Scheduled Co");
    await t.db.integrationConnection.create({
      data: { companyId: other.companyId, provider: "SAGE_INTACCT", status: "CONNECTED" },
    });
    const { id } = await buildContract(t.db, other);
    await submitItem(t.db, other.pm, "CONTRACT", id);
    await approveItem(t.db, other.pm2, "CONTRACT", id);
    await syncItem(t.db, other.pm, "CONTRACT", id, { provider });
    expect(await listCompaniesDueForStatusCheck(t.db)).toContain(other.companyId);
    const enqueued: string[] = [];
    await enqueueDueStatusChecks(t.db, async (companyId) => void enqueued.push(companyId));
    expect(enqueued).toContain(other.companyId);
    await t.db.statusCheck.create({
      data: { companyId: other.companyId, nextDueAt: new Date(Date.now() + 15 * 60_000) },
    });
    expect(await listCompaniesDueForStatusCheck(t.db)).not.toContain(other.companyId);
    await t.db.company.update({ where: { id: other.companyId }, data: { statusCheckMinutes: 0 } });
    await t.db.statusCheck.update({ where: { companyId: other.companyId }, data: { nextDueAt: new Date(0) } });
    expect(await listCompaniesDueForStatusCheck(t.db)).not.toContain(other.companyId);
  });

  it("two workers sweeping at once enqueue each due company once (one sweeps, the other skips)", async () => {
    for (const name of ["Sweep Co A", "Sweep Co B"]) {
      const company = await buildCompany(t.db, name);
      await t.db.integrationConnection.create({
        data: { companyId: company.companyId, provider: "SAGE_INTACCT", status: "CONNECTED" },
      });
      const { id } = await buildContract(t.db, company);
      await submitItem(t.db, company.pm, "CONTRACT", id);
      await approveItem(t.db, company.pm2, "CONTRACT", id);
      await syncItem(t.db, company.pm, "CONTRACT", id, { provider });
    }
    const due = await listCompaniesDueForStatusCheck(t.db);
    expect(due.length).toBeGreaterThanOrEqual(2);
    const enqueued: string[] = [];
    // A queue that takes its time: the sweeps overlap for as long as one of them is sending.
    const slowEnqueue = async (companyId: string) => {
      await new Promise((r) => setTimeout(r, 100));
      enqueued.push(companyId);
    };
    const counts = await Promise.all([
      enqueueDueStatusChecks(t.db, slowEnqueue),
      enqueueDueStatusChecks(t.db, slowEnqueue),
    ]);
    expect([...enqueued].sort()).toEqual([...due].sort());
    expect(counts.sort()).toEqual([0, due.length]);
    // The lock ends with the sweep: the next minute's sweep runs again.
    expect(await enqueueDueStatusChecks(t.db, async () => undefined)).toBe(due.length);
  });

  it("send again as a new document runs as a sync job with the next generation's control ids", async () => {
    const contract = await syncedContract();
    const before = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: contract.id } });
    provider.accountant.remove(contract.key);
    await t.db.syncRecord.update({ where: { id: before.id }, data: { drift: "DELETED" } });
    const { runId } = await sendAgainAsNewDocument(
      t.db,
      c.companyId,
      { itemType: "CONTRACT", itemId: contract.id },
      c.pm,
      {
        startSync: (user) =>
          startSyncRun(
            t.db,
            user,
            { items: [{ itemType: "CONTRACT", itemId: contract.id }], single: true },
            {
              enqueue: enqueueWith(worker.boss),
            },
          ),
      },
    );
    await until(
      () => readSyncRun(t.db, c.companyId, runId),
      (view) => view.run.status !== "RUNNING",
    );
    const after = await t.db.syncRecord.findFirstOrThrow({ where: { itemId: contract.id } });
    expect(after).toMatchObject({ state: "SYNCED", generation: before.generation + 1 });
    expect(provider.requests()).toContain(`send ${controlIdFor("CONTRACT", after)}`);
    expect(provider.requests().filter((r) => r === `send ${controlIdFor("CONTRACT", before)}`)).toHaveLength(1);
  });
});

// The worker's one JSON line per job, queue by queue: "job done" with that queue's own figures, or "job failed"
// with the error and the time it took. Operators grep these lines, so their shape is part of the worker's contract.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { logger } from "@/lib/logger";
import { QUEUES } from "@/lib/jobs/queue";
import { enqueueStatusCheckWith } from "@/lib/jobs/status-jobs";
import { enqueueRefreshJob, enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { requestItemSync } from "@/lib/sync/runs";
import { requestStatusCheck } from "@/lib/sync/status-check";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

type Line = { level: "info" | "warn" | "error"; fields: Record<string, unknown>; message: string };

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;
let worker: Worker;
const lines: Line[] = [];

beforeAll(async () => {
  for (const level of ["info", "warn", "error"] as const)
    vi.spyOn(logger, level).mockImplementation(((fields: Record<string, unknown>, message: string) => {
      lines.push({ level, fields, message });
    }) as never);
  t = await createTestDb();
  c = await buildCompany(t.db, "Job Lines Co");
  provider = createInMemoryProvider();
  worker = await startWorker({ db: t.db, connectionString: t.url, provider });
}, 60_000);
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.drop();
  vi.restoreAllMocks();
});

async function jobLine(queue: string, match: (fields: Record<string, unknown>) => boolean): Promise<Line> {
  const end = Date.now() + 20_000;
  for (;;) {
    const line = lines.find((l) => l.fields.queue === queue && l.message.startsWith("job ") && match(l.fields));
    if (line) return line;
    if (Date.now() > end) throw new Error(`no job line for ${queue}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the worker's job lines", () => {
  it("sync: job done with the run item, the provider's result, the batch and the batch's time", async () => {
    const { id } = await buildContract(t.db, c);
    await submitItem(t.db, c.pm, "CONTRACT", id);
    await approveItem(t.db, c.pm2, "CONTRACT", id);
    const { runItemId } = await requestItemSync(t.db, c.pm, "CONTRACT", id, {
      enqueue: enqueueWith(worker.boss),
      provider,
    });
    const line = await jobLine(QUEUES.sync, (f) => f.runItemId === runItemId);
    expect(line).toMatchObject({ level: "info", message: "job done", fields: { runItemId, batch: 1 } });
    expect(line.fields.job).toEqual(expect.any(String));
    expect(line.fields.ms).toEqual(expect.any(Number));
    expect(Object.keys(line.fields).slice(0, 3)).toEqual(["job", "queue", "runItemId"]);
    expect(Object.keys(line.fields).slice(-2)).toEqual(["batch", "ms"]);

    // The status check of what was synced: job done with the outcome's figures (no time of its own).
    await requestStatusCheck(t.db, c.companyId, { actorId: c.pm.id }, { enqueue: enqueueStatusCheckWith(worker.boss) });
    const done = await jobLine(QUEUES.statusCheck, (f) => f.companyId === c.companyId);
    expect(done).toMatchObject({ level: "info", message: "job done", fields: { companyId: c.companyId } });
    expect(done.fields).toHaveProperty("requests");
    expect(done.fields).not.toHaveProperty("ms");

    // The provider down: job failed, a warning with the error and the time.
    lines.length = 0;
    provider.queueFault("down");
    await requestStatusCheck(t.db, c.companyId, { actorId: c.pm.id }, { enqueue: enqueueStatusCheckWith(worker.boss) });
    const failed = await jobLine(QUEUES.statusCheck, () => true);
    expect(failed).toMatchObject({ level: "warn", message: "job failed" });
    expect((failed.fields.err as Error).message).toBe("ledger down");
    expect(failed.fields.ms).toEqual(expect.any(Number));
  }, 60_000);

  it("reference refresh: job done with the company and the time, even when the refresh itself failed", async () => {
    // Not connected: runRefreshJob records the failure on the lists and resolves.
    await enqueueRefreshJob({ companyId: c.companyId, types: ["VENDOR"], full: false }, worker.boss);
    const line = await jobLine(QUEUES.refresh, (f) => f.companyId === c.companyId);
    expect(line).toMatchObject({ level: "info", message: "job done" });
    expect(Object.keys(line.fields)).toEqual(["job", "queue", "companyId", "ms"]);
  }, 30_000);

  it("vendor import: job done with the import, its state and progress, and the time; a throw is job failed", async () => {
    const row = await t.db.vendorImport.create({
      data: {
        companyId: c.companyId,
        requestedById: c.admin.id,
        requestedByName: "Admin",
        vendorIds: ["V-1"],
        total: 1,
      },
    });
    await worker.boss.send(QUEUES.vendorImport, { importId: row.id });
    // Not connected: the import ends FAILED with its reason, and the job is done.
    const line = await jobLine(QUEUES.vendorImport, (f) => f.importId === row.id);
    expect(line).toMatchObject({
      level: "info",
      message: "job done",
      fields: { importId: row.id, state: "FAILED", processed: 0 },
    });
    expect(Object.keys(line.fields)).toEqual(["job", "queue", "importId", "state", "processed", "ms"]);

    // Our own database refuses the id: the job fails alone, with a warning.
    const job = await worker.boss.send(QUEUES.vendorImport, { importId: "not-a-uuid" });
    const failed = await jobLine(QUEUES.vendorImport, (f) => f.job === job);
    expect(failed).toMatchObject({ level: "warn", message: "job failed" });
    expect(Object.keys(failed.fields)).toEqual(["job", "queue", "err", "ms"]);
  }, 30_000);
});

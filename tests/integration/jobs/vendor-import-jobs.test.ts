// Import from Sage Intacct as a job (pg-boss on the test database, the demo mock Intacct): the worker runs it in
// chunks and saves progress after each; a worker that stops mid-chunk leaves a job that runs again on another worker
// once its lease expires and creates nothing twice; one import per company at a time; another company sees none of
// it; bad input and a failing Intacct end with a clear message.
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeIntacctConnections } from "@/lib/intacct";
import { refreshReferences } from "@/lib/integrations/sage-intacct/references";
import {
  readVendorImport,
  runVendorImport,
  startVendorImport,
  ZStartVendorImportInput,
} from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";
import { enqueueVendorImportWith } from "@/lib/jobs/import-jobs";
import { startBoss } from "@/lib/jobs/queue";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { buildCompany } from "../../helpers/builders";
import { setUpConnectedDemo, type ConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";
import { createMockClient, nextControlId } from "../intacct-helpers";

let t: TestDb;
let demo: ConnectedDemo;
let web: PgBoss;
const workers: Worker[] = [];

// Vendors that exist only in Intacct, created in the mock for this file (the demo links all of its own).
const vendorIds = (prefix: number, n: number) => Array.from({ length: n }, (_, i) => `V-${prefix + i}`);
const CHUNKED = vendorIds(3001, 7);
const CRASHED = vendorIds(3101, 4);
const LATER = vendorIds(3201, 2);

beforeAll(async () => {
  // Small chunks so a handful of vendors spans several; a short lease so a stalled worker's job runs again soon.
  process.env.VENDOR_IMPORT_CHUNK = "3";
  process.env.VENDOR_IMPORT_LEASE_SECONDS = "3";
  process.env.JOB_MAINTENANCE_SECONDS = "1";
  t = await createTestDb();
  demo = await setUpConnectedDemo(t.db);
  const client = createMockClient(demo.mock);
  for (const id of [...CHUNKED, ...CRASHED, ...LATER]) {
    const outcome = await client.createVendor({
      controlId: nextControlId("vendor"),
      vendorId: id,
      name: `Import Job Vendor ${id}`,
      taxId: "",
      contact: {},
    });
    expect(outcome.status).toBe("done");
  }
  await refreshReferences(t.db, demo.companyId, { client, types: ["VENDOR"] });
  web = await startBoss(t.url, "web");
}, 90_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop({ graceful: false }).catch(() => undefined);
  await web?.stop({ graceful: false });
  await demo?.mock.close();
  await closeIntacctConnections();
  await t?.drop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const companiesLinkedTo = (ids: string[]) =>
  t.db.accountingCompany.groupBy({
    by: ["intacctVendorId"],
    where: { companyId: demo.companyId, intacctVendorId: { in: ids } },
    _count: true,
  });

describe("vendor import jobs", () => {
  it("a worker runs the import in chunks, saving the counts after each, and ends on every vendor's outcome", async () => {
    const seen: { from: number; saved: number }[] = [];
    const worker = await startWorker({
      db: t.db,
      connectionString: t.url,
      statusScheduleMs: 0,
      vendorImport: {
        // Right after a chunk's writes: what the import row says then is what the previous chunks saved.
        afterChunkWrites: async ({ from }) => {
          const row = await t.db.vendorImport.findFirstOrThrow({ where: { companyId: demo.companyId } });
          seen.push({ from, saved: row.processed });
        },
      },
    });
    workers.push(worker);
    // Our "Apex Concrete Inc." unlinked again: V-1001 links to it instead of creating a second one.
    await t.db.accountingCompany.updateMany({
      where: { companyId: demo.companyId, intacctVendorId: "V-1001" },
      data: { intacctVendorId: null },
    });
    const ids = [...CHUNKED.slice(0, 5), "V-1001", "V-9999", ...CHUNKED.slice(5)];
    const started = await startVendorImport(
      t.db,
      demo.admin,
      { vendorIds: ids, all: false, query: "" },
      { enqueue: enqueueVendorImportWith(web) },
    );
    expect(started).toMatchObject({ alreadyRunning: false, import: { state: "QUEUED", total: 9, processed: 0 } });
    const done = await until(
      () => readVendorImport(t.db, demo.companyId, started.import.id),
      (view) => view?.state === "DONE",
    );
    expect(seen).toEqual([
      { from: 0, saved: 0 },
      { from: 3, saved: 3 },
      { from: 6, saved: 6 },
    ]);
    expect(done).toMatchObject({ total: 9, processed: 9, created: 7, linked: 1, skipped: 1, error: "" });
    expect(done?.finishedAt).not.toBeNull();
    expect(done?.outcomes?.map((o) => [o.vendorId, o.status])).toEqual(
      ids.map((id) => [id, id === "V-1001" ? "linked" : id === "V-9999" ? "skipped" : "created"]),
    );
    expect(done?.outcomes?.find((o) => o.vendorId === "V-9999")?.reason).toMatch(/not found in Sage Intacct/);
    expect((await companiesLinkedTo(CHUNKED)).map((g) => g._count)).toEqual(CHUNKED.map(() => 1));
    // Each chunk is audit-logged as the one who asked for the import.
    const audits = await t.db.auditLog.findMany({
      where: { companyId: demo.companyId, action: "integration.import-vendors" },
    });
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorId === demo.admin.id)).toBe(true);
    await worker.stop({ graceful: false });
    workers.splice(workers.indexOf(worker), 1);
  }, 60_000);

  it("a worker that stalls mid-chunk: the job runs again on another worker after its lease, and nothing is created twice", async () => {
    let release: () => void = () => undefined;
    let stalled = false;
    const stuck = await startWorker({
      db: t.db,
      connectionString: t.url,
      statusScheduleMs: 0,
      vendorImport: {
        // The worst moment to die: the chunk's companies are written, its progress is not.
        afterChunkWrites: async () => {
          if (stalled) return;
          stalled = true;
          await new Promise<void>((resolve) => (release = resolve));
        },
      },
    });
    workers.push(stuck);
    const started = await startVendorImport(
      t.db,
      demo.admin,
      { vendorIds: CRASHED, all: false, query: "" },
      { enqueue: enqueueVendorImportWith(web) },
    );
    await until(
      async () => stalled,
      (value) => value,
    );
    expect((await companiesLinkedTo(CRASHED)).length).toBe(3);
    // The import is RUNNING and blocks a second one meanwhile.
    const second = await startVendorImport(
      t.db,
      demo.pm,
      { vendorIds: LATER, all: false, query: "" },
      { enqueue: enqueueVendorImportWith(web) },
    );
    expect(second).toMatchObject({ alreadyRunning: true, import: { id: started.import.id, state: "RUNNING" } });

    const survivor = await startWorker({ db: t.db, connectionString: t.url, statusScheduleMs: 0 });
    workers.push(survivor);
    const done = await until(
      () => readVendorImport(t.db, demo.companyId, started.import.id),
      (view) => view?.state === "DONE",
      60_000,
    );
    // The re-run found the first chunk's companies (its own, made before the stall) and counted them once.
    expect(done).toMatchObject({ total: 4, processed: 4, created: 4, linked: 0, skipped: 0 });
    expect(done?.outcomes?.map((o) => o.vendorId)).toEqual(CRASHED);
    // The stalled worker wakes up: its progress no longer matches, so it saves nothing.
    release();
    await new Promise((r) => setTimeout(r, 500));
    const after = await readVendorImport(t.db, demo.companyId, started.import.id);
    expect(after).toMatchObject({ processed: 4, created: 4, outcomes: done?.outcomes });
    expect((await companiesLinkedTo(CRASHED)).map((g) => g._count)).toEqual(CRASHED.map(() => 1));
    expect(
      await t.db.accountingCompany.count({ where: { companyId: demo.companyId, name: { startsWith: "Import Job" } } }),
    ).toBe(CHUNKED.length + CRASHED.length);
  }, 90_000);

  it("one import per company at a time; another company sees none of it", async () => {
    const held: string[] = [];
    const hold = async (_tx: unknown, importId: string) => void held.push(importId);
    const first = await startVendorImport(
      t.db,
      demo.admin,
      { vendorIds: LATER, all: false, query: "" },
      { enqueue: hold },
    );
    const again = await startVendorImport(
      t.db,
      demo.pm,
      { vendorIds: ["V-1026"], all: true, query: "" },
      { enqueue: hold },
    );
    expect(again).toMatchObject({ alreadyRunning: true, import: { id: first.import.id, total: 2 } });
    expect(held).toEqual([first.import.id]);
    expect(await readVendorImport(t.db, demo.companyId)).toMatchObject({ id: first.import.id, state: "QUEUED" });

    const other = await buildCompany(t.db, "Other Import Co");
    await expect(readVendorImport(t.db, other.companyId, first.import.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await readVendorImport(t.db, other.companyId)).toBeNull();
    // Not connected: refused in the request, nothing stored.
    await expect(
      startVendorImport(t.db, other.admin, { vendorIds: LATER, all: false, query: "" }, { enqueue: hold }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await t.db.vendorImport.count({ where: { companyId: other.companyId } })).toBe(0);

    // The held import runs (as its job would) and frees the company for the next one.
    expect(await runVendorImport(t.db, first.import.id)).toEqual({ state: "DONE", processed: 2 });
    expect(await runVendorImport(t.db, first.import.id)).toEqual({ state: "DONE", processed: 2 });
    expect(await readVendorImport(t.db, demo.companyId)).toBeNull();
  }, 60_000);

  it("an import that lost its worker for good no longer blocks the next one", async () => {
    const stale = await t.db.vendorImport.create({
      data: {
        companyId: demo.companyId,
        requestedById: demo.admin.id,
        requestedByName: demo.admin.name,
        state: "RUNNING",
        vendorIds: ["V-1026"],
        total: 1,
        startedAt: new Date(Date.now() - 3_600_000),
      },
    });
    await t.db
      .$executeRaw`UPDATE "VendorImport" SET "updatedAt" = now() - interval '1 hour' WHERE id = ${stale.id}::uuid`;
    expect(await readVendorImport(t.db, demo.companyId, stale.id)).toMatchObject({
      state: "FAILED",
      error: expect.stringMatching(/interrupted/),
    });
    const next = await startVendorImport(
      t.db,
      demo.admin,
      { vendorIds: ["V-1026"], all: false, query: "" },
      {
        enqueue: async () => undefined,
      },
    );
    expect(next.alreadyRunning).toBe(false);
    expect(await t.db.vendorImport.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ state: "FAILED" });
    await runVendorImport(t.db, next.import.id);
  });

  it("refuses bad input with a clear message, and ends on Intacct's refusal with its reason", async () => {
    const issue = (input: unknown) => ZStartVendorImportInput.safeParse(input).error?.issues[0]?.message;
    expect(issue({ vendorIds: [] })).toBe("Choose at least one Sage Intacct vendor");
    expect(issue({})).toBe("Choose at least one Sage Intacct vendor");
    expect(issue({ vendorIds: Array.from({ length: 5001 }, (_, i) => `V-${i}`) })).toMatch(/at most 5000/);
    expect(issue({ vendorIds: ["V-1", ""] })).toBe("Choose a record from Sage Intacct");
    expect(issue({ all: true, query: "x".repeat(101) })).toMatch(/at most 100 characters/);
    // "All" when every vendor has a company already (this search matches none left).
    await expect(
      startVendorImport(
        t.db,
        demo.admin,
        { vendorIds: [], all: true, query: "Import Job Vendor" },
        {
          enqueue: async () => undefined,
        },
      ),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", userMessage: expect.stringMatching(/No Sage Intacct vendor/) });

    const vendor = vendorIds(3301, 1);
    const refused = await startVendorImport(
      t.db,
      demo.admin,
      { vendorIds: vendor, all: false, query: "" },
      {
        enqueue: async () => undefined,
      },
    );
    const client = createMockClient(demo.mock, { userPassword: "wrong-password" });
    expect(await runVendorImport(t.db, refused.import.id, { client })).toMatchObject({ state: "FAILED" });
    expect(await readVendorImport(t.db, demo.companyId, refused.import.id)).toMatchObject({
      state: "FAILED",
      processed: 0,
      error: expect.stringMatching(/Reading the vendors from Sage Intacct failed/),
      outcomes: [],
    });
    // Outcomes stored in a shape we do not know read as none, not as a crash.
    await t.db.vendorImport.update({ where: { id: refused.import.id }, data: { outcomes: { not: "a list" } } });
    expect((await readVendorImport(t.db, demo.companyId, refused.import.id))?.outcomes).toEqual([]);
  });
});

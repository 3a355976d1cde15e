// The reference cache against the mock Intacct over HTTP: paging, incremental refresh by WHENMODIFIED, inactive and
// deleted records, failures recorded, tenant scoping.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeIntacctConnections, type IntacctClient } from "@/lib/intacct";
import {
  findReference,
  listProjectTasks,
  refreshReferences,
  searchReferences,
} from "@/lib/integrations/sage-intacct/references";
import { getRefreshStatus } from "@/lib/integrations/sage-intacct/references/refresh";
import type { MockIntacct } from "@/tools/mock-intacct";
import { buildCompany, type TestCompany } from "../../../helpers/builders";
import { createTestDb, type TestDb } from "../../../helpers/test-db";
import { createMockClient, startMock } from "../../intacct-helpers";

let t: TestDb;
let mock: MockIntacct;
let intacct: IntacctClient;
let company: TestCompany;

async function upsertInMock(object: string, record: Record<string, string>, remove = false) {
  const response = await fetch(`${mock.url}/__mock/records`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ object, record, delete: remove }),
  });
  if (!response.ok) throw new Error(`mock records: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  t = await createTestDb();
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
  await t.drop();
});
beforeEach(async () => {
  mock.reset();
  intacct = createMockClient(mock);
  company = await buildCompany(t.db);
});

describe("refreshReferences", () => {
  it("reads every list into the cache, inactive records included, tasks and cost types scoped by project", async () => {
    const results = await refreshReferences(t.db, company.companyId, { client: intacct });
    expect(results.every((r) => r.mode === "full" && !r.error)).toBe(true);
    const vendors = await t.db.intacctReference.count({ where: { companyId: company.companyId, type: "VENDOR" } });
    expect(vendors).toBe(27);
    expect(await findReference(t.db, company.companyId, "VENDOR", "V-1001")).toMatchObject({
      name: "Apex Concrete, Inc",
      active: true,
      data: { taxId: "84-1234501" },
    });
    expect(await findReference(t.db, company.companyId, "VENDOR", "V-1022")).toMatchObject({
      name: "Peak Demolition",
      active: false,
    });
    expect(await findReference(t.db, company.companyId, "PROJECT", "P-1003")).toMatchObject({ parentId: "E200" });
    expect(await findReference(t.db, company.companyId, "GL_ACCOUNT", "6900")).toMatchObject({ active: false });
    expect(await findReference(t.db, company.companyId, "STANDARD_TASK", "03-3000")).toMatchObject({
      name: "Cast-In-Place Concrete",
    });

    const tasks = await listProjectTasks(t.db, company.companyId, "P-1001");
    expect(tasks.length).toBeGreaterThan(40);
    expect(tasks.map((x) => x.externalId)).not.toContain("03-3000"); // the mock leaves it out of P-1001 on purpose
    expect(tasks.every((x) => x.scope === "P-1001" && x.parentId)).toBe(true);
    const task = tasks[0];
    const costTypes = await t.db.intacctReference.findMany({
      where: { companyId: company.companyId, type: "COST_TYPE", scope: `P-1001/${task?.externalId}` },
    });
    expect(costTypes.length).toBeGreaterThan(0);

    const status = await getRefreshStatus(t.db, company.companyId);
    expect(status.running).toBe(false);
    expect(status.lastRefreshedAt).toBeInstanceOf(Date);
    const vendorState = await t.db.referenceRefresh.findUniqueOrThrow({
      where: { companyId_type: { companyId: company.companyId, type: "VENDOR" } },
    });
    expect(vendorState).toMatchObject({ status: "IDLE", processed: 27, error: "" });
    expect(vendorState.highWaterMark).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  });

  it("refreshes incrementally from the WHENMODIFIED high-water mark", async () => {
    await refreshReferences(t.db, company.companyId, { types: ["VENDOR"], client: intacct });
    await upsertInMock("VENDOR", { VENDORID: "V-1001", NAME: "Apex Concrete, Inc", STATUS: "inactive" });
    await upsertInMock("VENDOR", { VENDORID: "V-2001", NAME: "Newco Paving", STATUS: "active" });
    mock.clearRequests();

    const [result] = await refreshReferences(t.db, company.companyId, { types: ["VENDOR"], client: intacct });
    expect(result).toMatchObject({ type: "VENDOR", mode: "incremental" });
    // Only what changed since the mark (plus records stamped in the mark's second), not all 29.
    expect(result?.processed).toBeGreaterThanOrEqual(2);
    expect(result?.processed).toBeLessThan(10);
    expect(await findReference(t.db, company.companyId, "VENDOR", "V-1001")).toMatchObject({ active: false });
    expect(await findReference(t.db, company.companyId, "VENDOR", "V-2001")).toMatchObject({
      name: "Newco Paving",
      active: true,
    });
    // Untouched records stay as they were: an incremental read proves nothing about absence.
    expect(await findReference(t.db, company.companyId, "VENDOR", "V-1027")).toMatchObject({ active: true });
  });

  it("a full refresh keeps records deleted in Intacct, inactive, and pickers stop offering inactive ones", async () => {
    await refreshReferences(t.db, company.companyId, { types: ["VENDOR"], client: intacct });
    await upsertInMock("VENDOR", { VENDORID: "V-1027" }, true);
    await refreshReferences(t.db, company.companyId, { types: ["VENDOR"], client: intacct, full: true });
    expect(await findReference(t.db, company.companyId, "VENDOR", "V-1027")).toMatchObject({ active: false });

    expect((await searchReferences(t.db, company.companyId, "VENDOR", "peak")).map((r) => r.externalId)).toEqual([]);
    expect(
      (await searchReferences(t.db, company.companyId, "VENDOR", "peak", { includeInactive: true })).map(
        (r) => r.externalId,
      ),
    ).toEqual(["V-1022"]);
    expect((await searchReferences(t.db, company.companyId, "VENDOR", "v-1001"))[0]?.externalId).toBe("V-1001");
    expect(
      (await searchReferences(t.db, company.companyId, "VENDOR", "roofing pinnacle")).map((r) => r.externalId),
    ).toEqual(["V-1007"]);
    // LIKE wildcards are literal.
    expect(await searchReferences(t.db, company.companyId, "VENDOR", "%")).toEqual([]);
  });

  it("records a failure per list and throws a message for people", async () => {
    const fragile = createMockClient(mock, { maxRetries: 0 });
    mock.setFaults({ rate503: 1 });
    await expect(
      refreshReferences(t.db, company.companyId, { types: ["ENTITY"], client: fragile }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const state = await t.db.referenceRefresh.findUniqueOrThrow({
      where: { companyId_type: { companyId: company.companyId, type: "ENTITY" } },
    });
    expect(state.status).toBe("FAILED");
    expect(state.error).not.toBe("");
    mock.setFaults({ clear: true });
  });

  it("fails with INVALID_STATE when the company has no connection, and reads stay tenant-scoped", async () => {
    await expect(refreshReferences(t.db, company.companyId, { types: ["VENDOR"] })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await refreshReferences(t.db, company.companyId, { types: ["VENDOR"], client: intacct });
    const other = await buildCompany(t.db);
    expect(await findReference(t.db, other.companyId, "VENDOR", "V-1001")).toBeNull();
    expect(await searchReferences(t.db, other.companyId, "VENDOR", "apex")).toEqual([]);
  });
});

describe("refreshReferences on seed large", () => {
  let large: MockIntacct;
  beforeAll(async () => {
    large = await startMock({ seed: "large" });
  });
  afterAll(async () => large.close());

  it("pages through 20,000 vendors with progress per page", async () => {
    const progress: number[] = [];
    const [result] = await refreshReferences(t.db, company.companyId, {
      types: ["VENDOR"],
      client: createMockClient(large),
      onProgress: (p) => !p.done && progress.push(p.processed),
    });
    expect(result?.processed).toBe(20_027);
    expect(progress.length).toBeGreaterThanOrEqual(10); // 2,000 per page
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(
      await t.db.intacctReference.count({ where: { companyId: company.companyId, type: "VENDOR", active: false } }),
    ).toBe(401);
    const started = performance.now();
    const hits = await searchReferences(t.db, company.companyId, "VENDOR", "VL-1999");
    expect(performance.now() - started).toBeLessThan(500);
    expect(hits[0]?.externalId).toBe("VL-19990");
  });
});

// The Ready for accounting preflight (lib/sync/review.ts loadReviewPreflight) for a page of items: the same blockers
// and warnings as each item's own preflight (getSyncEligibility), in a number of queries that does not grow with the
// number of items (the page lists 25).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { saveInvoice } from "@/lib/financials/invoices";
import { closeIntacctConnections } from "@/lib/intacct";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { listReadyCandidateIds } from "@/lib/sync/candidates";
import { loadReviewPreflight } from "@/lib/sync/review";
import { getSyncEligibility } from "@/lib/sync/sync-service";
import { buildContract, type TestCompany } from "../../helpers/builders";
import { setUpConnectedDemo, type ConnectedDemo } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let demo: ConnectedDemo;
let items: { itemType: ItemType; itemId: string }[];

beforeAll(async () => {
  t = await createTestDb();
  demo = await setUpConnectedDemo(t.db);
  const projects = await t.db.project.findMany({ where: { companyId: demo.companyId }, orderBy: { number: "asc" } });
  const vendor = await t.db.accountingCompany.findFirstOrThrow({
    where: { companyId: demo.companyId, intacctVendorId: "V-1001" },
  });
  const codes = await t.db.costCode.findMany({
    where: { companyId: demo.companyId, intacctStandardTaskId: { not: null } },
    orderBy: { code: "asc" },
    take: 2,
  });
  // Contracts with a change and an invoice each, over the demo's projects, besides the demo's own approved items.
  for (let i = 0; i < 8; i++) {
    const project = projects[i % projects.length]!;
    const c = { ...demo, projectId: project.id, vendorId: vendor.id, costCodeIds: codes.map((x) => x.id) };
    const { id } = await buildContract(t.db, c as unknown as TestCompany, { number: `PF-${i}` });
    await submitItem(t.db, demo.pm, "CONTRACT", id);
    await approveItem(t.db, demo.pm2, "CONTRACT", id);
    const lines = await t.db.contractLine.findMany({ where: { contractId: id }, orderBy: { lineNo: "asc" } });
    const change = await saveContractChange(t.db, demo.pm, {
      contractId: id,
      number: "CO-1",
      title: "Change",
      reason: "",
      lines: [{ contractLineId: lines[0]!.id, description: "More", amount: 1_000_00 }],
    });
    await submitItem(t.db, demo.pm, "CONTRACT_CHANGE", change.id);
    await approveItem(t.db, demo.pm2, "CONTRACT_CHANGE", change.id);
    const invoice = await saveInvoice(t.db, demo.pm, {
      contractId: id,
      number: "INV-1",
      invoiceDate: new Date("2026-03-31T00:00:00Z"),
      dueDate: new Date("2026-04-30T00:00:00Z"),
      retainagePercent: 0,
      lines: [{ contractLineId: lines[1]!.id, description: "March", amount: 2_000_00 }],
    });
    await submitItem(t.db, demo.pm, "INVOICE", invoice.id);
    await approveItem(t.db, demo.pm2, "INVOICE", invoice.id);
  }
  items = (await listReadyCandidateIds(t.db, demo.companyId, {}, 100)).map(({ itemType, itemId }) => ({
    itemType,
    itemId,
  }));
}, 120_000);
afterAll(async () => {
  await demo?.mock.close();
  await closeIntacctConnections();
  await t?.drop();
});

async function countQueries<T>(work: () => Promise<T>): Promise<{ value: T; queries: number }> {
  const spy = vi.spyOn(pg.Client.prototype, "query");
  try {
    const value = await work();
    return { value, queries: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

describe("the review preflight of a page", () => {
  it("says what each item's own preflight says", async () => {
    const page = items.slice(0, 25);
    expect(new Set(page.map((i) => i.itemType)).size).toBeGreaterThanOrEqual(3);
    const preflight = await loadReviewPreflight(t.db, demo.companyId, page);
    for (const item of page) {
      const own = await getSyncEligibility(t.db, { companyId: demo.companyId }, item.itemType, item.itemId);
      const plan = own.plan;
      const warnings = plan ? [...plan.warnings, ...plan.lines.flatMap((l) => (l.warning ? [l.warning] : []))] : [];
      expect(preflight.get(item.itemId)).toEqual({
        blockers: own.eligible ? [] : own.blockers.map((b) => b.message),
        warnings: [...new Set(warnings)],
      });
    }
  });

  it("costs a few queries per item type and per project, not per item", async () => {
    expect(items.length).toBeGreaterThanOrEqual(25);
    // Mixed types in both, so each reads every kind of item.
    const few = await countQueries(() => loadReviewPreflight(t.db, demo.companyId, items.slice(0, 5)));
    const page = await countQueries(() => loadReviewPreflight(t.db, demo.companyId, items.slice(0, 25)));
    expect(page.value.size).toBe(25);
    console.log(`review preflight: ${few.queries} queries for 5 items, ${page.queries} for 25`);
    // What grows is one read of each further project's cached tasks (3 queries, once per project), and item types
    // not among the five; item by item it was 5 to 10 queries each.
    expect(page.queries - few.queries).toBeLessThan(20);
    expect(page.queries).toBeLessThan(50);
  });
});

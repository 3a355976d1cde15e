// What people see of the read-back, computed from the sync records the status check writes: the ACR's Paid column
// (pro rata per cost code, ADR 0002), a contract's billed and paid to date, the lists' "Intacct state" filter and
// column, and the audit-logged "Check Intacct every N minutes" setting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { buildAcr } from "@/lib/reports/acr";
import { getContractBilledAndPaid } from "@/lib/reports/contract-paid";
import { narrowIdFilter, REMOTE_FILTERS } from "@/lib/sync/remote-filters";
import { getRemoteStatuses, listRemoteFilterIds } from "@/lib/sync/remote-view";
import { getSyncSettings, saveSyncSettings } from "@/lib/sync/settings";
import { seedDemo } from "@/prisma/seed";
import { sessionUser } from "../../helpers/intacct-setup";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let admin: SessionUser;
let other: SessionUser;
let ids: { project: string; contract: string; invoice: string; steel: string; steelInvoice: string | null };

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  await seedDemo(t.db, { companyName: "Other Readback Co", emailDomain: "other-readback.build" });
  admin = await sessionUser(t.db, "admin@demo.build");
  other = await sessionUser(t.db, "admin@other-readback.build");
  const contract = await t.db.contract.findFirstOrThrow({ where: { companyId: admin.companyId, number: "SC-1001" } });
  const invoice = await t.db.invoice.findFirstOrThrow({
    where: { companyId: admin.companyId, contractId: contract.id, number: "INV-1001" },
  });
  const steel = await t.db.contract.findFirstOrThrow({ where: { companyId: admin.companyId, number: "SC-1002" } });
  ids = {
    project: contract.projectId,
    contract: contract.id,
    invoice: invoice.id,
    steel: steel.id,
    steelInvoice: null,
  };
});
afterAll(async () => t?.drop());

type RecordFields = Partial<{
  intacctState: string;
  billState: string;
  billTotalCents: bigint;
  paidCents: bigint | null;
  paidAt: Date;
  drift: string;
  driftDetails: { field: string; ours: string; theirs: string }[];
}>;

async function setRecord(
  companyId: string,
  itemType: "CONTRACT" | "INVOICE",
  itemId: string,
  fields: RecordFields,
): Promise<void> {
  const data = { state: "SYNCED" as const, intacctKey: `KEY-${itemId.slice(0, 6)}`, ...fields };
  await t.db.syncRecord.upsert({
    where: { itemType_itemId: { itemType, itemId } },
    create: { companyId, itemType, itemId, ...data },
    update: data,
  });
}

const row = (acr: Awaited<ReturnType<typeof buildAcr>>, code: string) => acr.rows.find((r) => r.code === code);

describe("the ACR's Paid column", () => {
  it("is zero before anything is read back, and spreads a half-paid invoice over its lines' cost codes", async () => {
    const before = await buildAcr(t.db, admin, ids.project);
    expect(before.totals.paidCents).toBe(0);
    // INV-1001: 180,000.00 + 40,000.00 on 03-3000, 55,000.00 on 03-2000; half of 275,000.00 paid.
    await setRecord(admin.companyId, "INVOICE", ids.invoice, {
      intacctState: "Approved",
      billState: "Partially Paid",
      billTotalCents: 27_500_000n,
      paidCents: 13_750_000n,
    });
    const acr = await buildAcr(t.db, admin, ids.project);
    expect(row(acr, "03-3000")?.paidCents).toBe(11_000_000);
    expect(row(acr, "03-2000")?.paidCents).toBe(2_750_000);
    expect(acr.totals.paidCents).toBe(13_750_000);
    // Invoiced is untouched by payments.
    expect(acr.totals.invoicedCents).toBe(before.totals.invoicedCents);
  });

  it("gives the rounding cent to the invoice's last line, so the total is the bill's paid amount exactly", async () => {
    await setRecord(admin.companyId, "INVOICE", ids.invoice, { paidCents: 10_000_000n, billState: "Partially Paid" });
    const acr = await buildAcr(t.db, admin, ids.project);
    // 100,000.00 × 180/275 = 65,454.54…, × 40/275 = 14,545.45…; the last line takes the remainder (20,000.01).
    expect(row(acr, "03-3000")?.paidCents).toBe(6_545_454 + 1_454_545);
    expect(row(acr, "03-2000")?.paidCents).toBe(2_000_001);
    expect(acr.totals.paidCents).toBe(10_000_000);
  });

  it("counts nothing paid on a document deleted in the accounting system, nor another company's records", async () => {
    await setRecord(admin.companyId, "INVOICE", ids.invoice, { drift: "DELETED" });
    expect((await buildAcr(t.db, admin, ids.project)).totals.paidCents).toBe(0);
    await setRecord(admin.companyId, "INVOICE", ids.invoice, { drift: "", paidCents: 27_500_000n, billState: "Paid" });
    const otherProject = await t.db.project.findFirstOrThrow({ where: { companyId: other.companyId } });
    // Another company asking about this project's id sees nothing of it.
    expect((await buildAcr(t.db, other, ids.project)).totals.paidCents).toBe(0);
    expect((await buildAcr(t.db, other, otherProject.id)).totals.paidCents).toBe(0);
    expect((await buildAcr(t.db, admin, ids.project)).totals.paidCents).toBe(27_500_000);
  });
});

describe("a contract's billed and paid to date", () => {
  it("sums its approved invoices and what the accounting system reports paid on them", async () => {
    const approved = await t.db.invoice.findMany({
      where: { companyId: admin.companyId, contractId: ids.contract, status: "APPROVED" },
      include: { lines: true },
    });
    const billed = approved.reduce((s, i) => s + i.lines.reduce((a, l) => a + Number(l.amountCents), 0), 0);
    expect(await getContractBilledAndPaid(t.db, admin, ids.contract)).toEqual({
      billedCents: billed,
      paidCents: 27_500_000,
    });
    expect(await getContractBilledAndPaid(t.db, other, ids.contract)).toEqual({ billedCents: 0, paidCents: 0 });
  });
});

describe("the lists' Intacct state column and filter", () => {
  it("words each synced item's standing, and each filter choice finds exactly the items it names", async () => {
    await setRecord(admin.companyId, "CONTRACT", ids.contract, { intacctState: "Approved" });
    await setRecord(admin.companyId, "CONTRACT", ids.steel, {
      intacctState: "Approved",
      drift: "CHANGED",
      driftDetails: [{ field: "Line 1 amount", ours: "$610,000.00", theirs: "$650,000.00" }],
    });
    const statuses = await getRemoteStatuses(t.db, admin.companyId, "CONTRACT", [ids.contract, ids.steel], "Intacct");
    expect(statuses.get(ids.contract)?.label).toBe("Approved in Intacct");
    expect(statuses.get(ids.steel)).toMatchObject({
      label: "Changed in Intacct",
      differences: [{ field: "Line 1 amount", ours: "$610,000.00", theirs: "$650,000.00" }],
    });
    const found: Record<string, string[]> = {};
    for (const filter of REMOTE_FILTERS)
      found[filter] = [
        ...(await listRemoteFilterIds(t.db, admin.companyId, "CONTRACT", filter)),
        ...(await listRemoteFilterIds(t.db, admin.companyId, "INVOICE", filter)),
      ];
    expect(found).toEqual({
      approved: [ids.contract],
      "partially-paid": [],
      paid: [ids.invoice],
      declined: [],
      changed: [ids.steel],
      deleted: [],
    });
    expect(await listRemoteFilterIds(t.db, other.companyId, "CONTRACT", "approved")).toEqual([]);
  });

  it("combines with the sync state filter", () => {
    expect(narrowIdFilter({}, ["a", "b"])).toEqual({ id: { in: ["a", "b"] } });
    expect(narrowIdFilter({ id: { in: ["b", "c"] } }, ["a", "b"])).toEqual({ id: { in: ["b"] } });
    expect(narrowIdFilter({ id: { notIn: ["a"] } }, ["a", "b"])).toEqual({ id: { in: ["b"] } });
  });
});

describe("Check Intacct every N minutes", () => {
  it("defaults to 15, saves, and is audit-logged only when it changes; leaving it out keeps it", async () => {
    expect(await getSyncSettings(t.db, admin.companyId)).toEqual({
      syncOnApproval: false,
      accountingReviewsBeforeSync: false,
      statusCheckMinutes: 15,
    });
    await saveSyncSettings(t.db, admin, { syncOnApproval: false, statusCheckMinutes: 5 });
    const audits = () =>
      t.db.auditLog.findMany({ where: { companyId: admin.companyId }, orderBy: { createdAt: "asc" } });
    expect((await audits()).map((a) => a.detail)).toEqual([
      "Check the accounting system every 5 minutes (was every 15 minutes)",
    ]);
    await saveSyncSettings(t.db, admin, { syncOnApproval: false, statusCheckMinutes: 5 });
    await saveSyncSettings(t.db, admin, { syncOnApproval: false });
    expect(await audits()).toHaveLength(1);
    await saveSyncSettings(t.db, admin, { syncOnApproval: false, statusCheckMinutes: 0 });
    expect((await audits()).at(-1)?.detail).toBe(
      "Check the accounting system on a schedule: off (was every 5 minutes)",
    );
    expect(await getSyncSettings(t.db, other.companyId)).toEqual({
      syncOnApproval: false,
      accountingReviewsBeforeSync: false,
      statusCheckMinutes: 15,
    });
  });

  it("reschedules the next check from the last one: shortening the interval does not wait out the old one", async () => {
    const finishedAt = new Date(Date.now() - 5 * 60_000);
    await t.db.statusCheck.upsert({
      where: { companyId: admin.companyId },
      create: { companyId: admin.companyId, finishedAt, nextDueAt: new Date(finishedAt.getTime() + 15 * 60_000) },
      update: { finishedAt, nextDueAt: new Date(finishedAt.getTime() + 15 * 60_000) },
    });
    const nextDue = async () =>
      (await t.db.statusCheck.findUniqueOrThrow({ where: { companyId: admin.companyId } })).nextDueAt;
    await saveSyncSettings(t.db, admin, { syncOnApproval: false, statusCheckMinutes: 1 });
    expect(await nextDue()).toEqual(new Date(finishedAt.getTime() + 60_000));
    await saveSyncSettings(t.db, admin, { syncOnApproval: false, statusCheckMinutes: 0 });
    expect(await nextDue()).toBeNull();
    await saveSyncSettings(t.db, admin, { syncOnApproval: false, statusCheckMinutes: 30 });
    expect(await nextDue()).toEqual(new Date(finishedAt.getTime() + 30 * 60_000));
  });
});

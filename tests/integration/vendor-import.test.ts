// Import from Sage Intacct on the demo data against the demo mock: what is offered, what is created from the VENDOR
// record, what is linked instead, and what is skipped and why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { closeIntacctConnections } from "@/lib/intacct";
import { refreshReferences } from "@/lib/integrations/sage-intacct/references";
import {
  companyFromVendor,
  ZImportVendorsInput,
  importVendors,
  listImportableVendors,
} from "@/lib/integrations/sage-intacct/references/links";
import type { MockIntacct } from "@/tools/mock-intacct";
import { seedDemo } from "@/prisma/seed";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { createMockClient, nextControlId, startMock } from "./intacct-helpers";

let t: TestDb;
let mock: MockIntacct;
let admin: SessionUser;
let client: ReturnType<typeof createMockClient>;

const INTACCT_ONLY = ["V-1026", "V-1027", "V-2001", "V-2002", "V-2003"];
const NEW_VENDORS: [string, string, string, Record<string, string>][] = [
  [
    "V-2001",
    "Rocky Mountain Crane Rental",
    "84-5550101",
    {
      email: "dispatch@rmcrane.example",
      phone: "303-555-0141",
      address1: "5400 E 56th Ave",
      city: "Commerce City",
      state: "CO",
      zip: "80022",
    },
  ],
  ["V-2002", "Alpine Glass & Glazing", "84-5550102", { city: "Golden", state: "CO" }],
  ["V-2003", "Sunrise Portable Toilets", "", {}],
];

beforeAll(async () => {
  t = await createTestDb();
  mock = await startMock();
  const { companyId } = await seedDemo(t.db);
  const user = await t.db.user.findFirstOrThrow({ where: { companyId, role: "ADMIN" }, include: { company: true } });
  admin = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    companyId,
    companyName: user.company.name,
  };
  client = createMockClient(mock);
  // Three more vendors that exist only in Intacct, created through the client's typed VENDOR builder.
  for (const [vendorId, name, taxId, contact] of NEW_VENDORS) {
    const outcome = await client.createVendor({ controlId: nextControlId("vendor"), vendorId, name, taxId, contact });
    expect(outcome.status).toBe("done");
  }
  await refreshReferences(t.db, companyId, { client });
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
  await t.drop();
});

describe("import from Sage Intacct", () => {
  it("offers active vendors no accounting company is linked to, searchable by name or id", async () => {
    const all = await listImportableVendors(t.db, admin, { limit: 100 });
    const ids = all.rows.map((r) => r.externalId);
    // Nothing is linked on the fresh demo: every active vendor is offered, the inactive V-1022 is not.
    expect(ids).toEqual(expect.arrayContaining(INTACCT_ONLY));
    expect(ids).not.toContain("V-1022");
    expect(all.total).toBe(ids.length);
    const crane = await listImportableVendors(t.db, admin, { query: "crane rocky" });
    expect(crane).toEqual({
      total: 1,
      rows: [{ externalId: "V-2001", name: "Rocky Mountain Crane Rental", taxId: "84-5550101" }],
    });
    expect((await listImportableVendors(t.db, admin, { query: "100%" })).total).toBe(0);
  });

  it("creates linked accounting companies from the VENDOR record, links a same-named one, and is safe to repeat", async () => {
    const summary = await importVendors(t.db, admin, { vendorIds: [...INTACCT_ONLY, "V-1001"] }, { client });
    expect(summary).toMatchObject({ created: 5, linked: 1, skipped: 0 });
    const crane = await t.db.accountingCompany.findFirstOrThrow({
      where: { companyId: admin.companyId, intacctVendorId: "V-2001" },
    });
    expect(crane).toMatchObject({
      name: "Rocky Mountain Crane Rental",
      taxId: "84-5550101",
      address: "5400 E 56th Ave",
      city: "Commerce City",
      state: "CO",
      postalCode: "80022",
      email: "dispatch@rmcrane.example",
      phone: "303-555-0141",
    });
    // V-1001 "Apex Concrete, Inc" is our unlinked "Apex Concrete Inc." (the suggestion linking would make):
    // linked, not created a second time.
    expect(summary.outcomes.find((o) => o.vendorId === "V-1001")).toEqual({
      vendorId: "V-1001",
      name: "Apex Concrete Inc.",
      status: "linked",
      reason: "same tax ID as this vendor",
    });
    expect(
      await t.db.accountingCompany.count({ where: { companyId: admin.companyId, name: { startsWith: "Apex" } } }),
    ).toBe(1);

    const again = await importVendors(t.db, admin, { vendorIds: ["V-2001", "V-1022", "V-9999"] }, { client });
    expect(again.outcomes).toEqual([
      {
        vendorId: "V-2001",
        name: "Rocky Mountain Crane Rental",
        status: "skipped",
        reason: expect.stringMatching(/already linked to Rocky Mountain Crane Rental/),
      },
      { vendorId: "V-1022", name: "Peak Demolition", status: "skipped", reason: "inactive in Sage Intacct" },
      {
        vendorId: "V-9999",
        name: "V-9999",
        status: "skipped",
        reason: expect.stringMatching(/not found in Sage Intacct/),
      },
    ]);
    expect(
      await t.db.accountingCompany.count({ where: { companyId: admin.companyId, intacctVendorId: "V-2001" } }),
    ).toBe(1);
    expect((await listImportableVendors(t.db, admin, { query: "crane" })).total).toBe(0);
    const audit = await t.db.auditLog.findMany({
      where: { companyId: admin.companyId, action: "integration.import-vendors" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.detail)).toEqual([
      expect.stringContaining("5 created, 1 linked, 0 skipped"),
      expect.stringContaining("0 created, 0 linked, 3 skipped"),
    ]);
  });

  it("keeps a tax ID or email our form would refuse out of the company, and bounds every field", () => {
    expect(
      companyFromVendor({ NAME: ` ${"N".repeat(200)} `, TAXID: "not-a-tax-id", "DISPLAYCONTACT.EMAIL1": "nope" }),
    ).toMatchObject({ name: "N".repeat(120), taxId: "", email: "" });
  });

  it("refuses an empty or oversized batch with a clear message", () => {
    expect(ZImportVendorsInput.safeParse({ vendorIds: [] }).error?.issues[0]?.message).toBe(
      "Choose at least one Sage Intacct vendor",
    );
    const many = Array.from({ length: 101 }, (_, i) => `V-${i}`);
    expect(ZImportVendorsInput.safeParse({ vendorIds: many }).error?.issues[0]?.message).toMatch(/at most 100/);
  });
});

// Linking services on the demo data against the demo mock: suggestions, bulk accept, duplicates, refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { closeIntacctConnections } from "@/lib/intacct";
import { refreshReferences } from "@/lib/integrations/sage-intacct/references";
import {
  acceptCostCodeSuggestions,
  acceptVendorSuggestions,
  linkCostCode,
  linkVendor,
  listCostCodeLinks,
  listVendorLinks,
  saveProjectLinks,
  suggestVendorLinks,
  unlinkVendor,
} from "@/lib/integrations/sage-intacct/references/links";
import type { MockIntacct } from "@/tools/mock-intacct";
import { seedDemo } from "@/prisma/seed";
import { buildCompany } from "../../../helpers/builders";
import { createTestDb, type TestDb } from "../../../helpers/test-db";
import { createMockClient, startMock } from "../../intacct-helpers";

let t: TestDb;
let mock: MockIntacct;
let admin: SessionUser;

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
  await refreshReferences(t.db, companyId, { client: createMockClient(mock) });
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
  await t.drop();
});

const companyId = async (name: string) =>
  (await t.db.accountingCompany.findFirstOrThrow({ where: { companyId: admin.companyId, name } })).id;

describe("vendor links", () => {
  it("suggests the demo vendors that differ only in case, punctuation or suffix, and not the inactive one", async () => {
    const suggestions = await suggestVendorLinks(t.db, admin);
    const byName = new Map<string, string>();
    for (const s of suggestions) {
      const row = await t.db.accountingCompany.findUniqueOrThrow({ where: { id: s.accountingCompanyId } });
      byName.set(row.name, s.externalId);
    }
    expect(byName.get("Apex Concrete Inc.")).toBe("V-1001");
    expect(byName.get("Front Range Plumbing & Heating")).toBe("V-1004");
    expect(byName.get("Metro Flooring Inc")).toBe("V-1017");
    expect(byName.has("Peak Demolition")).toBe(false); // V-1022 is inactive in Intacct
    expect(suggestions).toHaveLength(24);
  });

  it("refuses an id not in the cache and an inactive vendor, with a clear message", async () => {
    const id = await companyId("Peak Demolition");
    await expect(
      linkVendor(t.db, admin, { accountingCompanyId: id, intacctVendorId: "V-9999", confirmDuplicate: false }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      userMessage: expect.stringContaining("V-9999 is not in the records loaded from Intacct"),
    });
    await expect(
      linkVendor(t.db, admin, { accountingCompanyId: id, intacctVendorId: "V-1022", confirmDuplicate: false }),
    ).rejects.toMatchObject({ userMessage: expect.stringContaining("inactive") });
  });

  it("asks for confirmation before linking one vendor to a second company", async () => {
    const apex = await companyId("Apex Concrete Inc.");
    const peak = await companyId("Peak Demolition");
    expect(
      await linkVendor(t.db, admin, { accountingCompanyId: apex, intacctVendorId: "V-1001", confirmDuplicate: false }),
    ).toMatchObject({ status: "linked" });
    expect(
      await linkVendor(t.db, admin, { accountingCompanyId: peak, intacctVendorId: "V-1001", confirmDuplicate: false }),
    ).toEqual(expect.objectContaining({ status: "needs-confirmation", linkedTo: ["Apex Concrete Inc."] }));
    expect((await t.db.accountingCompany.findUniqueOrThrow({ where: { id: peak } })).intacctVendorId).toBeNull();
    expect(
      await linkVendor(t.db, admin, { accountingCompanyId: peak, intacctVendorId: "V-1001", confirmDuplicate: true }),
    ).toMatchObject({ status: "linked" });
    const list = await listVendorLinks(t.db, admin);
    expect(list.rows.find((r) => r.id === peak)?.sharedWithAnother).toBe(true);
    await unlinkVendor(t.db, admin, { accountingCompanyId: peak });
    expect((await t.db.accountingCompany.findUniqueOrThrow({ where: { id: peak } })).intacctVendorId).toBeNull();
  });

  it("links all suggested in bulk without touching existing links, and another company's ids are not found", async () => {
    const summary = await acceptVendorSuggestions(t.db, admin, {});
    expect(summary.linked).toBe(23); // Apex was linked above
    expect(summary.remainingUnlinked).toBe(1); // Peak Demolition
    const other = await buildCompany(t.db);
    await expect(
      linkVendor(t.db, other.admin, {
        accountingCompanyId: await companyId("Apex Concrete Inc."),
        intacctVendorId: "V-1001",
        confirmDuplicate: false,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      linkVendor(t.db, other.admin, {
        accountingCompanyId: other.vendorId,
        intacctVendorId: "V-1001",
        confirmDuplicate: false,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("project and cost code links", () => {
  it("saves project links, warning when the project belongs to another entity", async () => {
    const project = await t.db.project.findFirstOrThrow({ where: { companyId: admin.companyId, number: "P-1003" } });
    expect(
      await saveProjectLinks(t.db, admin, {
        projectId: project.id,
        intacctProjectId: "P-1003",
        intacctEntityId: "E200",
        intacctGlAccount: "5000",
      }),
    ).toEqual({ warning: null });
    const { warning } = await saveProjectLinks(t.db, admin, {
      projectId: project.id,
      intacctProjectId: "P-1003",
      intacctEntityId: "E100",
      intacctGlAccount: null,
    });
    expect(warning).toContain("belongs to entity E200");
    await expect(
      saveProjectLinks(t.db, admin, {
        projectId: project.id,
        intacctProjectId: "P-1003",
        intacctEntityId: "E100",
        intacctGlAccount: "6900",
      }),
    ).rejects.toMatchObject({ userMessage: expect.stringContaining("inactive") });
  });

  it("warns when an Intacct project is already linked to another of our projects", async () => {
    const [first, second] = await t.db.project.findMany({
      where: { companyId: admin.companyId, number: { in: ["P-1001", "P-1002"] } },
      orderBy: { number: "asc" },
    });
    if (!first || !second) throw new Error("demo projects missing");
    expect(
      (
        await saveProjectLinks(t.db, admin, {
          projectId: first.id,
          intacctProjectId: "P-1001",
          intacctEntityId: "E100",
          intacctGlAccount: null,
        })
      ).warning,
    ).toBeNull();
    const { warning } = await saveProjectLinks(t.db, admin, {
      projectId: second.id,
      intacctProjectId: "P-1001",
      intacctEntityId: "E100",
      intacctGlAccount: null,
    });
    expect(warning).toContain("Intacct project P-1001 is also linked to P-1001 Riverside Medical Office Building");
    await saveProjectLinks(t.db, admin, {
      projectId: second.id,
      intacctProjectId: null,
      intacctEntityId: null,
      intacctGlAccount: null,
    });
  });

  it("suggests catalog codes, links, and counts codes that will sync without a cost code", async () => {
    const before = await listCostCodeLinks(t.db, admin);
    expect(before.suggestionCount).toBe(55); // 60 codes, 5 absent from Intacct's catalog
    expect(before.withoutAccountingCode).toBe(5);
    const code = await t.db.costCode.findFirstOrThrow({ where: { companyId: admin.companyId, code: "03-3000" } });
    await expect(
      linkCostCode(t.db, admin, { costCodeId: code.id, intacctStandardTaskId: "99-9999" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await linkCostCode(t.db, admin, { costCodeId: code.id, intacctStandardTaskId: "01-9100" });
    const summary = await acceptCostCodeSuggestions(t.db, admin, {});
    expect(summary).toMatchObject({ linked: 54, remainingUnlinked: 5 });
    expect((await t.db.costCode.findUniqueOrThrow({ where: { id: code.id } })).intacctStandardTaskId).toBe("01-9100");
  });
});

// Create in Intacct what exists only here: a VENDOR from an accounting company, a PROJECT from a project, against
// the demo mock (multi-entity: a project needs its entity), exactly once per record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { closeIntacctConnections } from "@/lib/intacct";
import {
  createProjectsInIntacct,
  createVendorsInIntacct,
  suggestNextVendorId,
} from "@/lib/integrations/sage-intacct/create-in-intacct";
import { findReference, refreshReferences } from "@/lib/integrations/sage-intacct/references";
import type { MockIntacct } from "@/tools/mock-intacct";
import { findCompany } from "@/tools/mock-intacct/store";
import { seedDemo } from "@/prisma/seed";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { createMockClient, startMock } from "./intacct-helpers";

let t: TestDb;
let mock: MockIntacct;
let admin: SessionUser;
let client: ReturnType<typeof createMockClient>;

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
  await refreshReferences(t.db, companyId, { client });
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
  await t.drop();
});

const tables = () => findCompany(mock.state, mock.credentials.companyId)!.tables;

describe("create in Intacct", () => {
  it("creates a VENDOR from an accounting company with the next id in the company's pattern, links it, and never twice", async () => {
    expect(await suggestNextVendorId(t.db, admin.companyId)).toBe("V-1028");
    const company = await t.db.accountingCompany.create({
      data: {
        companyId: admin.companyId,
        name: "Keystone Drywall LLC",
        taxId: "84-5550199",
        address: "10 Main St",
        city: "Denver",
        state: "CO",
        postalCode: "80202",
        email: "ap@keystone.example",
        phone: "303-555-0100",
      },
    });
    const input = { companies: [{ accountingCompanyId: company.id, vendorId: "" }] };
    const [outcome] = await createVendorsInIntacct(t.db, admin, input, { client });
    expect(outcome).toMatchObject({ status: "created", externalId: "V-1028" });
    expect(tables().VENDOR.findOne("VENDORID", "V-1028")).toMatchObject({
      NAME: "Keystone Drywall LLC",
      TAXID: "84-5550199",
      "DISPLAYCONTACT.MAILADDRESS.ZIP": "80202",
      "DISPLAYCONTACT.EMAIL1": "ap@keystone.example",
    });
    expect((await t.db.accountingCompany.findUniqueOrThrow({ where: { id: company.id } })).intacctVendorId).toBe(
      "V-1028",
    );
    expect(await findReference(t.db, admin.companyId, "VENDOR", "V-1028")).toMatchObject({
      name: "Keystone Drywall LLC",
    });
    const again = await createVendorsInIntacct(t.db, admin, input, { client });
    expect(again[0]).toMatchObject({ status: "skipped", detail: "already linked to Sage vendor V-1028" });
    expect(tables().VENDOR.rows.filter((v) => v.NAME === "Keystone Drywall LLC")).toHaveLength(1);
  });

  it("reports Intacct's refusal of a vendor id that exists and links nothing", async () => {
    const company = await t.db.accountingCompany.create({ data: { companyId: admin.companyId, name: "Dup Test Co" } });
    const [outcome] = await createVendorsInIntacct(
      t.db,
      admin,
      { companies: [{ accountingCompanyId: company.id, vendorId: "V-1001" }] },
      { client },
    );
    expect(outcome).toMatchObject({ status: "failed", externalId: null });
    expect(outcome?.detail).toMatch(/^Vendor ID V-1001: .*same ID already exists/);
    expect((await t.db.accountingCompany.findUniqueOrThrow({ where: { id: company.id } })).intacctVendorId).toBeNull();
  });

  it("creates a PROJECT with our number and its entity, or says the entity is missing", async () => {
    const project = await t.db.project.create({
      data: { companyId: admin.companyId, number: "P-2001", name: "Depot Renovation", city: "Denver", state: "CO" },
    });
    const noEntity = await createProjectsInIntacct(
      t.db,
      admin,
      { projects: [{ projectId: project.id, entityId: "" }] },
      { client },
    );
    expect(noEntity[0]).toMatchObject({ status: "failed" });
    expect(noEntity[0]?.detail).toMatch(/LOCATIONID/);
    const [created] = await createProjectsInIntacct(
      t.db,
      admin,
      { projects: [{ projectId: project.id, entityId: "E100" }] },
      { client },
    );
    expect(created).toMatchObject({ status: "created", externalId: "P-2001" });
    expect(tables().PROJECT.findOne("PROJECTID", "P-2001")).toMatchObject({
      NAME: "Depot Renovation",
      LOCATIONID: "E100",
    });
    expect(await t.db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({
      intacctProjectId: "P-2001",
      intacctEntityId: "E100",
    });
    const audit = await t.db.auditLog.findMany({
      where: { companyId: admin.companyId, action: "integration.create-project" },
    });
    expect(audit.map((a) => a.outcome).sort()).toEqual(["failure", "success"]);
  });
});

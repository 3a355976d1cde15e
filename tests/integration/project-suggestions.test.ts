// Project suggestions by number and name on the demo data against the demo mock: Accept one, Link all suggested.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { closeIntacctConnections } from "@/lib/intacct";
import { refreshReferences } from "@/lib/integrations/sage-intacct/references";
import {
  acceptProjectSuggestions,
  saveProjectLinks,
  suggestProjectLinks,
} from "@/lib/integrations/sage-intacct/references/links";
import type { MockIntacct } from "@/tools/mock-intacct";
import { seedDemo } from "@/prisma/seed";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { createMockClient, startMock } from "./intacct-helpers";

let t: TestDb;
let mock: MockIntacct;
let pm: SessionUser;

beforeAll(async () => {
  t = await createTestDb();
  mock = await startMock();
  const { companyId } = await seedDemo(t.db);
  const user = await t.db.user.findFirstOrThrow({
    where: { companyId, role: "PROJECT_MANAGER" },
    include: { company: true },
  });
  pm = { id: user.id, email: user.email, name: user.name, role: user.role, companyId, companyName: user.company.name };
  await refreshReferences(t.db, companyId, { client: createMockClient(mock) });
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
  await t.drop();
});

describe("project suggestions", () => {
  it("suggests the Intacct project with our number, with its entity", async () => {
    const suggestions = await suggestProjectLinks(t.db, pm);
    const riverside = suggestions.find((s) => s.number === "P-1001");
    expect(riverside).toMatchObject({
      externalId: "P-1001",
      externalName: "Riverside Medical Office Building",
      entityId: "E100",
      reason: "code",
    });
    expect(suggestions.find((s) => s.number === "P-1003")).toMatchObject({ externalId: "P-1003", entityId: "E200" });
  });

  it("accepts one (entity included), then links all the rest; a linked Intacct project is no longer suggested", async () => {
    const before = await suggestProjectLinks(t.db, pm);
    const one = before.find((s) => s.number === "P-1001")!;
    expect(await acceptProjectSuggestions(t.db, pm, { ids: [one.projectId] })).toMatchObject({ linked: 1, skipped: 0 });
    expect(await t.db.project.findUniqueOrThrow({ where: { id: one.projectId } })).toMatchObject({
      intacctProjectId: "P-1001",
      intacctEntityId: "E100",
    });
    const rest = await suggestProjectLinks(t.db, pm);
    expect(rest.map((s) => s.externalId)).not.toContain("P-1001");
    const all = await acceptProjectSuggestions(t.db, pm, {});
    expect(all.linked).toBe(before.length - 1);
    expect(await suggestProjectLinks(t.db, pm)).toEqual([]);
  });

  it("still warns when two of our projects point at one Intacct project", async () => {
    const other = await t.db.project.create({ data: { companyId: pm.companyId, number: "P-9001", name: "Phase 2" } });
    const { warning } = await saveProjectLinks(t.db, pm, {
      projectId: other.id,
      intacctProjectId: "P-1001",
      intacctEntityId: null,
      intacctGlAccount: null,
    });
    expect(warning).toMatch(/Intacct project P-1001 is also linked to P-1001 Riverside Medical Office Building/);
  });
});

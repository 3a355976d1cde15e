// The proxy's check of the records a URL names (404 before Next renders), and of the session cookie it slides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownsRouteRecords } from "@/lib/auth/route-records";
import { createSession, findLiveSessionCompany } from "@/lib/auth/sessions";
import { buildCompany, buildContract, type TestCompany } from "../helpers/builders";
import { createTestDb, type TestDb } from "../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let other: TestCompany;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Routes Co");
  other = await buildCompany(t.db, "Other Routes Co");
});
afterAll(async () => t?.drop());

describe("records named in a URL", () => {
  it("belong to the user's company, and an item to the project in its path", async () => {
    const { id: contractId } = await buildContract(t.db, c);
    const owns = (companyId: string, path: string) => ownsRouteRecords(t.db, companyId, path);
    for (const path of [
      `/projects/${c.projectId}`,
      `/projects/${c.projectId}/contracts`,
      `/projects/${c.projectId}/contracts/${contractId}/edit`,
      `/projects/${c.projectId}/contracts/new`,
      `/lists/cost-codes/${c.costCodeIds[0]}`,
      `/contacts/accounting-companies/${c.vendorId}`,
      "/projects",
      "/projects/not-a-uuid/budget",
    ]) {
      expect(await owns(c.companyId, path), path).toBe(true);
    }
    for (const path of [
      `/projects/${c.projectId}/budget`,
      `/projects/${c.projectId}/contracts/${contractId}`,
      `/lists/cost-codes/${c.costCodeIds[0]}`,
      `/contacts/accounting-companies/${c.vendorId}/`,
    ]) {
      expect(await owns(other.companyId, path), path).toBe(false);
    }
    // Its own project, someone else's item; its own item under another project of its own.
    expect(await owns(other.companyId, `/projects/${other.projectId}/contracts/${contractId}`)).toBe(false);
    const secondProject = await t.db.project.create({
      data: { companyId: c.companyId, number: "P-2", name: "Second" },
    });
    expect(await owns(c.companyId, `/projects/${secondProject.id}/contracts/${contractId}`)).toBe(false);
  });

  it("a session cookie names a company only while its session lives", async () => {
    const { token } = await createSession(t.db, c.viewer.id);
    expect(await findLiveSessionCompany(t.db, token)).toBe(c.companyId);
    expect(await findLiveSessionCompany(t.db, "garbage-token-value")).toBeNull();
    const expired = await createSession(t.db, c.viewer.id, new Date(Date.now() - 30 * 86_400_000));
    expect(await findLiveSessionCompany(t.db, expired.token)).toBeNull();
  });
});

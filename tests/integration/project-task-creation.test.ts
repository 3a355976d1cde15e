// "Add N tasks to Intacct project": on the demo, P-1001 lacks the task of a cost code its lines use (the guide's
// 03-3000). Against the demo mock: what is missing, one request creating it with its cost types, exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/sessions";
import { closeIntacctConnections } from "@/lib/intacct";
import { addMissingProjectTasks, findMissingProjectTasks } from "@/lib/integrations/sage-intacct/project-task-creation";
import { listProjectTasks, refreshReferences } from "@/lib/integrations/sage-intacct/references";
import type { MockIntacct } from "@/tools/mock-intacct";
import { findCompany } from "@/tools/mock-intacct/store";
import { seedDemo } from "@/prisma/seed";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { createMockClient, startMock } from "./intacct-helpers";

let t: TestDb;
let mock: MockIntacct;
let pm: SessionUser;
let client: ReturnType<typeof createMockClient>;
let projectId: string;

beforeAll(async () => {
  t = await createTestDb();
  mock = await startMock();
  const { companyId } = await seedDemo(t.db);
  const user = await t.db.user.findFirstOrThrow({
    where: { companyId, role: "PROJECT_MANAGER" },
    include: { company: true },
  });
  pm = { id: user.id, email: user.email, name: user.name, role: user.role, companyId, companyName: user.company.name };
  client = createMockClient(mock);
  await refreshReferences(t.db, companyId, { client });
  // Linked as the guide says: the project to P-1001, every cost code to the standard cost code of the same code.
  const project = await t.db.project.findFirstOrThrow({ where: { companyId, number: "P-1001" } });
  projectId = project.id;
  await t.db.project.update({
    where: { id: project.id },
    data: { intacctProjectId: "P-1001", intacctEntityId: "E100" },
  });
  const catalog = await t.db.intacctReference.findMany({ where: { companyId, type: "STANDARD_TASK" } });
  for (const st of catalog)
    await t.db.costCode.updateMany({
      where: { companyId, code: st.externalId },
      data: { intacctStandardTaskId: st.externalId },
    });
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
  await t.drop();
});

const mockTasks = () => findCompany(mock.state, mock.credentials.companyId)!.tables.TASK.findAll("PROJECTID", "P-1001");

describe("adding missing tasks to an Intacct project", () => {
  it("finds the linked cost codes on the project's lines that P-1001 has no task for", async () => {
    const view = await findMissingProjectTasks(t.db, pm.companyId, projectId);
    expect(view.intacctProjectId).toBe("P-1001");
    expect(view.missing.map((m) => m.standardTaskId)).toContain("03-3000");
    expect(view.missing.find((m) => m.standardTaskId === "03-3000")).toMatchObject({
      name: "Cast-In-Place Concrete",
      costCodes: ["03-3000 Cast-in-Place Concrete"],
    });
    const existing = new Set(mockTasks().map((task) => task.STANDARDTASKID));
    for (const m of view.missing) expect(existing.has(m.standardTaskId)).toBe(false);
  });

  it("creates them in one request with their cost types, refreshes the cache, audits, and never twice", async () => {
    const before = await findMissingProjectTasks(t.db, pm.companyId, projectId);
    mock.clearRequests();
    const result = await addMissingProjectTasks(t.db, pm, { projectId }, { client });
    expect(result.outcomes.every((o) => o.status === "created")).toBe(true);
    expect(result.outcomes.map((o) => o.standardTaskId)).toEqual(before.missing.map((m) => m.standardTaskId));
    const creates = mock.listRequests().requests.filter((r) => r.functions.some((f) => f.function === "create"));
    expect(creates).toHaveLength(1);
    const task = mockTasks().find((row) => row.TASKID === "03-3000");
    expect(task).toMatchObject({ STANDARDTASKID: "03-3000", NAME: "Cast-In-Place Concrete" });
    // The cache knows the new task and its cost types, so the preflight finds it.
    const cached = await listProjectTasks(t.db, pm.companyId, "P-1001");
    expect(cached.find((c) => c.externalId === "03-3000")).toMatchObject({ parentId: "03-3000", active: true });
    expect(
      await t.db.intacctReference.count({
        where: { companyId: pm.companyId, type: "COST_TYPE", scope: "P-1001/03-3000" },
      }),
    ).toBeGreaterThan(0);
    expect((await findMissingProjectTasks(t.db, pm.companyId, projectId)).missing).toEqual([]);
    await expect(addMissingProjectTasks(t.db, pm, { projectId }, { client })).rejects.toThrow(
      /already has a task for every linked cost code/,
    );
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { companyId: pm.companyId, action: "integration.create-tasks" },
    });
    expect(audit).toMatchObject({ outcome: "success", actorName: pm.name });
    expect(audit.detail).toContain("Intacct project P-1001: added 03-3000");
  });

  it("a task added in Intacct since the last refresh counts as there, not as a failure", async () => {
    const companyTables = findCompany(mock.state, mock.credentials.companyId)!.tables;
    const task = companyTables.TASK.findAll("PROJECTID", "P-1001").find((row) => row.TASKID === "03-3000")!;
    // The cache says it is missing again (as if refreshed before it was added); Intacct has it.
    await t.db.intacctReference.deleteMany({
      where: { companyId: pm.companyId, type: "TASK", scope: "P-1001", externalId: "03-3000" },
    });
    expect(task).toBeDefined();
    const result = await addMissingProjectTasks(t.db, pm, { projectId }, { client });
    expect(result.outcomes).toEqual([{ standardTaskId: "03-3000", status: "existed", detail: expect.any(String) }]);
  });
});

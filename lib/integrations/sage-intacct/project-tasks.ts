// A project's Intacct tasks (cost codes) and their cost types: from the reference cache for the preflight panel,
// live from Intacct at send time, so a task removed since the last refresh never fails a sync.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { IntacctClient } from "@/lib/intacct";
import { listProjectTasks } from "./references";

export type ProjectTasks = {
  known: boolean;
  // TASKID by the standard task it was built from (and by its own id, which usually equals it).
  taskByStandardId: Map<string, string>;
  costTypes: Set<string>; // `${taskId}/${costTypeId}` and `${taskId}/${standardCostTypeId}`
  costTypeIdFor: Map<string, string>; // `${taskId}/${standardCostTypeId}` → COSTTYPEID
};

function indexTasks(
  tasks: { taskId: string; standardTaskId?: string | null }[],
  costTypes: { taskId: string; costTypeId: string; standardCostTypeId?: string | null }[],
  known: boolean,
): ProjectTasks {
  const taskByStandardId = new Map<string, string>();
  for (const t of tasks) {
    taskByStandardId.set(t.taskId, t.taskId);
    if (t.standardTaskId) taskByStandardId.set(t.standardTaskId, t.taskId);
  }
  const set = new Set<string>();
  const costTypeIdFor = new Map<string, string>();
  for (const c of costTypes) {
    set.add(`${c.taskId}/${c.costTypeId}`);
    costTypeIdFor.set(`${c.taskId}/${c.costTypeId}`, c.costTypeId);
    if (c.standardCostTypeId) costTypeIdFor.set(`${c.taskId}/${c.standardCostTypeId}`, c.costTypeId);
  }
  return { known, taskByStandardId, costTypes: set, costTypeIdFor };
}

export async function loadCachedProjectTasks(
  db: Db,
  companyId: string,
  intacctProjectId: string,
): Promise<ProjectTasks> {
  const [tasks, costTypes, refresh] = await Promise.all([
    listProjectTasks(db, companyId, intacctProjectId).then((all) => all.filter((t) => t.active)),
    db.intacctReference.findMany({
      where: { companyId, type: "COST_TYPE", scope: { startsWith: `${intacctProjectId}/` }, active: true },
      select: { externalId: true, scope: true, parentId: true },
    }),
    db.referenceRefresh.findUnique({
      where: { companyId_type: { companyId, type: "TASK" } },
      select: { lastSuccessAt: true },
    }),
  ]);
  return indexTasks(
    tasks.map((t) => ({ taskId: t.externalId, standardTaskId: t.parentId || null })),
    costTypes.map((c) => ({
      taskId: c.scope.slice(intacctProjectId.length + 1),
      costTypeId: c.externalId,
      standardCostTypeId: c.parentId || null,
    })),
    Boolean(refresh?.lastSuccessAt),
  );
}

export async function loadLiveProjectTasks(client: IntacctClient, intacctProjectId: string): Promise<ProjectTasks> {
  const tasks: { taskId: string; standardTaskId?: string | null }[] = [];
  for await (const page of client.listTasks({ projectId: intacctProjectId, status: "active" }))
    tasks.push(...page.map((t) => ({ taskId: t.taskId, standardTaskId: t.standardTaskId ?? null })));
  const costTypes: { taskId: string; costTypeId: string; standardCostTypeId?: string | null }[] = [];
  for await (const page of client.listCostTypes({ projectId: intacctProjectId, status: "active" })) {
    costTypes.push(
      ...page.map((c) => ({
        taskId: c.taskId ?? "",
        costTypeId: c.costTypeId,
        standardCostTypeId: c.standardCostTypeId ?? null,
      })),
    );
  }
  return indexTasks(tasks, costTypes, true);
}

// A project's Intacct tasks (cost codes) and their cost types: from the reference cache for the preflight panel,
// live from Intacct at send time, so a task removed since the last refresh never fails a sync.
import "server-only";
import type { Db } from "@/lib/db/client";
import {
  buildQuery,
  COST_TYPE_LIST,
  type FunctionResult,
  type IntacctClient,
  type ListDefinition,
  type QueryFilter,
  TASK_LIST,
} from "@/lib/intacct";
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

// A query's largest page (§7): the tasks and cost types of a batch's projects nearly always fit in one.
const ONE_PAGE = 2000;

/**
 * The live tasks of several projects in ONE request: a query for their active tasks and one for their active cost
 * types (PROJECTID in …), side by side, instead of two paged lists per project one after the other — a batch that
 * spans projects no longer waits a round trip per project before its first write. A list longer than one page is
 * read again the paged way, per project.
 */
export async function loadLiveProjectTasksMany(
  client: IntacctClient,
  intacctProjectIds: string[],
): Promise<Map<string, ProjectTasks>> {
  const projects = [...new Set(intacctProjectIds)];
  const filter: QueryFilter = {
    and: [
      { field: "PROJECTID", op: "in", values: projects },
      { field: "STATUS", op: "equalto", value: "active" },
    ],
  };
  const queryOf = <T>(list: ListDefinition<T>) =>
    buildQuery({
      object: list.object,
      select: [...list.fields],
      filter,
      orderBy: [{ field: "RECORDNO" }],
      pageSize: ONE_PAGE,
    });
  const response = await client.execute([queryOf(TASK_LIST), queryOf(COST_TYPE_LIST)], { uniqueId: false });
  const [tasksResult, costTypesResult] = response.results as [FunctionResult, FunctionResult];
  for (const result of [tasksResult, costTypesResult]) if (!result.ok && result.error) throw result.error;
  const complete = (result: FunctionResult) => (result.data?.numRemaining ?? 0) <= 0;
  if (!complete(tasksResult) || !complete(costTypesResult)) {
    const byProject = await Promise.all(
      projects.map(async (id) => [id, await loadLiveProjectTasks(client, id)] as const),
    );
    return new Map(byProject);
  }
  const tasks = (tasksResult.data?.records ?? []).map(TASK_LIST.map);
  const costTypes = (costTypesResult.data?.records ?? []).map(COST_TYPE_LIST.map);
  return new Map(
    projects.map((id) => [
      id,
      indexTasks(
        tasks
          .filter((t) => t.projectId === id)
          .map((t) => ({ taskId: t.taskId, standardTaskId: t.standardTaskId ?? null })),
        costTypes
          .filter((c) => c.projectId === id)
          .map((c) => ({
            taskId: c.taskId ?? "",
            costTypeId: c.costTypeId,
            standardCostTypeId: c.standardCostTypeId ?? null,
          })),
        true,
      ),
    ]),
  );
}

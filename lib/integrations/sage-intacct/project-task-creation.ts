// "Add N tasks to Intacct project P-1001": where a cost code used on one of our projects is linked to an Intacct
// standard cost code (STANDARDTASK) but the Intacct project has no task built from it, its lines sync without a cost
// code. Intacct's Construction module builds a project's tasks from the standard cost code catalog (the task takes
// the standard task's id and name, and gets its cost types with it, §8): we do the same, in one request.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { toUserMessage } from "@/lib/errors/user-message";
import { ZId } from "@/lib/validation/fields";
import { buildCreateTask, isIntacctError, type IntacctClient, type WriteOutcome } from "@/lib/intacct";
import { writeAudit } from "../audit";
import { getIntacctClientForCompany } from "./client-factory";
import { loadLiveProjectTasks } from "./project-tasks";
import { listProjectTasks, refreshReferences } from "./references";
import { findReferences } from "./references/search";
import { ZIntacctId } from "./references/links/shared";

export const ZAddProjectTasksInput = z.object({
  projectId: ZId,
  /** Only these standard cost codes (the preflight's, for one item); omitted = every one the project lacks. */
  standardTaskIds: z.array(ZIntacctId).max(500).optional(),
});

export type MissingTask = {
  standardTaskId: string;
  name: string;
  taskNo: string;
  /** Our cost codes (code and name) on this project that link to it. */
  costCodes: string[];
};

export type MissingTasksView = {
  intacctProjectId: string | null;
  missing: MissingTask[];
  /** Linked to a standard cost code that is not (or no longer) active in Intacct's catalog: no task can be built. */
  unavailable: { standardTaskId: string; costCodes: string[] }[];
};

type UsedCode = { code: string; name: string; standardTaskId: string };

/** The linked cost codes on any line of the project: budget, budget changes, contracts and contract changes. */
async function listLinkedCodesOnProject(db: Db, companyId: string, projectId: string): Promise<UsedCode[]> {
  return db.$queryRaw<UsedCode[]>`
    SELECT DISTINCT cc.code, cc.name, cc."intacctStandardTaskId" AS "standardTaskId"
    FROM "CostCode" cc
    WHERE cc."companyId" = ${companyId}::uuid AND cc."intacctStandardTaskId" IS NOT NULL
      AND cc.id IN (
        SELECT bl."costCodeId" FROM "BudgetLine" bl JOIN "Budget" b ON b.id = bl."budgetId"
          WHERE b."projectId" = ${projectId}::uuid
        UNION SELECT bcl."costCodeId" FROM "BudgetChangeLine" bcl JOIN "BudgetChange" bc ON bc.id = bcl."budgetChangeId"
          WHERE bc."projectId" = ${projectId}::uuid
        UNION SELECT cl."costCodeId" FROM "ContractLine" cl JOIN "Contract" c ON c.id = cl."contractId"
          WHERE c."projectId" = ${projectId}::uuid
        UNION SELECT ccl."costCodeId" FROM "ContractChangeLine" ccl
          JOIN "ContractChange" ch ON ch.id = ccl."contractChangeId" JOIN "Contract" c ON c.id = ch."contractId"
          WHERE c."projectId" = ${projectId}::uuid)
    ORDER BY cc.code`;
}

/**
 * What the Intacct project lacks, from the reference cache (as the preflight sees it): the standard cost codes our
 * project's lines link to that no active task of the project is built from.
 */
export async function findMissingProjectTasks(db: Db, companyId: string, projectId: string): Promise<MissingTasksView> {
  const project = await db.project.findFirst({
    where: { id: projectId, companyId },
    select: { intacctProjectId: true },
  });
  if (!project) throw notFound("That project");
  if (!project.intacctProjectId) return { intacctProjectId: null, missing: [], unavailable: [] };
  const [codes, tasks] = await Promise.all([
    listLinkedCodesOnProject(db, companyId, projectId),
    listProjectTasks(db, companyId, project.intacctProjectId),
  ]);
  // The preflight's rule (planning/shared.ts resolveTask): a task matches by its own id or its standard task.
  const covered = new Set(tasks.filter((t) => t.active).flatMap((t) => [t.externalId, t.parentId].filter(Boolean)));
  const byStandard = new Map<string, string[]>();
  for (const c of codes) {
    if (covered.has(c.standardTaskId)) continue;
    byStandard.set(c.standardTaskId, [...(byStandard.get(c.standardTaskId) ?? []), `${c.code} ${c.name}`]);
  }
  const catalog = await findReferences(db, companyId, "STANDARD_TASK", [...byStandard.keys()]);
  const view: MissingTasksView = { intacctProjectId: project.intacctProjectId, missing: [], unavailable: [] };
  for (const [standardTaskId, costCodes] of byStandard) {
    const standard = catalog.get(standardTaskId);
    if (!standard?.active) view.unavailable.push({ standardTaskId, costCodes });
    else view.missing.push({ standardTaskId, name: standard.name, taskNo: standard.data.taskNo ?? "", costCodes });
  }
  return view;
}

export type TaskCreationOutcome = { standardTaskId: string; status: "created" | "existed" | "failed"; detail: string };
export type AddProjectTasksResult = { intacctProjectId: string; outcomes: TaskCreationOutcome[] };

// §6: the control id is the idempotency key. One per Intacct project and standard task: a second click, a retry after
// no answer or two people at once cannot create a task twice (Intacct refuses the completed control id).
const taskControlId = (projectId: string, intacctProjectId: string, standardTaskId: string) =>
  `task-${projectId}-${intacctProjectId}-${standardTaskId}`.slice(0, 256);

function describeOutcome(outcome: WriteOutcome): Pick<TaskCreationOutcome, "status" | "detail"> {
  if (outcome.status === "done") return { status: "created", detail: "" };
  // BL34000061: the project has that task already (added in Intacct since the last refresh).
  if (outcome.status === "failed" && outcome.error.details.some((d) => d.errorNo === "BL34000061"))
    return { status: "existed", detail: "already in the Intacct project" };
  if (outcome.status === "unknown")
    return {
      status: "failed",
      // A refused resend of a control id that may have run lands here too: the refresh that follows shows the task
      // if it exists, and a retry never creates it twice.
      detail: `Sage Intacct did not confirm it (${outcome.error.userMessage}). The task list is refreshed next; try again if it is still missing: the task will not be created twice.`,
    };
  return { status: "failed", detail: outcome.error.userMessage };
}

/**
 * Creates the missing tasks of the project's Intacct project in one request (batched by 100), then refreshes the
 * cached tasks and cost types so the preflight shows the lines with their cost codes. Audit-logged either way.
 * `client` is for tests; by default the company's connection.
 */
export async function addMissingProjectTasks(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZAddProjectTasksInput>,
  options: { client?: IntacctClient } = {},
): Promise<AddProjectTasksResult> {
  const view = await findMissingProjectTasks(db, user.companyId, input.projectId);
  const intacctProjectId = view.intacctProjectId;
  if (!intacctProjectId)
    throw new AppError(
      "INVALID_STATE",
      "This project is not linked to an Intacct project. Link it in Project Settings → Integrations first.",
    );
  const wanted = input.standardTaskIds ? new Set(input.standardTaskIds) : null;
  const tasks = view.missing.filter((m) => !wanted || wanted.has(m.standardTaskId));
  if (tasks.length === 0)
    throw new AppError(
      "INVALID_STATE",
      `Intacct project ${intacctProjectId} already has a task for every linked cost code.`,
    );
  const audit = (outcome: "success" | "failure", detail: string) =>
    writeAudit(db, user, "integration.create-tasks", outcome, `Intacct project ${intacctProjectId}: ${detail}`);
  let client: IntacctClient;
  try {
    client = options.client ?? (await getIntacctClientForCompany(db, user.companyId));
  } catch (error) {
    await audit("failure", toUserMessage(error, "not connected"));
    throw error;
  }
  const outcomes = await client.runBatched(
    {
      count: tasks.length,
      build: (i) => {
        const task = tasks[i] as MissingTask;
        return buildCreateTask({
          controlId: taskControlId(input.projectId, intacctProjectId, task.standardTaskId),
          projectId: intacctProjectId,
          taskId: task.standardTaskId,
          name: task.name.slice(0, 100) || task.standardTaskId,
          standardTaskId: task.standardTaskId,
          taskNo: task.taskNo || undefined,
        });
      },
    },
    { batchSize: 100 },
  );
  const result: AddProjectTasksResult = {
    intacctProjectId,
    outcomes: tasks.map((task, i) => ({
      standardTaskId: task.standardTaskId,
      ...describeOutcome(outcomes[i] as WriteOutcome),
    })),
  };
  // Intacct's answer to a control id it already ran is undocumented (docs/intacct/gateway.md §6): a refusal may mean
  // the task exists from an earlier click. Look the project's tasks up before calling anything a failure.
  if (result.outcomes.some((o) => o.status === "failed")) {
    const live = await loadLiveProjectTasks(client, intacctProjectId).catch(() => null);
    for (const outcome of result.outcomes) {
      if (outcome.status !== "failed" || !live?.taskByStandardId.has(outcome.standardTaskId)) continue;
      outcome.status = "existed";
      outcome.detail = "already in the Intacct project";
    }
  }
  const done = result.outcomes.filter((o) => o.status !== "failed");
  const failed = result.outcomes.filter((o) => o.status === "failed");
  await audit(
    failed.length ? "failure" : "success",
    [
      done.length ? `added ${done.map((o) => o.standardTaskId).join(", ")}` : "",
      failed.length ? `failed ${failed.map((o) => `${o.standardTaskId} (${o.detail})`).join("; ")}` : "",
    ]
      .filter(Boolean)
      .join("; "),
  );
  if (done.length > 0) {
    // The preflight reads the cache: bring the project's new tasks and their cost types in now.
    await refreshReferences(db, user.companyId, { types: ["TASK", "COST_TYPE"], client }).catch((error: unknown) => {
      if (!isIntacctError(error) && !(error instanceof AppError)) throw error;
    });
  }
  return result;
}

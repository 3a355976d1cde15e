// What every Intacct planner shares: the connection's and the project's blockers, the task and cost type of a line,
// and the plan's frame. The guide's rule: a cost code that does not exist in Intacct syncs without a cost code.
import type { SyncItem, SyncItemLine } from "@/lib/integrations/provider";
import type { Blocker, ConnectionView, PlanLine, SyncPlan } from "@/lib/integrations/types";
import type { ItemType } from "@/lib/generated/prisma/enums";
import type { ProjectTasks } from "../project-tasks";
import { INTACCT_DOCUMENTS } from "../documents";

export type TasksLoader = (intacctProjectId: string) => Promise<ProjectTasks>;
export type PlanContext = { connection: ConnectionView; loadTasks: TasksLoader };

const INTEGRATION_HREF = "/settings/integrations/sage-intacct";
const projectSettingsHref = (projectId: string) => `/projects/${projectId}/settings#integrations`;

/** Which Intacct task and cost type a line gets, or why it goes without. */
function resolveTask(
  costCode: SyncItemLine["costCode"],
  tasks: ProjectTasks,
  defaultCostType: string | null,
): Pick<PlanLine, "taskId" | "costTypeId" | "warning" | "missingProjectCostCode"> {
  const label = `${costCode.code} ${costCode.name}`;
  if (!costCode.intacctStandardTaskId)
    return {
      taskId: null,
      costTypeId: null,
      warning: `Cost code ${label} is not linked to an Intacct cost code, so this line syncs without a cost code.`,
    };
  const taskId = tasks.taskByStandardId.get(costCode.intacctStandardTaskId);
  if (!taskId) {
    const hint = tasks.known ? "" : " (Intacct project tasks have not been refreshed yet)";
    return {
      taskId: null,
      costTypeId: null,
      missingProjectCostCode: costCode.intacctStandardTaskId,
      warning: `Cost code ${costCode.intacctStandardTaskId} is not a task of this Intacct project${hint}, so this line syncs without a cost code.`,
    };
  }
  if (!defaultCostType) return { taskId, costTypeId: null, warning: null };
  const costTypeId = tasks.costTypeIdFor.get(`${taskId}/${defaultCostType}`);
  if (!costTypeId)
    return {
      taskId,
      costTypeId: null,
      warning: `Cost type ${defaultCostType} does not exist under task ${taskId} in Intacct, so this line syncs without a cost type.`,
    };
  return { taskId, costTypeId, warning: null };
}

export function projectBlockers(project: SyncItem["project"], needs: { glAccount: boolean }): Blocker[] {
  const blockers: Blocker[] = [];
  const fix = { fixHref: projectSettingsHref(project.id), fixLabel: "Open Project Settings → Integrations" };
  if (!project.intacctProjectId)
    blockers.push({ message: `Project ${project.name} is not linked to an Intacct project.`, ...fix });
  if (!project.intacctEntityId)
    blockers.push({ message: `Project ${project.name} has no External Accounting Entity.`, ...fix });
  if (needs.glAccount && !project.intacctGlAccount)
    blockers.push({ message: `Project ${project.name} has no GL Account for estimates.`, ...fix });
  return blockers;
}

export function connectionBlockers(connection: ConnectionView, itemType: ItemType): Blocker[] {
  if (connection.status !== "CONNECTED" && connection.status !== "NEEDS_ATTENTION") {
    return [
      {
        message: "Sage Intacct is not connected. An admin connects it in Company Settings → Integration Hub.",
        fixHref: INTEGRATION_HREF,
        fixLabel: "Open Integration Hub",
      },
    ];
  }
  if (itemType === "BUDGET" || itemType === "BUDGET_CHANGE") return [];
  if (!connection.settings.defaultItemId)
    return [
      {
        message:
          "Intacct requires an item on every line: an admin must choose the default item in the Sage Intacct sync settings.",
        fixHref: INTEGRATION_HREF,
        fixLabel: "Open sync settings",
      },
    ];
  return [];
}

export function vendorBlocker(vendor: SyncItem["vendor"]): Blocker[] {
  if (!vendor || vendor.intacctVendorId) return [];
  return [
    {
      message: `Accounting company ${vendor.name} is not linked to a Sage Intacct vendor.`,
      fixHref: "/contacts/accounting-companies",
      fixLabel: "Link it in Contacts → Accounting Companies",
    },
  ];
}

export function vendorOf(item: SyncItem): SyncPlan["vendor"] {
  return item.vendor?.intacctVendorId ? { id: item.vendor.intacctVendorId, name: item.vendor.name } : null;
}

export function basePlan(
  item: SyncItem,
  definition: string,
  documentNo: string,
  header: Partial<SyncPlan["header"]> & Pick<SyncPlan["header"], "description">,
): SyncPlan {
  const { project } = item;
  return {
    itemType: item.itemType,
    documentType: INTACCT_DOCUMENTS[item.itemType].documentType,
    definition,
    documentNo,
    vendor: null,
    project: { id: project.intacctProjectId ?? "", name: project.name, localId: project.id },
    entity: project.intacctEntityId,
    glAccount: project.intacctGlAccount,
    lines: [],
    warnings: [],
    location: INTACCT_DOCUMENTS[item.itemType].location,
    source: null,
    header: {
      date: item.dates.document,
      dueDate: item.dates.document,
      referenceNo: "",
      vendorDocNo: null,
      retainagePercent: null,
      ...header,
    },
  };
}

export async function planLines(
  ctx: PlanContext,
  item: SyncItem,
  extra: (line: SyncItemLine) => Partial<PlanLine> = () => ({}),
): Promise<PlanLine[]> {
  const { intacctProjectId } = item.project;
  const tasks = intacctProjectId ? await ctx.loadTasks(intacctProjectId) : null;
  const settings = ctx.connection.settings;
  const defaultCostType = settings.defaultCostTypeId || null;
  return item.lines.map((line) => {
    const resolved = tasks
      ? resolveTask(line.costCode, tasks, defaultCostType)
      : { taskId: null, costTypeId: null, warning: null };
    return {
      lineId: line.id,
      description: line.description || `${line.costCode.code} ${line.costCode.name}`,
      costCode: `${line.costCode.code} ${line.costCode.name}`,
      itemId: settings.defaultItemId || null,
      accountNo: null,
      amountCents: Number(line.amountCents),
      ...resolved,
      ...extra(line),
    };
  });
}

const NOT_LINKED = "is not linked to an Intacct cost code";

/**
 * One warning per distinct problem (two lines on the same missing cost code are one thing to fix), and one per cause
 * when several cost codes share it, with the fix: a long budget lists "not a task of this project" once, not per code.
 * Each line keeps its own warning in the preflight table.
 */
export function collectWarnings(plan: SyncPlan): void {
  const distinct = [...new Set(plan.lines.flatMap((l) => (l.warning ? [l.warning] : [])))];
  const notTask = [...new Set(plan.lines.flatMap((l) => (l.missingProjectCostCode ? [l.missingProjectCostCode] : [])))];
  const notLinked = [
    ...new Set(
      plan.lines.filter((l) => !l.missingProjectCostCode && l.warning?.includes(NOT_LINKED)).map((l) => l.costCode),
    ),
  ];
  const taskWarnings = new Set(plan.lines.flatMap((l) => (l.missingProjectCostCode && l.warning ? [l.warning] : [])));
  const grouped: string[] = [];
  if (notTask.length > 1) {
    const hint = [...taskWarnings].some((w) => w.includes("have not been refreshed yet"))
      ? " (Intacct project tasks have not been refreshed yet)"
      : "";
    grouped.push(
      `Cost codes ${notTask.join(", ")} are not tasks of Intacct project ${plan.project.id}${hint}, so their lines sync without a cost code. Fix: Add ${notTask.length} tasks to Intacct project ${plan.project.id} (project managers and admins).`,
    );
  }
  if (notLinked.length > 1)
    grouped.push(
      `Cost codes ${notLinked.join(", ")} are not linked to an Intacct cost code, so their lines sync without a cost code. Fix: link them under Lists & Templates → Project Cost Codes.`,
    );
  plan.warnings = [
    ...grouped,
    ...distinct.filter(
      (w) => !(notTask.length > 1 && taskWarnings.has(w)) && !(notLinked.length > 1 && w.includes(NOT_LINKED)),
    ),
  ];
}

export const retainagePercent = (bps: number | null) => (bps ? bps / 100 : null);

/**
 * When a purchase order or change order is due: its own date, unless the contract says otherwise (its end date,
 * when that is later). Intacct requires a due date on every purchasing document (docs/intacct/corrections.md).
 */
export function dueDateOf(item: SyncItem): Date {
  const { document, due } = item.dates;
  return due && due.getTime() > document.getTime() ? due : document;
}

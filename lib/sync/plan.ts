// Eligibility and preflight: from an item and its links, what would land in Intacct, line by line, or why it
// cannot be synced yet and which page fixes it. The same plan is what the sync sends.
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { getIntacctConnectionView } from "@/lib/integrations/sage-intacct/service";
import type { ConnectionView } from "@/lib/integrations/types";
import type { ProjectTasks } from "./project-tasks";
import { type Blocker, type Eligibility, INTACCT_LOCATIONS, type PlanLine, type SyncPlan } from "./types";

type Project = {
  id: string;
  name: string;
  number: string;
  intacctProjectId: string | null;
  intacctEntityId: string | null;
  intacctGlAccount: string | null;
};
type CostCode = { code: string; name: string; intacctStandardTaskId: string | null };
type Line = { id: string; description: string; amountCents: bigint; costCode: CostCode };
type TasksLoader = (intacctProjectId: string) => Promise<ProjectTasks>;
type LinkedSync = { state: string; intacctKey: string; intacctRecordNo: string; intacctDetails: unknown } | null;

export type PlanContext = { db: Db; user: SessionUser; loadTasks: TasksLoader };

const projectSettingsHref = (projectId: string) => `/projects/${projectId}/settings`;
const INTEGRATION_HREF = "/settings/integrations/sage-intacct";

// Which Intacct task and cost type a line gets, or why it goes without (the guide: "If a cost code does not exist
// in Intacct, financial records may sync without a cost code attached").
function resolveTask(
  costCode: CostCode,
  tasks: ProjectTasks,
  defaultCostType: string | null,
): Pick<PlanLine, "taskId" | "costTypeId" | "warning"> {
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

function projectBlockers(project: Project, needs: { glAccount: boolean }): Blocker[] {
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

function connectionBlockers(connection: ConnectionView, itemType: ItemType): Blocker[] {
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

async function findSync(db: Db, itemType: ItemType, itemId: string): Promise<LinkedSync> {
  return db.syncRecord.findUnique({
    where: { itemType_itemId: { itemType, itemId } },
    select: { state: true, intacctKey: true, intacctRecordNo: true, intacctDetails: true },
  });
}

export function lineKeysOf(sync: LinkedSync): Record<string, string> {
  const details = (sync?.intacctDetails ?? {}) as { lineKeys?: Record<string, string> };
  return details.lineKeys ?? {};
}

function basePlan(
  itemType: ItemType,
  project: Project,
  definition: string,
  documentNo: string,
  header: SyncPlan["header"],
): SyncPlan {
  return {
    itemType,
    documentType: INTACCT_LOCATIONS[itemType].documentType,
    definition,
    documentNo,
    vendor: null,
    project: { id: project.intacctProjectId ?? "", name: project.name },
    entity: project.intacctEntityId,
    glAccount: project.intacctGlAccount,
    lines: [],
    warnings: [],
    location: INTACCT_LOCATIONS[itemType].location,
    source: null,
    header,
  };
}

async function planLines(
  ctx: PlanContext,
  project: Project,
  lines: Line[],
  connection: ConnectionView,
  extra: (line: Line) => Partial<PlanLine> = () => ({}),
): Promise<PlanLine[]> {
  const tasks = project.intacctProjectId ? await ctx.loadTasks(project.intacctProjectId) : null;
  const defaultCostType = connection.settings.defaultCostTypeId || null;
  return lines.map((line) => {
    const resolved = tasks
      ? resolveTask(line.costCode, tasks, defaultCostType)
      : { taskId: null, costTypeId: null, warning: null };
    return {
      lineId: line.id,
      description: line.description || `${line.costCode.code} ${line.costCode.name}`,
      costCode: `${line.costCode.code} ${line.costCode.name}`,
      itemId: connection.settings.defaultItemId || null,
      accountNo: null,
      amountCents: Number(line.amountCents),
      ...resolved,
      ...extra(line),
    };
  });
}

function finish(plan: SyncPlan, blockers: Blocker[]): Eligibility {
  // One entry per distinct problem: two lines on the same missing cost code are one thing to fix.
  plan.warnings = [...new Set(plan.lines.flatMap((l) => (l.warning ? [l.warning] : [])))];
  return blockers.length ? { eligible: false, blockers, plan } : { eligible: true, plan };
}

function vendorBlocker(vendor: { name: string; intacctVendorId: string | null }): Blocker[] {
  return vendor.intacctVendorId
    ? []
    : [
        {
          message: `Accounting company ${vendor.name} is not linked to a Sage Intacct vendor.`,
          fixHref: "/contacts/accounting-companies",
          fixLabel: "Link it in Contacts → Accounting Companies",
        },
      ];
}

function approvedBlocker(status: string, label: string): Blocker[] {
  return status === "APPROVED"
    ? []
    : [
        {
          message: `Only approved items can be synced: this ${label} is ${status === "PENDING_APPROVAL" ? "pending approval" : status.toLowerCase()}.`,
        },
      ];
}

export async function buildSyncPlan(ctx: PlanContext, itemType: ItemType, itemId: string): Promise<Eligibility> {
  const { db, user } = ctx;
  const connection = await getIntacctConnectionView(db, user);
  const where = { id: itemId, companyId: user.companyId };
  const lineInclude = { include: { costCode: true }, orderBy: { lineNo: "asc" as const } };

  switch (itemType) {
    case "CONTRACT": {
      const contract = await db.contract.findFirst({
        where,
        include: { project: true, accountingCompany: true, lines: lineInclude },
      });
      if (!contract) throw notFound("That contract");
      const plan = basePlan(
        itemType,
        contract.project,
        connection.settings.purchaseOrderDefinition ?? "Purchase Order",
        contract.number,
        {
          date: contract.startDate,
          dueDate: contract.endDate,
          description: contract.title,
          referenceNo: `INGENIOUS ${contract.number}`,
          vendorDocNo: null,
          retainagePercent: contract.retainageBps ? contract.retainageBps / 100 : null,
        },
      );
      plan.vendor = contract.accountingCompany.intacctVendorId
        ? { id: contract.accountingCompany.intacctVendorId, name: contract.accountingCompany.name }
        : null;
      const blockers = [
        ...approvedBlocker(contract.status, "contract"),
        ...connectionBlockers(connection, itemType),
        ...vendorBlocker(contract.accountingCompany),
        ...projectBlockers(contract.project, { glAccount: false }),
      ];
      plan.lines = await planLines(ctx, contract.project, contract.lines, connection);
      return finish(plan, blockers);
    }
    case "CONTRACT_CHANGE": {
      const change = await db.contractChange.findFirst({
        where,
        include: {
          contract: { include: { project: true, accountingCompany: true } },
          lines: { include: { costCode: true, contractLine: true }, orderBy: { lineNo: "asc" } },
        },
      });
      if (!change) throw notFound("That contract change");
      const { contract } = change;
      const plan = basePlan(
        itemType,
        contract.project,
        connection.settings.changeOrderDefinition ?? "PO Change Order",
        `${contract.number}-${change.number}`,
        {
          date: change.decidedAt ?? change.updatedAt,
          dueDate: null,
          description: change.title,
          referenceNo: `INGENIOUS ${contract.number} ${change.number}`,
          vendorDocNo: null,
          retainagePercent: null,
        },
      );
      plan.vendor = contract.accountingCompany.intacctVendorId
        ? { id: contract.accountingCompany.intacctVendorId, name: contract.accountingCompany.name }
        : null;
      const contractSync = await findSync(db, "CONTRACT", contract.id);
      const blockers = [
        ...approvedBlocker(change.status, "contract change"),
        ...connectionBlockers(connection, itemType),
        ...vendorBlocker(contract.accountingCompany),
        ...projectBlockers(contract.project, { glAccount: false }),
      ];
      if (contractSync?.state !== "SYNCED") {
        blockers.push({
          message: `Contract ${contract.number} must be synced first: a PO Change Order changes its Purchase Order.`,
          fixHref: `/projects/${contract.projectId}/contracts/${contract.id}`,
          fixLabel: "Sync the contract first",
        });
      } else {
        plan.source = { key: contractSync.intacctKey, recordNo: contractSync.intacctRecordNo };
      }
      const poLines = lineKeysOf(contractSync);
      // Without the PO line's RECORDNO a change to it would arrive as a new line: refuse rather than guess.
      const unknownLine = change.lines.find((l) => l.contractLineId && !poLines[l.contractLineId]);
      if (contractSync?.state === "SYNCED" && unknownLine) {
        blockers.push({
          message: `The Purchase Order's line for "${unknownLine.contractLine?.description ?? unknownLine.description}" is not known to the app, so this change cannot point at it. Contact support with the contract number.`,
        });
      }
      plan.lines = await planLines(ctx, contract.project, change.lines, connection, (line) => {
        const contractLineId = change.lines.find((l) => l.id === line.id)?.contractLineId ?? null;
        return { relatedLineKey: contractLineId ? (poLines[contractLineId] ?? null) : null };
      });
      return finish(plan, blockers);
    }
    case "INVOICE": {
      const invoice = await db.invoice.findFirst({
        where,
        include: {
          contract: { include: { project: true, accountingCompany: true } },
          lines: { include: { contractLine: { include: { costCode: true } } }, orderBy: { lineNo: "asc" } },
        },
      });
      if (!invoice) throw notFound("That invoice");
      const { contract } = invoice;
      const plan = basePlan(
        itemType,
        contract.project,
        connection.settings.vendorInvoiceDefinition ?? "Vendor Invoice",
        `${contract.number}-${invoice.number}`,
        {
          date: invoice.invoiceDate,
          dueDate: invoice.dueDate,
          description: `Invoice ${invoice.number} on ${contract.number}`,
          referenceNo: `INGENIOUS ${contract.number} ${invoice.number}`,
          vendorDocNo: invoice.number,
          retainagePercent: invoice.retainageBps ? invoice.retainageBps / 100 : null,
        },
      );
      plan.vendor = contract.accountingCompany.intacctVendorId
        ? { id: contract.accountingCompany.intacctVendorId, name: contract.accountingCompany.name }
        : null;
      const blockers = [
        ...approvedBlocker(invoice.status, "invoice"),
        ...connectionBlockers(connection, itemType),
        ...vendorBlocker(contract.accountingCompany),
        ...projectBlockers(contract.project, { glAccount: false }),
      ];
      const contractSync = await findSync(db, "CONTRACT", contract.id);
      const poLines = contractSync?.state === "SYNCED" ? lineKeysOf(contractSync) : {};
      if (contractSync?.state === "SYNCED")
        plan.source = { key: contractSync.intacctKey, recordNo: contractSync.intacctRecordNo };
      const lines = invoice.lines.map((l) => ({
        id: l.id,
        description: l.description,
        amountCents: l.amountCents,
        costCode: l.contractLine.costCode,
        contractLineId: l.contractLineId,
      }));
      plan.lines = await planLines(ctx, contract.project, lines, connection, (line) => ({
        sourceLineKey: plan.source
          ? (poLines[lines.find((l) => l.id === line.id)?.contractLineId ?? ""] ?? null)
          : null,
      }));
      const result = finish(plan, blockers);
      // finish() collects the line warnings; this one is about the whole document.
      if (!plan.source)
        plan.warnings.unshift(
          `Contract ${contract.number} is not synced, so this invoice is created on its own rather than from the Purchase Order.`,
        );
      return result;
    }
    case "BUDGET": {
      const budget = await db.budget.findFirst({ where, include: { project: true, lines: lineInclude } });
      if (!budget) throw notFound("That budget");
      const plan = basePlan(itemType, budget.project, "PJESTIMATE", `EST-${budget.project.number}`, {
        date: budget.decidedAt ?? budget.updatedAt,
        dueDate: null,
        description: `${budget.title} — ${budget.project.name}`,
        referenceNo: "",
        vendorDocNo: null,
        retainagePercent: null,
      });
      const blockers = [
        ...approvedBlocker(budget.status, "budget"),
        ...connectionBlockers(connection, itemType),
        ...projectBlockers(budget.project, { glAccount: true }),
      ];
      plan.lines = (await planLines(ctx, budget.project, budget.lines, connection)).map((l) => ({
        ...l,
        itemId: null,
        accountNo: budget.project.intacctGlAccount,
      }));
      return finish(plan, blockers);
    }
    case "BUDGET_CHANGE": {
      const change = await db.budgetChange.findFirst({ where, include: { project: true, lines: lineInclude } });
      if (!change) throw notFound("That budget change");
      const plan = basePlan(itemType, change.project, "PJESTIMATE", `EST-${change.project.number}`, {
        date: change.decidedAt ?? change.updatedAt,
        dueDate: null,
        description: `${change.number} ${change.title}`,
        referenceNo: "",
        vendorDocNo: null,
        retainagePercent: null,
      });
      const blockers = [
        ...approvedBlocker(change.status, "budget change"),
        ...connectionBlockers(connection, itemType),
        ...projectBlockers(change.project, { glAccount: true }),
      ];
      const budgetSync = await findSync(db, "BUDGET", change.budgetId);
      if (budgetSync?.state !== "SYNCED") {
        blockers.push({
          message: "The project's budget must be synced first: budget changes are added to its Project Estimate.",
          fixHref: `/projects/${change.projectId}/budget`,
          fixLabel: "Sync the budget first",
        });
      } else {
        plan.source = { key: budgetSync.intacctKey, recordNo: budgetSync.intacctRecordNo };
        plan.documentNo = budgetSync.intacctKey;
      }
      plan.lines = (await planLines(ctx, change.project, change.lines, connection)).map((l) => ({
        ...l,
        itemId: null,
        accountNo: change.project.intacctGlAccount,
      }));
      return finish(plan, blockers);
    }
  }
}

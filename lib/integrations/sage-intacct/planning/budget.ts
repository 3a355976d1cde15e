// A budget becomes the project's Project Estimate (PJESTIMATE "EST-<project number>") with "original" entries, and
// a budget change adds "approved change" entries to that estimate (docs/intacct/gateway.md §10).
import type { ProviderPlan, SyncItem } from "@/lib/integrations/provider";
import { basePlan, collectWarnings, connectionBlockers, planLines, type PlanContext, projectBlockers } from "./shared";

/** Estimate lines post to the project's GL account and carry no item. */
async function estimateLines(ctx: PlanContext, item: SyncItem) {
  const lines = await planLines(ctx, item);
  return lines.map((l) => ({ ...l, itemId: null, accountNo: item.project.intacctGlAccount }));
}

export async function planBudget(ctx: PlanContext, item: SyncItem): Promise<ProviderPlan> {
  const plan = basePlan(item, "PJESTIMATE", `EST-${item.project.number}`, {
    description: `${item.title} — ${item.project.name}`,
  });
  plan.lines = await estimateLines(ctx, item);
  collectWarnings(plan);
  const blockers = [
    ...connectionBlockers(ctx.connection, item.itemType),
    ...projectBlockers(item.project, { glAccount: true }),
  ];
  return { plan, blockers };
}

export async function planBudgetChange(ctx: PlanContext, item: SyncItem): Promise<ProviderPlan> {
  const plan = basePlan(item, "PJESTIMATE", `EST-${item.project.number}`, {
    description: `${item.number} ${item.title}`,
    // The marker every entry of this change carries in its memo, so a lookup can tell whether it landed.
    referenceNo: item.number,
  });
  const budgetSync = item.prerequisite?.sync;
  if (budgetSync?.state === "SYNCED") {
    plan.source = { key: budgetSync.key, recordNo: budgetSync.recordNo };
    plan.documentNo = budgetSync.key;
  }
  plan.lines = await estimateLines(ctx, item);
  collectWarnings(plan);
  const blockers = [
    ...connectionBlockers(ctx.connection, item.itemType),
    ...projectBlockers(item.project, { glAccount: true }),
  ];
  return { plan, blockers };
}

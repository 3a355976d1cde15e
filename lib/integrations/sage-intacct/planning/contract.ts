// A contract becomes a Purchase Order: one line per contract line, dated from the contract's start.
import type { ProviderPlan, SyncItem } from "@/lib/integrations/provider";
import {
  basePlan,
  collectWarnings,
  connectionBlockers,
  planLines,
  type PlanContext,
  projectBlockers,
  retainagePercent,
  dueDateOf,
  vendorBlocker,
  vendorOf,
} from "./shared";

export async function planContract(ctx: PlanContext, item: SyncItem): Promise<ProviderPlan> {
  const plan = basePlan(item, ctx.connection.settings.purchaseOrderDefinition ?? "Purchase Order", item.number, {
    dueDate: dueDateOf(item),
    description: item.title,
    referenceNo: `INGENIOUS ${item.number}`,
    retainagePercent: retainagePercent(item.retainageBps),
  });
  plan.vendor = vendorOf(item);
  plan.lines = await planLines(ctx, item);
  collectWarnings(plan);
  const blockers = [
    ...connectionBlockers(ctx.connection, item.itemType),
    ...vendorBlocker(item.vendor),
    ...projectBlockers(item.project, { glAccount: false }),
  ];
  return { plan, blockers };
}

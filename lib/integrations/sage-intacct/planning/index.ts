// One planner per item type: from a SyncItem and the connection's settings, the Intacct document it becomes.
import type { ItemType } from "@/lib/generated/prisma/enums";
import type { ProviderPlan, SyncItem } from "@/lib/integrations/provider";
import { planBudget, planBudgetChange } from "./budget";
import { planContract } from "./contract";
import { planContractChange } from "./contract-change";
import { planInvoice } from "./invoice";
import type { PlanContext } from "./shared";

export type { PlanContext } from "./shared";

const PLANNERS: Record<ItemType, (ctx: PlanContext, item: SyncItem) => Promise<ProviderPlan>> = {
  CONTRACT: planContract,
  CONTRACT_CHANGE: planContractChange,
  INVOICE: planInvoice,
  BUDGET: planBudget,
  BUDGET_CHANGE: planBudgetChange,
};

export function planIntacctDocument(ctx: PlanContext, item: SyncItem): Promise<ProviderPlan> {
  return PLANNERS[item.itemType](ctx, item);
}

// What stands in the way of a sync on our side, whatever the accounting system: the item must be approved, and the
// item it builds on (the contract of a change, the budget of a budget change) must be synced first.
import type { AccountingProvider, SyncItem } from "@/lib/integrations/provider";
import type { Blocker } from "@/lib/integrations/types";

const LABELS = {
  CONTRACT: "contract",
  CONTRACT_CHANGE: "contract change",
  INVOICE: "invoice",
  BUDGET: "budget",
  BUDGET_CHANGE: "budget change",
} as const;

function approvedBlocker(item: SyncItem): Blocker[] {
  if (item.status === "APPROVED") return [];
  const status = item.status === "PENDING_APPROVAL" ? "pending approval" : item.status.toLowerCase();
  return [{ message: `Only approved items can be synced: this ${LABELS[item.itemType]} is ${status}.` }];
}

function prerequisiteBlocker(item: SyncItem, provider: AccountingProvider): Blocker[] {
  const before = item.prerequisite;
  if (!before || before.sync?.state === "SYNCED") return [];
  const documentOf = (type: SyncItem["itemType"]) => provider.describeItemType(type).documentType;
  if (item.itemType === "CONTRACT_CHANGE") {
    return [
      {
        message: `Contract ${before.number} must be synced first: a ${documentOf("CONTRACT_CHANGE")} changes its ${documentOf("CONTRACT")}.`,
        fixHref: `/projects/${item.project.id}/contracts/${before.itemId}`,
        fixLabel: "Sync the contract first",
      },
    ];
  }
  if (item.itemType === "BUDGET_CHANGE") {
    return [
      {
        message: `The project's budget must be synced first: budget changes are added to its ${documentOf("BUDGET")}.`,
        fixHref: `/projects/${item.project.id}/budget`,
        fixLabel: "Sync the budget first",
      },
    ];
  }
  // An invoice may go on its own; the provider says what that means for the document.
  return [];
}

/** Our blockers around the provider's: approval first, the missing prerequisite last (as people fix them). */
export function combineBlockers(item: SyncItem, provider: AccountingProvider, providerBlockers: Blocker[]): Blocker[] {
  return [...approvedBlocker(item), ...providerBlockers, ...prerequisiteBlocker(item, provider)];
}

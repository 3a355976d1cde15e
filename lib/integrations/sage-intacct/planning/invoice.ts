// An invoice becomes a Vendor Invoice, converted from the contract's Purchase Order when that is synced (each line
// bills its PO line), or created on its own when it is not.
import type { ProviderPlan, SyncItem } from "@/lib/integrations/provider";
import {
  basePlan,
  collectWarnings,
  connectionBlockers,
  planLines,
  type PlanContext,
  projectBlockers,
  retainagePercent,
  vendorBlocker,
  vendorOf,
} from "./shared";

export async function planInvoice(ctx: PlanContext, item: SyncItem): Promise<ProviderPlan> {
  const contractNumber = item.contractNumber ?? "";
  const plan = basePlan(
    item,
    ctx.connection.settings.vendorInvoiceDefinition ?? "Vendor Invoice",
    `${contractNumber}-${item.number}`,
    {
      dueDate: item.dates.due,
      description: item.title,
      referenceNo: `INGENIOUS ${contractNumber} ${item.number}`,
      vendorDocNo: item.number,
      retainagePercent: retainagePercent(item.retainageBps),
    },
  );
  plan.vendor = vendorOf(item);
  const contractSync = item.prerequisite?.sync;
  const synced = contractSync?.state === "SYNCED";
  if (synced) plan.source = { key: contractSync.key, recordNo: contractSync.recordNo };
  const poLines = synced ? contractSync.lineKeys : {};
  plan.lines = await planLines(ctx, item, (line) => ({
    sourceLineKey: synced ? (poLines[line.billsLineId ?? ""] ?? null) : null,
  }));
  collectWarnings(plan);
  // This one is about the whole document, so it comes before the line warnings.
  if (!plan.source)
    plan.warnings.unshift(
      `Contract ${contractNumber} is not synced, so this invoice is created on its own rather than from the Purchase Order.`,
    );
  const blockers = [
    ...connectionBlockers(ctx.connection, item.itemType),
    ...vendorBlocker(item.vendor),
    ...projectBlockers(item.project, { glAccount: false }),
  ];
  return { plan, blockers };
}

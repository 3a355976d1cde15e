// A contract change becomes a PO Change Order on the contract's Purchase Order: every line points at the PO, and a
// line that changes an existing contract line also names that PO line (docs/intacct/gateway.md §9).
import type { ProviderPlan, SyncItem } from "@/lib/integrations/provider";
import type { Blocker } from "@/lib/integrations/types";
import {
  basePlan,
  collectWarnings,
  connectionBlockers,
  dueDateOf,
  planLines,
  type PlanContext,
  projectBlockers,
  vendorBlocker,
  vendorOf,
} from "./shared";

export async function planContractChange(ctx: PlanContext, item: SyncItem): Promise<ProviderPlan> {
  const contractNumber = item.contractNumber ?? "";
  const plan = basePlan(
    item,
    ctx.connection.settings.changeOrderDefinition ?? "PO Change Order",
    `${contractNumber}-${item.number}`,
    {
      dueDate: dueDateOf(item),
      description: item.title,
      referenceNo: `INGENIOUS ${contractNumber} ${item.number}`,
    },
  );
  plan.vendor = vendorOf(item);
  const blockers: Blocker[] = [
    ...connectionBlockers(ctx.connection, item.itemType),
    ...vendorBlocker(item.vendor),
    ...projectBlockers(item.project, { glAccount: false }),
  ];
  const contractSync = item.prerequisite?.sync;
  const synced = contractSync?.state === "SYNCED";
  if (synced) plan.source = { key: contractSync.key, recordNo: contractSync.recordNo };
  const poLines = synced ? contractSync.lineKeys : {};
  // Without the PO line's RECORDNO a change to it would arrive as a new line: refuse rather than guess.
  const unknownLine = item.lines.find((l) => l.changesLineId && !poLines[l.changesLineId]);
  if (synced && unknownLine) {
    blockers.push({
      message: `The Purchase Order's line for "${unknownLine.description}" is not known to the app, so this change cannot point at it. Contact support with the contract number.`,
    });
  }
  plan.lines = await planLines(ctx, item, (line) => ({
    relatedLineKey: line.changesLineId ? (poLines[line.changesLineId] ?? null) : null,
  }));
  collectWarnings(plan);
  return { plan, blockers };
}

// An invoice becomes a Vendor Invoice, converted from the contract's Purchase Order when that is synced (each line
// bills its PO line), or created on its own when it is not. A line that bills what an approved contract change
// added converts that change's PO Change Order line instead; with lines from several documents, each line names its
// own source (docs/intacct/corrections.md, conversions).
import type { ProviderPlan, SyncItem } from "@/lib/integrations/provider";
import type { Blocker } from "@/lib/integrations/types";
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
      dueDate: item.dates.due ?? item.dates.document,
      description: item.title,
      referenceNo: `INGENIOUS ${contractNumber} ${item.number}`,
      vendorDocNo: item.number,
      retainagePercent: retainagePercent(item.retainageBps),
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
  // Each change whose added lines this invoice bills must be synced too: its PO Change Order holds those lines.
  const unsyncedChanges = new Set<string>();
  plan.lines = await planLines(ctx, item, (line) => {
    if (!synced) return { sourceLineKey: null, sourceDocKey: null };
    const added = line.billsAddedLine;
    if (!added) {
      const key = poLines[line.billsLineId ?? ""] ?? null;
      return { sourceLineKey: key, sourceDocKey: key ? contractSync.key : null };
    }
    const changeSync = added.change.sync;
    if (changeSync?.state !== "SYNCED") {
      unsyncedChanges.add(added.change.number);
      return { sourceLineKey: null, sourceDocKey: null };
    }
    const key = changeSync.lineKeys[added.lineId] ?? null;
    if (!key)
      blockers.push({
        message: `The PO Change Order line for "${line.description}" (contract change ${added.change.number}) is not known to the app, so this invoice cannot bill it. Contact support with the contract number.`,
      });
    return { sourceLineKey: key, sourceDocKey: key ? changeSync.key : null };
  });
  for (const number of unsyncedChanges)
    blockers.push({
      message: `Contract change ${number} must be synced first: this invoice bills a line it added, which Intacct holds on its PO Change Order.`,
      fixLabel: "Sync the contract change first",
      fixHref: changeHref(item, number),
    });
  collectWarnings(plan);
  // This one is about the whole document, so it comes before the line warnings.
  if (!synced)
    plan.warnings.unshift(
      `Contract ${contractNumber} is not synced, so this invoice is created on its own rather than from the Purchase Order.`,
    );
  return { plan, blockers };
}

function changeHref(item: SyncItem, number: string): string | undefined {
  const change = item.lines.find((line) => line.billsAddedLine?.change.number === number)?.billsAddedLine?.change;
  return change ? `/projects/${item.project.id}/contract-changes/${change.itemId}` : undefined;
}

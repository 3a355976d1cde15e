// Loads items as provider-neutral SyncItems: our own data only (lines, cost codes, links as stored, and how the
// item it builds on stands). Every query is scoped to the user's company; another company's id is "not found".
// One item or many: many are loaded set-based (one query per item type, one for every prior sync they need), so a
// page of 25 costs the same few queries as one.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemType } from "@/lib/generated/prisma/enums";
import type { PriorSync, SyncItem } from "@/lib/integrations/provider";
import { readSyncDetails } from "./records";

const byLineNo = { orderBy: { lineNo: "asc" as const } };
const costCode = { select: { code: true, name: true, intacctStandardTaskId: true } };

const CONTRACT_INCLUDE = {
  project: true,
  accountingCompany: true,
  lines: { include: { costCode }, ...byLineNo },
} satisfies Prisma.ContractInclude;
const CHANGE_INCLUDE = {
  contract: { include: { project: true, accountingCompany: true } },
  lines: { include: { costCode }, ...byLineNo },
} satisfies Prisma.ContractChangeInclude;
const INVOICE_INCLUDE = {
  contract: { include: { project: true, accountingCompany: true } },
  lines: {
    include: {
      contractLine: { include: { costCode } },
      contractChangeLine: { include: { costCode, contractChange: { select: { id: true, number: true } } } },
    },
    ...byLineNo,
  },
} satisfies Prisma.InvoiceInclude;
const BUDGET_INCLUDE = { project: true, lines: { include: { costCode }, ...byLineNo } } satisfies Prisma.BudgetInclude;
const BUDGET_CHANGE_INCLUDE = {
  project: true,
  lines: { include: { costCode }, ...byLineNo },
} satisfies Prisma.BudgetChangeInclude;

type ContractRow = Prisma.ContractGetPayload<{ include: typeof CONTRACT_INCLUDE }>;
type ChangeRow = Prisma.ContractChangeGetPayload<{ include: typeof CHANGE_INCLUDE }>;
type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof INVOICE_INCLUDE }>;
type BudgetRow = Prisma.BudgetGetPayload<{ include: typeof BUDGET_INCLUDE }>;
type BudgetChangeRow = Prisma.BudgetChangeGetPayload<{ include: typeof BUDGET_CHANGE_INCLUDE }>;

const NOT_FOUND: Record<ItemType, string> = {
  CONTRACT: "That contract",
  CONTRACT_CHANGE: "That contract change",
  INVOICE: "That invoice",
  BUDGET: "That budget",
  BUDGET_CHANGE: "That budget change",
};

/** The prior sync of an item another builds on, from the one query that read them all. */
type PriorOf = (itemType: ItemType, itemId: string) => PriorSync | null;
type Base = { itemType: ItemType; id: string; companyId: string };

function contractItem(base: Base, contract: ContractRow): SyncItem {
  return {
    ...base,
    status: contract.status,
    number: contract.number,
    title: contract.title,
    contractNumber: null,
    project: contract.project,
    vendor: contract.accountingCompany,
    dates: { document: contract.startDate, due: contract.endDate },
    retainageBps: contract.retainageBps || null,
    lines: contract.lines,
    prerequisite: null,
  };
}

function changeItem(base: Base, change: ChangeRow, priorOf: PriorOf): SyncItem {
  const { contract } = change;
  return {
    ...base,
    status: change.status,
    number: change.number,
    title: change.title,
    contractNumber: contract.number,
    project: contract.project,
    vendor: contract.accountingCompany,
    // A change order is due when its contract is, unless it comes later than that.
    dates: { document: change.decidedAt ?? change.updatedAt, due: contract.endDate },
    retainageBps: null,
    lines: change.lines.map((line) => ({ ...line, changesLineId: line.contractLineId })),
    prerequisite: {
      itemType: "CONTRACT",
      itemId: contract.id,
      number: contract.number,
      sync: priorOf("CONTRACT", contract.id),
    },
  };
}

function invoiceItem(base: Base, invoice: InvoiceRow, priorOf: PriorOf): SyncItem {
  const { contract } = invoice;
  return {
    ...base,
    status: invoice.status,
    number: invoice.number,
    title: `Invoice ${invoice.number} on ${contract.number}`,
    contractNumber: contract.number,
    project: contract.project,
    vendor: contract.accountingCompany,
    dates: { document: invoice.invoiceDate, due: invoice.dueDate },
    retainageBps: invoice.retainageBps || null,
    lines: invoice.lines.map((line) => {
      const added = line.contractChangeLine;
      return {
        id: line.id,
        description: line.description,
        amountCents: line.amountCents,
        costCode: (line.contractLine ?? added)?.costCode ?? { code: "", name: "", intacctStandardTaskId: null },
        billsLineId: line.contractLineId,
        // A line that bills what a change added converts that change's document: its sync.
        billsAddedLine: added
          ? {
              lineId: added.id,
              change: {
                itemType: "CONTRACT_CHANGE" as const,
                itemId: added.contractChange.id,
                number: added.contractChange.number,
                sync: priorOf("CONTRACT_CHANGE", added.contractChange.id),
              },
            }
          : null,
      };
    }),
    prerequisite: {
      itemType: "CONTRACT",
      itemId: contract.id,
      number: contract.number,
      sync: priorOf("CONTRACT", contract.id),
    },
  };
}

function budgetItem(base: Base, budget: BudgetRow): SyncItem {
  return {
    ...base,
    status: budget.status,
    number: budget.project.number,
    title: budget.title,
    contractNumber: null,
    project: budget.project,
    vendor: null,
    dates: { document: budget.decidedAt ?? budget.updatedAt, due: null },
    retainageBps: null,
    lines: budget.lines,
    prerequisite: null,
  };
}

function budgetChangeItem(base: Base, change: BudgetChangeRow, priorOf: PriorOf): SyncItem {
  return {
    ...base,
    status: change.status,
    number: change.number,
    title: change.title,
    contractNumber: null,
    project: change.project,
    vendor: null,
    dates: { document: change.decidedAt ?? change.updatedAt, due: null },
    retainageBps: null,
    lines: change.lines,
    prerequisite: {
      itemType: "BUDGET",
      itemId: change.budgetId,
      number: change.project.number,
      sync: priorOf("BUDGET", change.budgetId),
    },
  };
}

/** The prior syncs of the given items, in one query. */
async function loadPriorSyncs(
  db: Db,
  companyId: string,
  wanted: { itemType: ItemType; itemId: string }[],
): Promise<PriorOf> {
  const byKey = new Map<string, PriorSync>();
  if (wanted.length > 0) {
    const records = await db.syncRecord.findMany({
      where: { companyId, itemId: { in: [...new Set(wanted.map((w) => w.itemId))] } },
      select: {
        itemType: true,
        itemId: true,
        state: true,
        intacctKey: true,
        intacctRecordNo: true,
        intacctDetails: true,
      },
    });
    for (const record of records)
      byKey.set(`${record.itemType}:${record.itemId}`, {
        state: record.state,
        key: record.intacctKey,
        recordNo: record.intacctRecordNo,
        lineKeys: readSyncDetails(record.intacctDetails).lineKeys ?? {},
      });
  }
  return (itemType, itemId) => byKey.get(`${itemType}:${itemId}`) ?? null;
}

/**
 * Many items at once, by id (any mix of types): one query per type present and one for the prior syncs they need.
 * Items that do not exist in the company are left out of the map (keyed by item id).
 */
export async function loadSyncItems(
  db: Db,
  user: Pick<SessionUser, "companyId">,
  items: { itemType: ItemType; itemId: string }[],
): Promise<Map<string, SyncItem>> {
  const { companyId } = user;
  const idsOf = (type: ItemType) => [...new Set(items.filter((i) => i.itemType === type).map((i) => i.itemId))];
  const where = (type: ItemType) => ({ companyId, id: { in: idsOf(type) } });
  const has = (type: ItemType) => items.some((i) => i.itemType === type);
  // One after another: a caller may hold few connections, and there are at most five.
  const contracts = has("CONTRACT")
    ? await db.contract.findMany({ where: where("CONTRACT"), include: CONTRACT_INCLUDE })
    : [];
  const changes = has("CONTRACT_CHANGE")
    ? await db.contractChange.findMany({ where: where("CONTRACT_CHANGE"), include: CHANGE_INCLUDE })
    : [];
  const invoices = has("INVOICE")
    ? await db.invoice.findMany({ where: where("INVOICE"), include: INVOICE_INCLUDE })
    : [];
  const budgets = has("BUDGET") ? await db.budget.findMany({ where: where("BUDGET"), include: BUDGET_INCLUDE }) : [];
  const budgetChanges = has("BUDGET_CHANGE")
    ? await db.budgetChange.findMany({ where: where("BUDGET_CHANGE"), include: BUDGET_CHANGE_INCLUDE })
    : [];

  const priorOf = await loadPriorSyncs(db, companyId, [
    ...changes.map((c) => ({ itemType: "CONTRACT" as const, itemId: c.contractId })),
    ...invoices.flatMap((invoice) => [
      { itemType: "CONTRACT" as const, itemId: invoice.contractId },
      ...invoice.lines.flatMap((line) =>
        line.contractChangeLine
          ? [{ itemType: "CONTRACT_CHANGE" as const, itemId: line.contractChangeLine.contractChange.id }]
          : [],
      ),
    ]),
    ...budgetChanges.map((c) => ({ itemType: "BUDGET" as const, itemId: c.budgetId })),
  ]);

  const base = (itemType: ItemType, id: string): Base => ({ itemType, id, companyId });
  const result = new Map<string, SyncItem>();
  for (const row of contracts) result.set(row.id, contractItem(base("CONTRACT", row.id), row));
  for (const row of changes) result.set(row.id, changeItem(base("CONTRACT_CHANGE", row.id), row, priorOf));
  for (const row of invoices) result.set(row.id, invoiceItem(base("INVOICE", row.id), row, priorOf));
  for (const row of budgets) result.set(row.id, budgetItem(base("BUDGET", row.id), row));
  for (const row of budgetChanges) result.set(row.id, budgetChangeItem(base("BUDGET_CHANGE", row.id), row, priorOf));
  return result;
}

export async function loadSyncItem(
  db: Db,
  user: Pick<SessionUser, "companyId">,
  itemType: ItemType,
  itemId: string,
): Promise<SyncItem> {
  const item = (await loadSyncItems(db, user, [{ itemType, itemId }])).get(itemId);
  if (!item) throw notFound(NOT_FOUND[itemType]);
  return item;
}

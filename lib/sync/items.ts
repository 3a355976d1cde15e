// Loads items as provider-neutral SyncItems: our own data only (lines, cost codes, links as stored, and how the
// item it builds on stands). Every query is scoped to the company; another company's id is "not found".
// Set-based: a batch of items is loaded in a few queries per item type (one `findMany` with its relations), and the
// sync records of every prerequisite and billed change in one more, whatever the number of items.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ItemType } from "@/lib/generated/prisma/enums";
import type { PriorSync, SyncItem } from "@/lib/integrations/provider";
import { readSyncDetails } from "./records";

const byLineNo = { orderBy: { lineNo: "asc" as const } };
const costCode = { select: { code: true, name: true, intacctStandardTaskId: true } };

export type SyncItemRef = { itemType: ItemType; itemId: string };

export const syncItemKey = (itemType: ItemType, itemId: string) => `${itemType}:${itemId}`;

const NOT_FOUND_LABEL: Record<ItemType, string> = {
  CONTRACT: "That contract",
  CONTRACT_CHANGE: "That contract change",
  INVOICE: "That invoice",
  BUDGET: "That budget",
  BUDGET_CHANGE: "That budget change",
};

export const notFoundItem = (itemType: ItemType) => notFound(NOT_FOUND_LABEL[itemType]);

export async function loadSyncItem(
  db: Db,
  user: Pick<SessionUser, "companyId">,
  itemType: ItemType,
  itemId: string,
): Promise<SyncItem> {
  const item = (await loadSyncItems(db, user.companyId, [{ itemType, itemId }])).get(syncItemKey(itemType, itemId));
  if (!item) throw notFoundItem(itemType);
  return item;
}

const ids = (refs: SyncItemRef[], itemType: ItemType) => [
  ...new Set(refs.filter((r) => r.itemType === itemType).map((r) => r.itemId)),
];

// The prior syncs, in one query for the batch, read as they were one by one (`PriorSync`).
async function loadPriorSyncs(db: Db, companyId: string, refs: SyncItemRef[]) {
  const wanted = [...new Set(refs.map((r) => r.itemId))];
  const records = wanted.length
    ? await db.syncRecord.findMany({
        where: { companyId, itemId: { in: wanted } },
        select: {
          itemType: true,
          itemId: true,
          state: true,
          intacctKey: true,
          intacctRecordNo: true,
          intacctDetails: true,
        },
      })
    : [];
  const byKey = new Map<string, PriorSync>(
    records.map((record) => [
      syncItemKey(record.itemType, record.itemId),
      {
        state: record.state,
        key: record.intacctKey,
        recordNo: record.intacctRecordNo,
        lineKeys: readSyncDetails(record.intacctDetails).lineKeys ?? {},
      },
    ]),
  );
  return (itemType: ItemType, itemId: string) => byKey.get(syncItemKey(itemType, itemId)) ?? null;
}

/**
 * Loads many items of one company, keyed by `syncItemKey`; an item that is not found (or is another company's) is
 * simply absent. A handful of queries per item type present, however many items.
 */
export async function loadSyncItems(db: Db, companyId: string, refs: SyncItemRef[]): Promise<Map<string, SyncItem>> {
  const loaded = new Map<string, SyncItem>();
  // The prerequisites and billed changes, collected as each type's rows come in; their syncs are read at the end.
  const pending: { item: SyncItem; finish: (priorSync: Awaited<ReturnType<typeof loadPriorSyncs>>) => SyncItem }[] = [];
  const wantedSyncs: SyncItemRef[] = [];
  const base = (itemType: ItemType, id: string) => ({ itemType, id, companyId });
  const inCompany = (itemType: ItemType) => ({ id: { in: ids(refs, itemType) }, companyId });

  if (ids(refs, "CONTRACT").length) {
    const contracts = await db.contract.findMany({
      where: inCompany("CONTRACT"),
      include: { project: true, accountingCompany: true, lines: { include: { costCode }, ...byLineNo } },
    });
    for (const contract of contracts)
      loaded.set(syncItemKey("CONTRACT", contract.id), {
        ...base("CONTRACT", contract.id),
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
      });
  }

  if (ids(refs, "CONTRACT_CHANGE").length) {
    const changes = await db.contractChange.findMany({
      where: inCompany("CONTRACT_CHANGE"),
      include: {
        contract: { include: { project: true, accountingCompany: true } },
        lines: { include: { costCode }, ...byLineNo },
      },
    });
    for (const change of changes) {
      const { contract } = change;
      wantedSyncs.push({ itemType: "CONTRACT", itemId: contract.id });
      const item: SyncItem = {
        ...base("CONTRACT_CHANGE", change.id),
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
        prerequisite: null,
      };
      pending.push({
        item,
        finish: (priorSync) => ({
          ...item,
          prerequisite: {
            itemType: "CONTRACT",
            itemId: contract.id,
            number: contract.number,
            sync: priorSync("CONTRACT", contract.id),
          },
        }),
      });
    }
  }

  if (ids(refs, "INVOICE").length) {
    const invoices = await db.invoice.findMany({
      where: inCompany("INVOICE"),
      include: {
        contract: { include: { project: true, accountingCompany: true } },
        lines: {
          include: {
            contractLine: { include: { costCode } },
            contractChangeLine: { include: { costCode, contractChange: { select: { id: true, number: true } } } },
          },
          ...byLineNo,
        },
      },
    });
    for (const invoice of invoices) {
      const { contract } = invoice;
      wantedSyncs.push({ itemType: "CONTRACT", itemId: contract.id });
      for (const line of invoice.lines)
        if (line.contractChangeLine)
          wantedSyncs.push({ itemType: "CONTRACT_CHANGE", itemId: line.contractChangeLine.contractChange.id });
      const item: SyncItem = {
        ...base("INVOICE", invoice.id),
        status: invoice.status,
        number: invoice.number,
        title: `Invoice ${invoice.number} on ${contract.number}`,
        contractNumber: contract.number,
        project: contract.project,
        vendor: contract.accountingCompany,
        dates: { document: invoice.invoiceDate, due: invoice.dueDate },
        retainageBps: invoice.retainageBps || null,
        lines: [],
        prerequisite: null,
      };
      pending.push({
        item,
        finish: (priorSync) => ({
          ...item,
          // A line that bills what a change added converts that change's document: its sync.
          lines: invoice.lines.map((line) => {
            const added = line.contractChangeLine;
            return {
              id: line.id,
              description: line.description,
              amountCents: line.amountCents,
              costCode: (line.contractLine ?? added)?.costCode ?? { code: "", name: "", intacctStandardTaskId: null },
              billsLineId: line.contractLineId,
              billsAddedLine: added
                ? {
                    lineId: added.id,
                    change: {
                      itemType: "CONTRACT_CHANGE" as const,
                      itemId: added.contractChange.id,
                      number: added.contractChange.number,
                      sync: priorSync("CONTRACT_CHANGE", added.contractChange.id),
                    },
                  }
                : null,
            };
          }),
          prerequisite: {
            itemType: "CONTRACT",
            itemId: contract.id,
            number: contract.number,
            sync: priorSync("CONTRACT", contract.id),
          },
        }),
      });
    }
  }

  if (ids(refs, "BUDGET").length) {
    const budgets = await db.budget.findMany({
      where: inCompany("BUDGET"),
      include: { project: true, lines: { include: { costCode }, ...byLineNo } },
    });
    for (const budget of budgets)
      loaded.set(syncItemKey("BUDGET", budget.id), {
        ...base("BUDGET", budget.id),
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
      });
  }

  if (ids(refs, "BUDGET_CHANGE").length) {
    const changes = await db.budgetChange.findMany({
      where: inCompany("BUDGET_CHANGE"),
      include: { project: true, lines: { include: { costCode }, ...byLineNo } },
    });
    for (const change of changes) {
      wantedSyncs.push({ itemType: "BUDGET", itemId: change.budgetId });
      const item: SyncItem = {
        ...base("BUDGET_CHANGE", change.id),
        status: change.status,
        number: change.number,
        title: change.title,
        contractNumber: null,
        project: change.project,
        vendor: null,
        dates: { document: change.decidedAt ?? change.updatedAt, due: null },
        retainageBps: null,
        lines: change.lines,
        prerequisite: null,
      };
      pending.push({
        item,
        finish: (priorSync) => ({
          ...item,
          prerequisite: {
            itemType: "BUDGET",
            itemId: change.budgetId,
            number: change.project.number,
            sync: priorSync("BUDGET", change.budgetId),
          },
        }),
      });
    }
  }

  if (pending.length) {
    const priorSync = await loadPriorSyncs(db, companyId, wantedSyncs);
    for (const { item, finish } of pending) loaded.set(syncItemKey(item.itemType, item.id), finish(priorSync));
  }
  return loaded;
}

/**
 * The projects a batch's items are in, in one query (before the items themselves are loaded): what a provider may
 * start reading for their plans (`ProviderSession.prefetch`).
 */
export async function loadSyncProjects(db: Db, companyId: string, refs: SyncItemRef[]): Promise<SyncItem["project"][]> {
  const idsOf = (...types: ItemType[]) => refs.filter((r) => types.includes(r.itemType)).map((r) => r.itemId);
  if (!refs.length) return [];
  return db.$queryRaw<SyncItem["project"][]>`
    SELECT p.id::text AS id, p.name, p.number, p."intacctProjectId", p."intacctEntityId", p."intacctGlAccount"
      FROM "Project" p
     WHERE p."companyId" = ${companyId}::uuid
       AND p.id IN (SELECT c."projectId" FROM "Contract" c WHERE c.id = ANY(${idsOf("CONTRACT")}::uuid[])
                    UNION SELECT c."projectId" FROM "ContractChange" cc JOIN "Contract" c ON c.id = cc."contractId"
                           WHERE cc.id = ANY(${idsOf("CONTRACT_CHANGE")}::uuid[])
                    UNION SELECT c."projectId" FROM "Invoice" i JOIN "Contract" c ON c.id = i."contractId"
                           WHERE i.id = ANY(${idsOf("INVOICE")}::uuid[])
                    UNION SELECT b."projectId" FROM "Budget" b WHERE b.id = ANY(${idsOf("BUDGET")}::uuid[])
                    UNION SELECT bc."projectId" FROM "BudgetChange" bc
                           WHERE bc.id = ANY(${idsOf("BUDGET_CHANGE")}::uuid[]))`;
}

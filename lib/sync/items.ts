// Loads an item as a provider-neutral SyncItem: our own data only (lines, cost codes, links as stored, and how the
// item it builds on stands). Every query is scoped to the user's company; another company's id is "not found".
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { ItemType } from "@/lib/generated/prisma/enums";
import type { PriorSync, SyncItem } from "@/lib/integrations/provider";
import { findPriorSync } from "./records";

const byLineNo = { orderBy: { lineNo: "asc" as const } };
const costCode = { select: { code: true, name: true, intacctStandardTaskId: true } };

export async function loadSyncItem(
  db: Db,
  user: Pick<SessionUser, "companyId">,
  itemType: ItemType,
  itemId: string,
): Promise<SyncItem> {
  const where = { id: itemId, companyId: user.companyId };
  const base = { itemType, id: itemId, companyId: user.companyId };
  switch (itemType) {
    case "CONTRACT": {
      const contract = await db.contract.findFirst({
        where,
        include: { project: true, accountingCompany: true, lines: { include: { costCode }, ...byLineNo } },
      });
      if (!contract) throw notFound("That contract");
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
    case "CONTRACT_CHANGE": {
      const change = await db.contractChange.findFirst({
        where,
        include: {
          contract: { include: { project: true, accountingCompany: true } },
          lines: { include: { costCode }, ...byLineNo },
        },
      });
      if (!change) throw notFound("That contract change");
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
          sync: await findPriorSync(db, "CONTRACT", contract.id),
        },
      };
    }
    case "INVOICE": {
      const invoice = await db.invoice.findFirst({
        where,
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
      if (!invoice) throw notFound("That invoice");
      const { contract } = invoice;
      // A line that bills what a change added converts that change's document: its sync, once per change.
      const changeSyncs = new Map<string, Promise<PriorSync | null>>();
      const changeSyncOf = (changeId: string) => {
        let sync = changeSyncs.get(changeId);
        if (!sync) changeSyncs.set(changeId, (sync = findPriorSync(db, "CONTRACT_CHANGE", changeId)));
        return sync;
      };
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
        lines: await Promise.all(
          invoice.lines.map(async (line) => {
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
                      sync: await changeSyncOf(added.contractChange.id),
                    },
                  }
                : null,
            };
          }),
        ),
        prerequisite: {
          itemType: "CONTRACT",
          itemId: contract.id,
          number: contract.number,
          sync: await findPriorSync(db, "CONTRACT", contract.id),
        },
      };
    }
    case "BUDGET": {
      const budget = await db.budget.findFirst({
        where,
        include: { project: true, lines: { include: { costCode }, ...byLineNo } },
      });
      if (!budget) throw notFound("That budget");
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
    case "BUDGET_CHANGE": {
      const change = await db.budgetChange.findFirst({
        where,
        include: { project: true, lines: { include: { costCode }, ...byLineNo } },
      });
      if (!change) throw notFound("That budget change");
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
          sync: await findPriorSync(db, "BUDGET", change.budgetId),
        },
      };
    }
  }
}

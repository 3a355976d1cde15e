// The one way a financial item is saved with its lines, in one transaction: created with its lines and a CREATED
// event; or loaded (scoped by the caller to the company and the item's parent), refused unless editable, its header
// updated, its lines replaced, back to DRAFT (an edit returns a rejected item to draft) and an EDITED event.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db, DbTx } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemStatus, ItemType } from "@/lib/generated/prisma/enums";
import { assertEditable, ITEM_LABELS, recordEvent } from "./approval";

type Shape<Where, Create, Update, Line> = {
  where: Where;
  create: Omit<Create, "lines" | "status">;
  update: Omit<Update, "lines" | "status">;
  line: Omit<Line, "lineNo">;
};
type Shapes = {
  BUDGET: Shape<
    Prisma.BudgetWhereInput,
    Prisma.BudgetUncheckedCreateInput,
    Prisma.BudgetUncheckedUpdateInput,
    Prisma.BudgetLineUncheckedCreateWithoutBudgetInput
  >;
  BUDGET_CHANGE: Shape<
    Prisma.BudgetChangeWhereInput,
    Prisma.BudgetChangeUncheckedCreateInput,
    Prisma.BudgetChangeUncheckedUpdateInput,
    Prisma.BudgetChangeLineUncheckedCreateWithoutBudgetChangeInput
  >;
  CONTRACT: Shape<
    Prisma.ContractWhereInput,
    Prisma.ContractUncheckedCreateInput,
    Prisma.ContractUncheckedUpdateInput,
    Prisma.ContractLineUncheckedCreateWithoutContractInput
  >;
  CONTRACT_CHANGE: Shape<
    Prisma.ContractChangeWhereInput,
    Prisma.ContractChangeUncheckedCreateInput,
    Prisma.ContractChangeUncheckedUpdateInput,
    Prisma.ContractChangeLineUncheckedCreateWithoutContractChangeInput
  >;
  INVOICE: Shape<
    Prisma.InvoiceWhereInput,
    Prisma.InvoiceUncheckedCreateInput,
    Prisma.InvoiceUncheckedUpdateInput,
    Prisma.InvoiceLineUncheckedCreateWithoutInvoiceInput
  >;
};

type ItemWithLines<T extends ItemType> = {
  /** The item to edit, scoped to the company and its parent; null to create one. */
  find: Shapes[T]["where"] | null;
  /** When `find` matches nothing, create the item (a project's one budget) rather than answer "not found". */
  createIfMissing?: boolean;
  /** Every column of a new item: its header, its company, its parent and its creator. */
  create: Shapes[T]["create"];
  /** The header columns an edit writes. */
  update: Shapes[T]["update"];
  /** In order: each is numbered from 1. */
  lines: Shapes[T]["line"][];
};

// The five models share these operations; Prisma's per-model generics do not express that (see approval.ts).
type ItemModel = {
  findFirst(args: {
    where: object;
    select: { id: true; status: true };
  }): Promise<{ id: string; status: ItemStatus } | null>;
  create(args: { data: object; select: { id: true } }): Promise<{ id: string }>;
  update(args: { where: { id: string }; data: object }): Promise<unknown>;
};
type LineModel = { deleteMany(args: { where: object }): Promise<unknown> };

function getModels(tx: DbTx, type: ItemType): { item: ItemModel; lines: LineModel; lineKey: string } {
  const models = {
    BUDGET: { item: tx.budget, lines: tx.budgetLine, lineKey: "budgetId" },
    BUDGET_CHANGE: { item: tx.budgetChange, lines: tx.budgetChangeLine, lineKey: "budgetChangeId" },
    CONTRACT: { item: tx.contract, lines: tx.contractLine, lineKey: "contractId" },
    CONTRACT_CHANGE: { item: tx.contractChange, lines: tx.contractChangeLine, lineKey: "contractChangeId" },
    INVOICE: { item: tx.invoice, lines: tx.invoiceLine, lineKey: "invoiceId" },
  } as const;
  return models[type] as unknown as { item: ItemModel; lines: LineModel; lineKey: string };
}

export async function saveItemWithLines<T extends ItemType>(
  db: Db,
  user: SessionUser,
  type: T,
  item: ItemWithLines<T>,
): Promise<{ id: string }> {
  const lines = { create: item.lines.map((line, index) => ({ ...line, lineNo: index + 1 })) };
  return db.$transaction(async (tx) => {
    const models = getModels(tx, type);
    const existing = item.find
      ? await models.item.findFirst({ where: item.find, select: { id: true, status: true } })
      : null;
    if (!existing) {
      if (item.find && !item.createIfMissing) throw notFound(`That ${ITEM_LABELS[type].toLowerCase()}`);
      const created = await models.item.create({ data: { ...item.create, lines }, select: { id: true } });
      await recordEvent(tx, user, type, created.id, "CREATED");
      return { id: created.id };
    }
    assertEditable(existing.status, type);
    await models.lines.deleteMany({ where: { [models.lineKey]: existing.id } });
    await models.item.update({ where: { id: existing.id }, data: { ...item.update, status: "DRAFT", lines } });
    await recordEvent(tx, user, type, existing.id, "EDITED");
    return { id: existing.id };
  });
}

/** The lines of the budget, budget change and contract forms: a cost code, a description and an amount. */
export function toCostCodeLines(lines: readonly { costCodeId: string; description: string; amount: number }[]) {
  return lines.map(({ costCodeId, description, amount }) => ({ costCodeId, description, amountCents: amount }));
}

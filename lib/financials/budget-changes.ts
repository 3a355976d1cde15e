import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { assertUniqueNumber, guardUniqueNumber } from "@/lib/db/unique-violation";
import { invalidState, notFound } from "@/lib/errors/app-error";
import { ZChoice, ZId, ZLines, ZMoney, ZRequiredText, ZText } from "@/lib/validation/fields";
import { saveItemWithLines, toCostCodeLines } from "./item-save";
import { itemListWhere, type ItemListOptions } from "./list-options";
import { assertCostCodes, findProjectOrThrow } from "./tenant-guards";

export const ZBudgetChangeInput = z.object({
  id: ZId.optional(),
  projectId: ZId,
  number: ZRequiredText(30, "Number"),
  title: ZRequiredText(120, "Title"),
  reason: ZText(1000),
  lines: ZLines(
    z.object({
      costCodeId: ZChoice("a cost code"),
      description: ZText(200),
      amount: ZMoney.refine((c) => c !== 0, "A change must not be zero"),
    }),
  ),
});
/** The input once parsed: what the service saves. */
type BudgetChangeInput = z.output<typeof ZBudgetChangeInput>;

export async function listBudgetChanges(db: Db, user: SessionUser, options: ItemListOptions = {}) {
  const where = { ...itemListWhere(user, options), ...(options.projectId ? { projectId: options.projectId } : {}) };
  const [rows, total] = await Promise.all([
    db.budgetChange.findMany({
      where,
      include: { lines: { select: { amountCents: true } } },
      orderBy: { number: "asc" },
      skip: options.skip,
      take: options.take,
    }),
    db.budgetChange.count({ where }),
  ]);
  return { rows, total };
}

// A new budget change needs the project's budget; its number continues the project's sequence (BC-001, …).
export async function getNewBudgetChangeDefaults(
  db: Db,
  user: SessionUser,
  projectId: string,
): Promise<{ hasBudget: boolean; number: string }> {
  const [budget, count] = await Promise.all([
    db.budget.findFirst({ where: { projectId, companyId: user.companyId }, select: { id: true } }),
    db.budgetChange.count({ where: { projectId, companyId: user.companyId } }),
  ]);
  return { hasBudget: Boolean(budget), number: `BC-${String(count + 1).padStart(3, "0")}` };
}

export async function getBudgetChange(db: Db, user: SessionUser, id: string) {
  const change = await db.budgetChange.findFirst({
    where: { id, companyId: user.companyId },
    include: { project: true, lines: { include: { costCode: true }, orderBy: { lineNo: "asc" } } },
  });
  if (!change) throw notFound("That budget change");
  return change;
}

export async function saveBudgetChange(db: Db, user: SessionUser, input: BudgetChangeInput): Promise<{ id: string }> {
  await findProjectOrThrow(db, user.companyId, input.projectId);
  const budget = await db.budget.findFirst({ where: { projectId: input.projectId, companyId: user.companyId } });
  if (!budget) throw invalidState("Create the project's budget before recording budget changes.");
  await assertCostCodes(
    db,
    user.companyId,
    input.lines.map((l) => l.costCodeId),
  );
  const numberLabel = `Budget change number ${input.number}`;
  assertUniqueNumber(
    await db.budgetChange.findFirst({
      where: { projectId: input.projectId, number: input.number },
      select: { id: true },
    }),
    input.id,
    numberLabel,
  );
  const header = { number: input.number, title: input.title, reason: input.reason };
  return guardUniqueNumber(numberLabel, () =>
    saveItemWithLines(db, user, "BUDGET_CHANGE", {
      find: input.id ? { id: input.id, companyId: user.companyId, projectId: input.projectId } : null,
      create: {
        ...header,
        companyId: user.companyId,
        projectId: input.projectId,
        budgetId: budget.id,
        createdById: user.id,
      },
      update: header,
      lines: toCostCodeLines(input.lines),
    }),
  );
}

import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { guardUnique } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { assertEditable, recordEvent } from "./approval";
import { assertCostCodes, findProjectOrThrow } from "./tenant-guards";
import { ZChoice, ZId, ZLines, ZMoney, ZRequiredText, ZText } from "@/lib/validation/fields";

export const ZBudgetInput = z.object({
  projectId: ZId,
  title: ZRequiredText(120, "Title"),
  lines: ZLines(
    z.object({
      costCodeId: ZChoice("a cost code"),
      description: ZText(200),
      amount: ZMoney.refine((c) => c >= 0, "Amount cannot be negative"),
    }),
  ),
});
export type BudgetInput = z.input<typeof ZBudgetInput>;

export async function getBudget(db: Db, user: SessionUser, projectId: string) {
  return db.budget.findFirst({
    where: { projectId, companyId: user.companyId },
    include: { lines: { include: { costCode: true }, orderBy: { lineNo: "asc" } } },
  });
}

// One budget per project: the first save creates it, later saves replace its lines while it is editable.
export async function saveBudget(
  db: Db,
  user: SessionUser,
  input: z.output<typeof ZBudgetInput>,
): Promise<{ id: string }> {
  await findProjectOrThrow(db, user.companyId, input.projectId);
  await assertCostCodes(
    db,
    user.companyId,
    input.lines.map((l) => l.costCodeId),
  );
  const lines = input.lines.map((line, index) => ({
    lineNo: index + 1,
    costCodeId: line.costCodeId,
    description: line.description,
    amountCents: line.amount,
  }));
  // Two first saves at once: the unique index keeps one budget per project; the other is told to reload.
  const conflict = () =>
    new AppError(
      "CONFLICT",
      "Someone else just created this project's budget. Reload the page to see it, then make your changes there.",
    );
  return guardUnique("projectId", conflict, () =>
    db.$transaction(async (tx) => {
      const existing = await tx.budget.findFirst({ where: { projectId: input.projectId, companyId: user.companyId } });
      if (!existing) {
        const created = await tx.budget.create({
          data: {
            companyId: user.companyId,
            projectId: input.projectId,
            title: input.title,
            createdById: user.id,
            lines: { create: lines },
          },
        });
        await recordEvent(tx, user, "BUDGET", created.id, "CREATED");
        return { id: created.id };
      }
      assertEditable(existing.status, "BUDGET");
      await tx.budgetLine.deleteMany({ where: { budgetId: existing.id } });
      await tx.budget.update({
        where: { id: existing.id },
        data: { title: input.title, status: "DRAFT", lines: { create: lines } },
      });
      await recordEvent(tx, user, "BUDGET", existing.id, "EDITED");
      return { id: existing.id };
    }),
  );
}

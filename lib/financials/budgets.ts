import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { guardUnique } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors/app-error";
import { ZChoice, ZId, ZLines, ZMoney, ZRequiredText, ZText } from "@/lib/validation/fields";
import { saveItemWithLines, toCostCodeLines } from "./item-save";
import { assertCostCodes, findProjectOrThrow } from "./tenant-guards";

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
/** The input once parsed: what the service saves. */
type BudgetInput = z.output<typeof ZBudgetInput>;

export async function getBudget(db: Db, user: SessionUser, projectId: string) {
  return db.budget.findFirst({
    where: { projectId, companyId: user.companyId },
    include: { lines: { include: { costCode: true }, orderBy: { lineNo: "asc" } } },
  });
}

// One budget per project: the first save creates it, later saves replace its lines while it is editable.
export async function saveBudget(db: Db, user: SessionUser, input: BudgetInput): Promise<{ id: string }> {
  await findProjectOrThrow(db, user.companyId, input.projectId);
  await assertCostCodes(
    db,
    user.companyId,
    input.lines.map((l) => l.costCodeId),
  );
  // Two first saves at once: the unique index keeps one budget per project; the other is told to reload.
  const conflict = () =>
    new AppError(
      "CONFLICT",
      "Someone else just created this project's budget. Reload the page to see it, then make your changes there.",
    );
  return guardUnique("projectId", conflict, () =>
    saveItemWithLines(db, user, "BUDGET", {
      find: { projectId: input.projectId, companyId: user.companyId },
      createIfMissing: true,
      create: { companyId: user.companyId, projectId: input.projectId, title: input.title, createdById: user.id },
      update: { title: input.title },
      lines: toCostCodeLines(input.lines),
    }),
  );
}

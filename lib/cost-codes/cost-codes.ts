import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { guardUnique } from "@/lib/db/unique-violation";
import { AppError, notFound } from "@/lib/errors/app-error";
import { ZId, ZRequiredText } from "@/lib/validation/fields";

export const ZCostCodeInput = z.object({
  id: ZId.optional(),
  code: ZRequiredText(20, "Code").refine(
    (v) => /^[0-9A-Za-z.-]+$/.test(v),
    "Use digits, letters, dots and dashes, e.g. 03-3000",
  ),
  name: ZRequiredText(120, "Name"),
});
/** The input once parsed: what the service saves. */
type CostCodeInput = z.output<typeof ZCostCodeInput>;

export async function listAllCostCodes(db: Db, user: SessionUser) {
  return db.costCode.findMany({
    where: { companyId: user.companyId },
    orderBy: { code: "asc" },
    select: { id: true, code: true, name: true },
  });
}

export async function getCostCode(db: Db, user: SessionUser, id: string) {
  const row = await db.costCode.findFirst({ where: { id, companyId: user.companyId } });
  if (!row) throw notFound("That cost code");
  return row;
}

export async function saveCostCode(db: Db, user: SessionUser, input: CostCodeInput): Promise<{ id: string }> {
  const conflict = () =>
    new AppError("CONFLICT", `Cost code ${input.code} already exists.`, {
      fieldErrors: { code: ["This code is already used"] },
    });
  const clash = await db.costCode.findFirst({
    where: { companyId: user.companyId, code: input.code },
    select: { id: true },
  });
  if (clash && clash.id !== input.id) throw conflict();
  return guardUnique("code", conflict, async () => {
    if (!input.id)
      return db.costCode.create({
        data: { code: input.code, name: input.name, companyId: user.companyId },
        select: { id: true },
      });
    const { count } = await db.costCode.updateMany({
      where: { id: input.id, companyId: user.companyId },
      data: { code: input.code, name: input.name },
    });
    if (count === 0) throw notFound("That cost code");
    return { id: input.id };
  });
}

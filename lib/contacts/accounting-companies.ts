import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { guardUnique } from "@/lib/db/unique-violation";
import { AppError, notFound } from "@/lib/errors/app-error";
import { ZId, ZRequiredText, ZText } from "@/lib/validation/fields";

export const ZAccountingCompanyInput = z.object({
  id: ZId.optional(),
  name: ZRequiredText(120, "Name"),
  taxId: ZText(20).refine((v) => v === "" || /^[0-9-]{9,11}$/.test(v), "Enter a tax ID like 84-1234567"),
  address: ZText(200),
  city: ZText(80),
  state: ZText(40),
  postalCode: ZText(12),
  email: ZText(200).refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address"),
  phone: ZText(30),
});
/** The input once parsed: what the service saves. */
type AccountingCompanyInput = z.output<typeof ZAccountingCompanyInput>;

// Every accounting company of the company, for pickers.
export async function listAccountingCompanyOptions(db: Db, user: SessionUser) {
  return db.accountingCompany.findMany({
    where: { companyId: user.companyId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export async function getAccountingCompany(db: Db, user: SessionUser, id: string) {
  const row = await db.accountingCompany.findFirst({ where: { id, companyId: user.companyId } });
  if (!row) throw notFound("That accounting company");
  return row;
}

export async function saveAccountingCompany(
  db: Db,
  user: SessionUser,
  input: AccountingCompanyInput,
): Promise<{ id: string }> {
  const conflict = () =>
    new AppError("CONFLICT", `An accounting company named ${input.name} already exists.`, {
      fieldErrors: { name: ["This name is already used"] },
    });
  // lower(name) = lower(…) is exactly what the unique index compares. Prisma's `mode: "insensitive"` would be
  // ILIKE, where a "_" or "%" in the name is a wildcard ("100% Concrete" would clash with "100 Ready Concrete").
  const clashes = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "AccountingCompany" WHERE "companyId" = ${user.companyId}::uuid AND lower(name) = lower(${input.name}) LIMIT 2`;
  if (clashes.some((clash) => clash.id !== input.id)) throw conflict();
  const { id, ...data } = input;
  return guardUnique("name", conflict, async () => {
    if (!id) return db.accountingCompany.create({ data: { ...data, companyId: user.companyId }, select: { id: true } });
    const { count } = await db.accountingCompany.updateMany({ where: { id, companyId: user.companyId }, data });
    if (count === 0) throw notFound("That accounting company");
    return { id };
  });
}

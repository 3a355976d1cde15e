import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { assertUniqueNumber, guardUniqueNumber } from "@/lib/db/unique-violation";
import { AppError, notFound } from "@/lib/errors/app-error";
import {
  ZChoice,
  ZDate,
  ZId,
  ZLines,
  ZOptionalDate,
  ZPercentBps,
  ZPositiveMoney,
  ZRequiredText,
  ZText,
} from "@/lib/validation/fields";
import { saveItemWithLines, toCostCodeLines } from "./item-save";
import { itemListWhere, type ItemListOptions } from "./list-options";
import { assertCostCodes, findProjectOrThrow } from "./tenant-guards";

export const ZContractInput = z
  .object({
    id: ZId.optional(),
    projectId: ZId,
    accountingCompanyId: ZChoice("an accounting company"),
    number: ZRequiredText(30, "Contract number"),
    title: ZRequiredText(120, "Title"),
    description: ZText(2000),
    startDate: ZDate,
    endDate: ZOptionalDate,
    retainagePercent: ZPercentBps,
    lines: ZLines(
      z.object({
        costCodeId: ZChoice("a cost code"),
        description: ZRequiredText(200, "Description"),
        amount: ZPositiveMoney,
      }),
    ),
  })
  .refine((input) => !input.endDate || input.endDate >= input.startDate, {
    path: ["endDate"],
    message: "End date must be on or after the start date",
  });
/** The input once parsed: what the service saves. */
type ContractInput = z.output<typeof ZContractInput>;

export async function listContracts(db: Db, user: SessionUser, options: ItemListOptions = {}) {
  const where = { ...itemListWhere(user, options), ...(options.projectId ? { projectId: options.projectId } : {}) };
  const [rows, total] = await Promise.all([
    db.contract.findMany({
      where,
      include: { accountingCompany: true, lines: { select: { amountCents: true } } },
      orderBy: { number: "asc" },
      skip: options.skip,
      take: options.take,
    }),
    db.contract.count({ where }),
  ]);
  return { rows, total };
}

// What a contract change or an invoice can be written against.
export async function listApprovedContracts(db: Db, user: SessionUser, projectId: string) {
  return db.contract.findMany({
    where: { projectId, companyId: user.companyId, status: "APPROVED" },
    orderBy: { number: "asc" },
    include: { accountingCompany: true },
  });
}

export async function getContract(db: Db, user: SessionUser, id: string) {
  const contract = await db.contract.findFirst({
    where: { id, companyId: user.companyId },
    include: {
      project: true,
      accountingCompany: true,
      lines: { include: { costCode: true }, orderBy: { lineNo: "asc" } },
    },
  });
  if (!contract) throw notFound("That contract");
  return contract;
}

export async function saveContract(db: Db, user: SessionUser, input: ContractInput): Promise<{ id: string }> {
  await findProjectOrThrow(db, user.companyId, input.projectId);
  const vendor = await db.accountingCompany.findFirst({
    where: { id: input.accountingCompanyId, companyId: user.companyId },
    select: { id: true },
  });
  if (!vendor)
    throw new AppError("INVALID_INPUT", "Choose an accounting company from the list.", {
      fieldErrors: { accountingCompanyId: ["Unknown accounting company"] },
    });
  await assertCostCodes(
    db,
    user.companyId,
    input.lines.map((l) => l.costCodeId),
  );
  const numberLabel = `Contract number ${input.number}`;
  assertUniqueNumber(
    await db.contract.findFirst({ where: { companyId: user.companyId, number: input.number }, select: { id: true } }),
    input.id,
    numberLabel,
  );
  const header = {
    accountingCompanyId: input.accountingCompanyId,
    number: input.number,
    title: input.title,
    description: input.description,
    startDate: input.startDate,
    endDate: input.endDate,
    retainageBps: input.retainagePercent,
  };
  return guardUniqueNumber(numberLabel, () =>
    saveItemWithLines(db, user, "CONTRACT", {
      find: input.id ? { id: input.id, companyId: user.companyId, projectId: input.projectId } : null,
      create: { ...header, companyId: user.companyId, projectId: input.projectId, createdById: user.id },
      update: header,
      lines: toCostCodeLines(input.lines),
    }),
  );
}

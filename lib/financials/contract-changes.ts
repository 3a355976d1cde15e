import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { assertUniqueNumber, guardUniqueNumber } from "@/lib/db/unique-violation";
import { AppError, invalidState, notFound } from "@/lib/errors/app-error";
import { ZId, ZLines, ZMoney, ZRequiredText, ZText } from "@/lib/validation/fields";
import { describeLineBelowBilled, findLineBelowBilled, getContractLineBalances } from "./contract-balances";
import { saveItemWithLines } from "./item-save";
import { itemListWhere, type ItemListOptions } from "./list-options";
import { assertCostCodes } from "./tenant-guards";

// A line either changes an existing contract line (contractLineId) or adds a new one (costCodeId).
export const ZContractChangeInput = z.object({
  id: ZId.optional(),
  contractId: ZId,
  number: ZRequiredText(30, "Change number"),
  title: ZRequiredText(120, "Title"),
  reason: ZText(1000),
  lines: ZLines(
    z
      .object({
        contractLineId: z.union([z.literal(""), ZId]).optional(),
        costCodeId: z.union([z.literal(""), ZId]).optional(),
        description: ZRequiredText(200, "Description"),
        amount: ZMoney.refine((c) => c !== 0, "A change must not be zero"),
      })
      .refine((line) => Boolean(line.contractLineId) || Boolean(line.costCodeId), {
        path: ["costCodeId"],
        message: "Choose the contract line to change, or a cost code for a new line",
      }),
  ),
});
/** The input once parsed: what the service saves. */
type ContractChangeInput = z.output<typeof ZContractChangeInput>;

export async function listContractChanges(
  db: Db,
  user: SessionUser,
  options: ItemListOptions & { contractId?: string } = {},
) {
  const where = {
    ...itemListWhere(user, options),
    ...(options.contractId ? { contractId: options.contractId } : {}),
    ...(options.projectId ? { contract: { projectId: options.projectId } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.contractChange.findMany({
      where,
      include: { contract: { include: { accountingCompany: true } }, lines: { select: { amountCents: true } } },
      orderBy: [{ contract: { number: "asc" } }, { number: "asc" }],
      skip: options.skip,
      take: options.take,
    }),
    db.contractChange.count({ where }),
  ]);
  return { rows, total };
}

// Change numbers run per contract: CO-01, CO-02, …
export async function nextContractChangeNumber(db: Db, user: SessionUser, contractId: string): Promise<string> {
  const count = await db.contractChange.count({ where: { contractId, companyId: user.companyId } });
  return `CO-${String(count + 1).padStart(2, "0")}`;
}

export async function getContractChange(db: Db, user: SessionUser, id: string) {
  const change = await db.contractChange.findFirst({
    where: { id, companyId: user.companyId },
    include: {
      contract: { include: { project: true, accountingCompany: true } },
      lines: { include: { costCode: true, contractLine: true }, orderBy: { lineNo: "asc" } },
    },
  });
  if (!change) throw notFound("That contract change");
  return change;
}

export async function saveContractChange(
  db: Db,
  user: SessionUser,
  input: ContractChangeInput,
): Promise<{ id: string }> {
  const contract = await db.contract.findFirst({
    where: { id: input.contractId, companyId: user.companyId },
    include: { lines: true },
  });
  if (!contract) throw notFound("That contract");
  // As for invoices: only an approved contract has changes; until then the contract itself is edited.
  if (contract.status !== "APPROVED")
    throw invalidState(
      `Contract ${contract.number} is not approved yet. Edit the contract itself; changes apply to approved contracts.`,
    );
  const balanceList = await getContractLineBalances(db, user, contract.id);
  const balances = new Map(balanceList.map((b) => [b.id, b]));
  const lines = input.lines.map((line) => {
    if (line.contractLineId) {
      const target = balances.get(line.contractLineId);
      if (!target)
        throw new AppError("INVALID_INPUT", "A change line points at a line that is not on this contract.", {
          fieldErrors: { lines: ["Unknown contract line"] },
        });
      return {
        contractLineId: target.id,
        costCodeId: target.costCode.id,
        description: line.description,
        amountCents: line.amount,
      };
    }
    if (line.amount < 0)
      throw new AppError("INVALID_INPUT", "A new line must add a positive amount.", {
        fieldErrors: { lines: ["New lines must be positive"] },
      });
    return {
      contractLineId: null,
      costCodeId: line.costCodeId as string,
      description: line.description,
      amountCents: line.amount,
    };
  });
  const overdrawn = findLineBelowBilled(balanceList, lines);
  if (overdrawn)
    throw new AppError("INVALID_INPUT", describeLineBelowBilled(overdrawn), {
      fieldErrors: { lines: ["Change exceeds what the line can give up"] },
    });
  await assertCostCodes(
    db,
    user.companyId,
    lines.map((l) => l.costCodeId),
  );
  const numberLabel = `Change number ${input.number}`;
  assertUniqueNumber(
    await db.contractChange.findFirst({
      where: { contractId: contract.id, number: input.number },
      select: { id: true },
    }),
    input.id,
    numberLabel,
  );
  const header = { number: input.number, title: input.title, reason: input.reason };
  return guardUniqueNumber(numberLabel, () =>
    saveItemWithLines(db, user, "CONTRACT_CHANGE", {
      find: input.id ? { id: input.id, companyId: user.companyId, contractId: contract.id } : null,
      create: { ...header, companyId: user.companyId, contractId: contract.id, createdById: user.id },
      update: header,
      lines,
    }),
  );
}

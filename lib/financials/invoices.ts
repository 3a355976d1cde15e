import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { assertUniqueNumber, guardUniqueNumber } from "@/lib/db/unique-violation";
import { AppError, invalidState, notFound } from "@/lib/errors/app-error";
import { formatCents } from "@/lib/format/money";
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
import { describeBillable, getBillableLines } from "./contract-balances";
import { saveItemWithLines } from "./item-save";
import { itemListWhere, type ItemListOptions } from "./list-options";
import { dueDateFromTerms, getPaymentTermsDays } from "./payment-terms";

export const ZInvoiceInput = z
  .object({
    id: ZId.optional(),
    contractId: ZId,
    number: ZRequiredText(30, "Invoice number"),
    invoiceDate: ZDate,
    // Left blank, the due date follows from the invoice date and the company's payment terms.
    dueDate: ZOptionalDate.optional(),
    retainagePercent: ZPercentBps,
    lines: ZLines(
      // The line billed: a contract line, or a line an approved contract change added (either id).
      z.object({ contractLineId: ZChoice("a contract line"), description: ZText(200), amount: ZPositiveMoney }),
    ),
  })
  .refine((input) => !input.dueDate || input.dueDate >= input.invoiceDate, {
    path: ["dueDate"],
    message: "Due date must be on or after the invoice date",
  });
/** The input once parsed: what the service saves. */
type InvoiceInput = z.output<typeof ZInvoiceInput>;

function computeRetainage(amountCents: number, bps: number): number {
  return Math.round((amountCents * bps) / 10_000);
}

export async function listInvoices(db: Db, user: SessionUser, options: ItemListOptions & { contractId?: string } = {}) {
  const where = {
    ...itemListWhere(user, options),
    ...(options.contractId ? { contractId: options.contractId } : {}),
    ...(options.projectId ? { contract: { projectId: options.projectId } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.invoice.findMany({
      where,
      include: {
        contract: { include: { accountingCompany: true } },
        lines: { select: { amountCents: true, retainageCents: true } },
      },
      orderBy: [{ invoiceDate: "desc" }, { number: "asc" }],
      skip: options.skip,
      take: options.take,
    }),
    db.invoice.count({ where }),
  ]);
  return { rows, total };
}

export async function getInvoice(db: Db, user: SessionUser, id: string) {
  const invoice = await db.invoice.findFirst({
    where: { id, companyId: user.companyId },
    include: {
      contract: { include: { project: true, accountingCompany: true } },
      lines: {
        include: {
          contractLine: { include: { costCode: true } },
          contractChangeLine: { include: { costCode: true, contractChange: { select: { number: true } } } },
        },
        orderBy: { lineNo: "asc" },
      },
    },
  });
  if (!invoice) throw notFound("That invoice");
  return invoice;
}

export async function saveInvoice(db: Db, user: SessionUser, input: InvoiceInput): Promise<{ id: string }> {
  const contract = await db.contract.findFirst({ where: { id: input.contractId, companyId: user.companyId } });
  if (!contract) throw notFound("That contract");
  // The new-invoice page offers approved contracts only; a draft pointing at a draft contract's lines would
  // also lock that contract against edits (its lines could no longer be replaced).
  if (contract.status !== "APPROVED")
    throw invalidState(
      `Contract ${contract.number} is not approved yet. Invoices bill against approved contracts only.`,
    );
  const balances = new Map((await getBillableLines(db, user, contract.id, input.id)).map((b) => [b.id, b]));
  // Two lines of one invoice billing the same line count together.
  const billing = new Map<string, number>();
  const lines = input.lines.map((line, index) => {
    const target = balances.get(line.contractLineId);
    if (!target)
      throw new AppError("INVALID_INPUT", "An invoice line points at a line that is not on this contract.", {
        fieldErrors: { lines: ["Unknown contract line"] },
      });
    const billed = (billing.get(target.id) ?? 0) + line.amount;
    billing.set(target.id, billed);
    if (billed > target.remainingCents) {
      throw new AppError(
        "INVALID_INPUT",
        `Line ${index + 1} bills ${formatCents(line.amount)}, but only ${formatCents(target.remainingCents)} remains on ${describeBillable(target)}.`,
        {
          fieldErrors: { lines: ["Amount exceeds what remains on the contract line"] },
        },
      );
    }
    return {
      contractLineId: target.source === "contract" ? target.id : null,
      contractChangeLineId: target.source === "change" ? target.id : null,
      description: line.description || target.description,
      amountCents: line.amount,
      retainageCents: computeRetainage(line.amount, input.retainagePercent),
    };
  });
  const numberLabel = `Invoice number ${input.number}`;
  assertUniqueNumber(
    await db.invoice.findFirst({ where: { contractId: contract.id, number: input.number }, select: { id: true } }),
    input.id,
    numberLabel,
  );
  const header = {
    number: input.number,
    invoiceDate: input.invoiceDate,
    dueDate: input.dueDate ?? dueDateFromTerms(input.invoiceDate, await getPaymentTermsDays(db, user)),
    retainageBps: input.retainagePercent,
  };
  return guardUniqueNumber(numberLabel, () =>
    saveItemWithLines(db, user, "INVOICE", {
      find: input.id ? { id: input.id, companyId: user.companyId, contractId: contract.id } : null,
      create: { ...header, companyId: user.companyId, contractId: contract.id, createdById: user.id },
      update: header,
      lines,
    }),
  );
}

type BilledLine = {
  contractLine: { lineNo: number; costCode: { code: string; name: string } } | null;
  contractChangeLine: {
    lineNo: number;
    costCode: { code: string; name: string };
    contractChange: { number: string };
  } | null;
};

/** What an invoice line bills, as pages show it: "Line 2", or "CC-001 line 1" for a line a change added. */
export function describeBilledLine(line: BilledLine): { label: string; costCode: { code: string; name: string } } {
  if (line.contractLine) return { label: `Line ${line.contractLine.lineNo}`, costCode: line.contractLine.costCode };
  const added = line.contractChangeLine;
  if (!added) return { label: "—", costCode: { code: "", name: "" } };
  return { label: `${added.contractChange.number} line ${added.lineNo}`, costCode: added.costCode };
}

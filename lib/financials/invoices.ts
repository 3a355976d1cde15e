import { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { AppError, invalidState, notFound } from "@/lib/errors/app-error";
import type { ItemStatus } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/format/money";
import { assertEditable, recordEvent } from "./approval";
import { getBillableLines } from "./contract-balances";
import { dueDateFromTerms, getPaymentTermsDays } from "./payment-terms";
import { assertUniqueNumber, guardUniqueNumber, type IdFilter } from "./references";
import {
  zChoice,
  zDate,
  zId,
  zLines,
  zOptionalDate,
  zPercentBps,
  zPositiveMoney,
  zRequiredText,
  zText,
} from "./schemas";

export const InvoiceInput = z
  .object({
    id: zId.optional(),
    contractId: zId,
    number: zRequiredText(30, "Invoice number"),
    invoiceDate: zDate,
    // Left blank, the due date follows from the invoice date and the company's payment terms.
    dueDate: zOptionalDate.optional(),
    retainagePercent: zPercentBps,
    lines: zLines(
      // The line billed: a contract line, or a line an approved contract change added (either id).
      z.object({ contractLineId: zChoice("a contract line"), description: zText(200), amount: zPositiveMoney }),
    ),
  })
  .refine((input) => !input.dueDate || input.dueDate >= input.invoiceDate, {
    path: ["dueDate"],
    message: "Due date must be on or after the invoice date",
  });
export type InvoiceInput = z.input<typeof InvoiceInput>;

export function computeRetainage(amountCents: number, bps: number): number {
  return Math.round((amountCents * bps) / 10_000);
}

export async function listInvoices(
  db: Db,
  user: SessionUser,
  options: {
    projectId?: string;
    contractId?: string;
    status?: ItemStatus;
    idFilter?: IdFilter;
    skip?: number;
    take?: number;
  } = {},
) {
  const where = {
    companyId: user.companyId,
    ...(options.contractId ? { contractId: options.contractId } : {}),
    ...(options.projectId ? { contract: { projectId: options.projectId } } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.idFilter ?? {}),
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

export async function saveInvoice(
  db: Db,
  user: SessionUser,
  input: z.output<typeof InvoiceInput>,
): Promise<{ id: string }> {
  const contract = await db.contract.findFirst({ where: { id: input.contractId, companyId: user.companyId } });
  if (!contract) throw notFound("That contract");
  // The new-invoice page offers approved contracts only; a draft pointing at a draft contract's lines would
  // also lock that contract against edits (its lines could no longer be replaced).
  if (contract.status !== "APPROVED")
    throw invalidState(
      `Contract ${contract.number} is not approved yet. Invoices bill against approved contracts only.`,
    );
  const balances = new Map((await getBillableLines(db, user, contract.id, input.id)).map((b) => [b.id, b]));
  // Two lines of one invoice billing the same contract line count together.
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
        `Line ${index + 1} bills ${formatCents(line.amount)}, but only ${formatCents(target.remainingCents)} remains on ${target.source === "contract" ? `contract line ${target.label.slice("Line ".length)}` : target.label}.`,
        {
          fieldErrors: { lines: ["Amount exceeds what remains on the contract line"] },
        },
      );
    }
    return {
      lineNo: index + 1,
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
    db.$transaction(async (tx) => {
      if (!input.id) {
        const created = await tx.invoice.create({
          data: {
            ...header,
            companyId: user.companyId,
            contractId: contract.id,
            createdById: user.id,
            lines: { create: lines },
          },
        });
        await recordEvent(tx, user, "INVOICE", created.id, "CREATED");
        return { id: created.id };
      }
      const existing = await tx.invoice.findFirst({
        where: { id: input.id, companyId: user.companyId, contractId: contract.id },
      });
      if (!existing) throw notFound("That invoice");
      assertEditable(existing.status, "INVOICE");
      await tx.invoiceLine.deleteMany({ where: { invoiceId: existing.id } });
      await tx.invoice.update({
        where: { id: existing.id },
        data: { ...header, status: "DRAFT", lines: { create: lines } },
      });
      await recordEvent(tx, user, "INVOICE", existing.id, "EDITED");
      return { id: existing.id };
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

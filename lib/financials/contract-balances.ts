// What each contract line is worth after approved changes and what invoices already bill on it, and the rule
// that a change may not take a line below what is billed. Its own module because both the item services
// (contracts, changes, invoices) and the approval workflow need it, and the workflow must not import a service.
import type { SessionUser } from "@/lib/auth/sessions";
import { notFound } from "@/lib/errors/app-error";
import { formatCents } from "@/lib/format/money";
import type { DbOrTx } from "./references";

const BILLING_INVOICES = (excludeInvoiceId: string | undefined) => ({
  invoice: {
    status: { in: ["APPROVED" as const, "PENDING_APPROVAL" as const] },
    ...(excludeInvoiceId ? { id: { not: excludeInvoiceId } } : {}),
  },
});

// Each contract line's value once approved changes are applied, and what approved or pending invoices
// already bill against it: the numbers the invoice form and the ACR need.
export async function getContractLineBalances(
  db: DbOrTx,
  user: SessionUser,
  contractId: string,
  excludeInvoiceId?: string,
) {
  const contract = await db.contract.findFirst({
    where: { id: contractId, companyId: user.companyId },
    include: {
      lines: {
        orderBy: { lineNo: "asc" },
        include: {
          costCode: true,
          changeLines: { where: { contractChange: { status: "APPROVED" } }, select: { amountCents: true } },
          invoiceLines: { where: BILLING_INVOICES(excludeInvoiceId), select: { amountCents: true } },
        },
      },
    },
  });
  if (!contract) throw notFound("That contract");
  return contract.lines.map((line) => {
    const revised = Number(line.amountCents) + line.changeLines.reduce((sum, c) => sum + Number(c.amountCents), 0);
    const billed = line.invoiceLines.reduce((sum, i) => sum + Number(i.amountCents), 0);
    return {
      id: line.id,
      lineNo: line.lineNo,
      costCode: line.costCode,
      description: line.description,
      originalCents: Number(line.amountCents),
      revisedCents: revised,
      billedCents: billed,
      remainingCents: revised - billed,
    };
  });
}

export type ContractLineBalance = Awaited<ReturnType<typeof getContractLineBalances>>[number];

/** The contract's value after approved changes: its lines as revised, plus the lines changes added. */
export function sumRevisedValue(
  balances: readonly Pick<ContractLineBalance, "revisedCents">[],
  added: readonly { amountCents: number }[],
): number {
  return (
    balances.reduce((sum, line) => sum + line.revisedCents, 0) + added.reduce((sum, line) => sum + line.amountCents, 0)
  );
}

/**
 * Scope that approved changes added as new lines (no contract line of their own): part of the contract's revised
 * value, as the ACR counts it as committed, and billed by invoice lines of their own (`billedCents`).
 */
export async function listAddedScope(db: DbOrTx, user: SessionUser, contractId: string, excludeInvoiceId?: string) {
  const lines = await db.contractChangeLine.findMany({
    where: { contractLineId: null, contractChange: { contractId, companyId: user.companyId, status: "APPROVED" } },
    include: {
      costCode: true,
      contractChange: { select: { id: true, number: true } },
      invoiceLines: { where: BILLING_INVOICES(excludeInvoiceId), select: { amountCents: true } },
    },
    orderBy: [{ contractChange: { number: "asc" } }, { lineNo: "asc" }],
  });
  return lines.map((line) => {
    const billed = line.invoiceLines.reduce((sum, i) => sum + Number(i.amountCents), 0);
    return {
      id: line.id,
      lineNo: line.lineNo,
      change: line.contractChange,
      costCode: line.costCode,
      description: line.description,
      amountCents: Number(line.amountCents),
      billedCents: billed,
      remainingCents: Number(line.amountCents) - billed,
    };
  });
}

/**
 * Everything an invoice can bill on a contract: its own lines as approved changes revised them, and the lines
 * approved changes added. `id` is the contract line's or the change line's (both uuids, so never ambiguous).
 */
export async function getBillableLines(db: DbOrTx, user: SessionUser, contractId: string, excludeInvoiceId?: string) {
  const [own, added] = await Promise.all([
    getContractLineBalances(db, user, contractId, excludeInvoiceId),
    listAddedScope(db, user, contractId, excludeInvoiceId),
  ]);
  return [
    ...own.map((line) => ({
      id: line.id,
      source: "contract" as const,
      label: `Line ${line.lineNo}`,
      costCode: line.costCode,
      description: line.description,
      remainingCents: line.remainingCents,
    })),
    ...added.map((line) => ({
      id: line.id,
      source: "change" as const,
      label: `${line.change.number} line ${line.lineNo}`,
      costCode: line.costCode,
      description: line.description,
      remainingCents: line.remainingCents,
    })),
  ];
}

export type BillableLine = Awaited<ReturnType<typeof getBillableLines>>[number];

/**
 * The first contract line that a change's lines would take below what approved and pending invoices already bill
 * on it. A line may come down, but not below what has been billed: the contract would then owe back money it has
 * already approved paying. Summed per contract line, so two lines of one change that lower the same line count
 * together; new lines (no contract line) are left out.
 */
export function findLineBelowBilled(
  balances: readonly ContractLineBalance[],
  changeLines: readonly { contractLineId: string | null; amountCents: number | bigint }[],
): { balance: ContractLineBalance; revisedAfterCents: number } | undefined {
  const deltas = new Map<string, number>();
  for (const line of changeLines)
    if (line.contractLineId)
      deltas.set(line.contractLineId, (deltas.get(line.contractLineId) ?? 0) + Number(line.amountCents));
  for (const balance of balances) {
    const delta = deltas.get(balance.id) ?? 0;
    if (delta >= 0) continue;
    const revisedAfterCents = balance.revisedCents + delta;
    if (revisedAfterCents < Math.max(0, balance.billedCents)) return { balance, revisedAfterCents };
  }
  return undefined;
}

export function describeLineBelowBilled({
  balance,
  revisedAfterCents,
}: {
  balance: ContractLineBalance;
  revisedAfterCents: number;
}): string {
  if (balance.billedCents <= 0)
    return `Line ${balance.lineNo} would go below zero: it is worth ${formatCents(balance.revisedCents)} after approved changes.`;
  return `This change lowers contract line ${balance.lineNo} to ${formatCents(revisedAfterCents)}, but approved and pending invoices already bill ${formatCents(balance.billedCents)} on it.`;
}

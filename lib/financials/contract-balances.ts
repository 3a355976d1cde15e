// What each contract line is worth after approved changes and what invoices already bill on it, and the rule
// that a change may not take a line below what is billed. Its own module because both the item services
// (contracts, changes, invoices) and the approval workflow need it, and the workflow must not import a service.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { DbOrTx } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { formatCents } from "@/lib/format/money";

// Each contract line's value once approved changes are applied, and what approved or pending invoices
// already bill against it: the numbers the invoice form and the ACR need.
export async function getContractLineBalances(
  db: DbOrTx,
  user: SessionUser,
  contractId: string,
  excludeInvoiceId?: string,
) {
  // One relation per query: inside a transaction every query shares one connection, and Prisma would load sibling
  // relations of one query (cost code, change lines, invoice lines) at the same time on it.
  const contract = await db.contract.findFirst({
    where: { id: contractId, companyId: user.companyId },
    include: { lines: { orderBy: { lineNo: "asc" }, include: { costCode: true } } },
  });
  if (!contract) throw notFound("That contract");
  const lineIds = { in: contract.lines.map((line) => line.id) };
  const changeLines = await db.contractChangeLine.findMany({
    where: { contractLineId: lineIds, contractChange: { status: "APPROVED" } },
    select: { contractLineId: true, amountCents: true },
  });
  const invoiceLines = await db.invoiceLine.findMany({
    where: {
      contractLineId: lineIds,
      invoice: {
        status: { in: ["APPROVED", "PENDING_APPROVAL"] },
        ...(excludeInvoiceId ? { id: { not: excludeInvoiceId } } : {}),
      },
    },
    select: { contractLineId: true, amountCents: true },
  });
  const changedBy = sumByLine(changeLines);
  const billedBy = sumByLine(invoiceLines);
  return contract.lines.map((line) => {
    const revised = Number(line.amountCents) + (changedBy.get(line.id) ?? 0);
    const billed = billedBy.get(line.id) ?? 0;
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

function sumByLine(lines: readonly { contractLineId: string | null; amountCents: bigint }[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { contractLineId, amountCents } of lines)
    if (contractLineId) sums.set(contractLineId, (sums.get(contractLineId) ?? 0) + Number(amountCents));
  return sums;
}

type ContractLineBalance = Awaited<ReturnType<typeof getContractLineBalances>>[number];

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
 * value, as the ACR counts it as committed, and billed by invoice lines of their own (`billedCents`, by approved
 * and pending invoices other than `excludeInvoiceId`).
 */
export async function listAddedScope(db: DbOrTx, user: SessionUser, contractId: string, excludeInvoiceId?: string) {
  // One relation per query, as above: the change and the invoice lines are read on their own.
  const lines = await db.contractChangeLine.findMany({
    where: { contractLineId: null, contractChange: { contractId, companyId: user.companyId, status: "APPROVED" } },
    include: { costCode: true },
    orderBy: [{ contractChange: { number: "asc" } }, { lineNo: "asc" }],
  });
  const changes = await db.contractChange.findMany({
    where: { id: { in: [...new Set(lines.map((line) => line.contractChangeId))] }, companyId: user.companyId },
    select: { id: true, number: true },
  });
  const invoiceLines = await db.invoiceLine.findMany({
    where: {
      contractChangeLineId: { in: lines.map((line) => line.id) },
      invoice: {
        status: { in: ["APPROVED", "PENDING_APPROVAL"] },
        ...(excludeInvoiceId ? { id: { not: excludeInvoiceId } } : {}),
      },
    },
    select: { contractChangeLineId: true, amountCents: true },
  });
  const changeOf = new Map(changes.map((change) => [change.id, change]));
  const billedBy = sumByLine(
    invoiceLines.map((l) => ({ contractLineId: l.contractChangeLineId, amountCents: l.amountCents })),
  );
  return lines.map((line) => {
    const billed = billedBy.get(line.id) ?? 0;
    return {
      id: line.id,
      lineNo: line.lineNo,
      change: changeOf.get(line.contractChangeId) ?? { id: line.contractChangeId, number: "" },
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
  // One after the other: inside a transaction both share one connection.
  const own = await getContractLineBalances(db, user, contractId, excludeInvoiceId);
  const added = await listAddedScope(db, user, contractId, excludeInvoiceId);
  return [
    ...own.map((line) => ({
      id: line.id,
      source: "contract" as const,
      changeNumber: null,
      label: `Line ${line.lineNo}`,
      costCode: line.costCode,
      description: line.description,
      remainingCents: line.remainingCents,
    })),
    ...added.map((line) => ({
      id: line.id,
      source: "change" as const,
      changeNumber: line.change.number,
      label: `${line.change.number} line ${line.lineNo}`,
      costCode: line.costCode,
      description: line.description,
      remainingCents: line.remainingCents,
    })),
  ];
}

/** A billable line in a sentence: "contract line 2", or "CC-001 line 1" for a line a change added. */
export function describeBillable(line: { source: "contract" | "change"; label: string }): string {
  return line.source === "contract" ? `contract ${line.label.toLowerCase()}` : line.label;
}

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

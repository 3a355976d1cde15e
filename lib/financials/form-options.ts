// What the item forms start from: the contract's lines with their current balances (contract change and invoice
// forms), and saved lines as the forms edit them.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { centsToInput } from "@/lib/format/money";
import { getBillableLines, getContractLineBalances } from "./contract-balances";

export async function loadContractLineOptions(
  db: Db,
  user: SessionUser,
  contractId: string,
  excludeInvoiceId?: string,
) {
  const balances = await getContractLineBalances(db, user, contractId, excludeInvoiceId);
  return balances.map((b) => ({
    id: b.id,
    lineNo: b.lineNo,
    label: `${b.costCode.code} ${b.description}`,
    revisedCents: b.revisedCents,
    remainingCents: b.remainingCents,
  }));
}

/** Saved lines of a budget, budget change or contract as their form edits them: the amount as text. */
export function toCostCodeLineInputs(
  lines: readonly { costCodeId: string; description: string; amountCents: bigint }[],
): { costCodeId: string; description: string; amount: string }[] {
  return lines.map((line) => ({
    costCodeId: line.costCodeId,
    description: line.description,
    amount: centsToInput(line.amountCents),
  }));
}

/** What the invoice form offers: the contract's lines and the lines approved changes added, with what remains. */
export async function loadBillableLineOptions(
  db: Db,
  user: SessionUser,
  contractId: string,
  excludeInvoiceId?: string,
) {
  const lines = await getBillableLines(db, user, contractId, excludeInvoiceId);
  // Numbered in order: the contract's own lines keep their numbers, the lines changes added follow them.
  return lines.map((line, index) => ({
    id: line.id,
    lineNo: index + 1,
    label: `${line.changeNumber ? `${line.changeNumber}: ` : ""}${line.costCode.code} ${line.description}`,
    remainingCents: line.remainingCents,
  }));
}

// What the contract change and invoice forms offer: the contract's lines with their current balances.
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
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

/** What the invoice form offers: the contract's lines and the lines approved changes added, with what remains. */
export async function loadBillableLineOptions(
  db: Db,
  user: SessionUser,
  contractId: string,
  excludeInvoiceId?: string,
) {
  const lines = await getBillableLines(db, user, contractId, excludeInvoiceId);
  return lines.map((line) => ({
    id: line.id,
    label: `${line.label}: ${line.costCode.code} ${line.description}`,
    remainingCents: line.remainingCents,
  }));
}

// A contract's billed and paid to date: what its approved invoices bill, and what the accounting system reports paid
// on those that were synced (a document deleted there counts as unpaid).
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";

export async function getContractBilledAndPaid(
  db: Db,
  user: SessionUser,
  contractId: string,
): Promise<{ billedCents: number; paidCents: number }> {
  const companyId = user.companyId;
  const invoices = await db.invoice.findMany({
    where: { companyId, contractId, status: "APPROVED" },
    select: { id: true, lines: { select: { amountCents: true } } },
  });
  const billedCents = invoices.reduce((sum, i) => sum + i.lines.reduce((s, l) => s + Number(l.amountCents), 0), 0);
  if (!invoices.length) return { billedCents, paidCents: 0 };
  const paid = await db.syncRecord.aggregate({
    where: {
      companyId,
      itemType: "INVOICE",
      state: "SYNCED",
      itemId: { in: invoices.map((i) => i.id) },
      drift: { not: "DELETED" },
    },
    _sum: { paidCents: true },
  });
  return { billedCents, paidCents: Number(paid._sum.paidCents ?? 0) };
}

// The Anticipated Cost Report: per cost code, what was budgeted, what changed, what is committed to vendors and
// what they have invoiced, and what the accounting system says was paid. Only approved items count; pending ones are
// not yet money.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { allocatePaidProRata } from "./paid-allocation";

type AcrRow = {
  costCodeId: string;
  code: string;
  name: string;
  originalCents: number;
  approvedChangesCents: number;
  revisedCents: number;
  committedCents: number;
  invoicedCents: number;
  /** Paid in the accounting system: each synced invoice's paid amount spread over its lines pro rata (ADR 0002). */
  paidCents: number;
  varianceCents: number;
};

type Totals = { original: number; changes: number; committed: number; invoiced: number; paid: number };
const ZERO: Totals = { original: 0, changes: 0, committed: 0, invoiced: 0, paid: 0 };

export async function buildAcr(
  db: Db,
  user: SessionUser,
  projectId: string,
): Promise<{ rows: AcrRow[]; totals: Omit<AcrRow, "costCodeId" | "code" | "name"> }> {
  const companyId = user.companyId;
  const [budgetLines, changeLines, contractLines, contractChangeLines, invoiceLines] = await Promise.all([
    db.budgetLine.findMany({
      where: { budget: { projectId, companyId, status: "APPROVED" } },
      select: { costCodeId: true, amountCents: true },
    }),
    db.budgetChangeLine.findMany({
      where: { budgetChange: { projectId, companyId, status: "APPROVED" } },
      select: { costCodeId: true, amountCents: true },
    }),
    db.contractLine.findMany({
      where: { contract: { projectId, companyId, status: "APPROVED" } },
      select: { costCodeId: true, amountCents: true },
    }),
    db.contractChangeLine.findMany({
      where: { contractChange: { companyId, status: "APPROVED", contract: { projectId } } },
      select: { costCodeId: true, amountCents: true },
    }),
    db.invoiceLine.findMany({
      where: { invoice: { companyId, status: "APPROVED", contract: { projectId } } },
      // Line order matters for the paid allocation: the rounding remainder goes to an invoice's last line.
      orderBy: [{ invoiceId: "asc" }, { lineNo: "asc" }],
      select: {
        invoiceId: true,
        amountCents: true,
        contractLine: { select: { costCodeId: true } },
        contractChangeLine: { select: { costCodeId: true } },
      },
    }),
  ]);
  // What the accounting system last reported paid on each synced invoice; a document deleted there is paid by no one.
  const paidRecords = await db.syncRecord.findMany({
    where: {
      companyId,
      itemType: "INVOICE",
      state: "SYNCED",
      itemId: { in: [...new Set(invoiceLines.map((l) => l.invoiceId))] },
      paidCents: { not: null },
      drift: { not: "DELETED" },
    },
    select: { itemId: true, paidCents: true },
  });
  const paidByInvoice = new Map(paidRecords.map((r) => [r.itemId, Number(r.paidCents ?? 0)]));
  const totalsByCode = new Map<string, Totals>();
  const bucket = (id: string) => {
    let entry = totalsByCode.get(id);
    if (!entry) totalsByCode.set(id, (entry = { ...ZERO }));
    return entry;
  };
  for (const l of budgetLines) bucket(l.costCodeId).original += Number(l.amountCents);
  for (const l of changeLines) bucket(l.costCodeId).changes += Number(l.amountCents);
  for (const l of contractLines) bucket(l.costCodeId).committed += Number(l.amountCents);
  for (const l of contractChangeLines) bucket(l.costCodeId).committed += Number(l.amountCents);
  for (const l of invoiceLines) {
    const costCodeId = l.contractLine?.costCodeId ?? l.contractChangeLine?.costCodeId;
    if (costCodeId) bucket(costCodeId).invoiced += Number(l.amountCents);
  }
  const linesByInvoice = new Map<string, typeof invoiceLines>();
  for (const l of invoiceLines) linesByInvoice.set(l.invoiceId, [...(linesByInvoice.get(l.invoiceId) ?? []), l]);
  for (const [invoiceId, paid] of paidByInvoice) {
    const lines = linesByInvoice.get(invoiceId) ?? [];
    const shares = allocatePaidProRata(
      paid,
      lines.map((l) => Number(l.amountCents)),
    );
    lines.forEach((l, i) => {
      const costCodeId = l.contractLine?.costCodeId ?? l.contractChangeLine?.costCodeId;
      if (costCodeId) bucket(costCodeId).paid += shares[i] ?? 0;
    });
  }

  const codes = await db.costCode.findMany({
    where: { companyId, id: { in: [...totalsByCode.keys()] } },
    orderBy: { code: "asc" },
  });
  const rows = codes.map((code): AcrRow => {
    const t = totalsByCode.get(code.id) ?? ZERO;
    const revised = t.original + t.changes;
    return {
      costCodeId: code.id,
      code: code.code,
      name: code.name,
      originalCents: t.original,
      approvedChangesCents: t.changes,
      revisedCents: revised,
      committedCents: t.committed,
      invoicedCents: t.invoiced,
      paidCents: t.paid,
      varianceCents: revised - t.committed,
    };
  });
  const sum = (key: keyof Omit<AcrRow, "costCodeId" | "code" | "name">) => rows.reduce((s, r) => s + r[key], 0);
  return {
    rows,
    totals: {
      originalCents: sum("originalCents"),
      approvedChangesCents: sum("approvedChangesCents"),
      revisedCents: sum("revisedCents"),
      committedCents: sum("committedCents"),
      invoicedCents: sum("invoicedCents"),
      paidCents: sum("paidCents"),
      varianceCents: sum("varianceCents"),
    },
  };
}

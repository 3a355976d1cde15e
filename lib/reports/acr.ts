// The Anticipated Cost Report: per cost code, what was budgeted, what changed, what is committed to vendors and
// what they have invoiced. Only approved items count; pending ones are not yet money.
import "server-only";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";

type AcrRow = {
  costCodeId: string;
  code: string;
  name: string;
  originalCents: number;
  approvedChangesCents: number;
  revisedCents: number;
  committedCents: number;
  invoicedCents: number;
  varianceCents: number;
};

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
      select: {
        amountCents: true,
        contractLine: { select: { costCodeId: true } },
        contractChangeLine: { select: { costCodeId: true } },
      },
    }),
  ]);
  const totalsByCode = new Map<string, { original: number; changes: number; committed: number; invoiced: number }>();
  const bucket = (id: string) => {
    let entry = totalsByCode.get(id);
    if (!entry) totalsByCode.set(id, (entry = { original: 0, changes: 0, committed: 0, invoiced: 0 }));
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

  const codes = await db.costCode.findMany({
    where: { companyId, id: { in: [...totalsByCode.keys()] } },
    orderBy: { code: "asc" },
  });
  const rows = codes.map((code): AcrRow => {
    const t = totalsByCode.get(code.id) ?? { original: 0, changes: 0, committed: 0, invoiced: 0 };
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
      varianceCents: sum("varianceCents"),
    },
  };
}

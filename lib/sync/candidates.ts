// Every approved item that can sync, across the five item types, as one list: the Accounting sync page reads it
// paged (companies hold tens of thousands of items), and a run reads it for the items it was given. One SQL
// statement over the five tables; amounts are summed for the rows of the page only.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";

// READY: not synced yet (or failed, or unconfirmed) and not returned to its project manager; RETURNED: returned by
// accounting and not resubmitted yet (lib/sync/review.ts).
export type CandidateStateFilter = SyncState | "READY" | "RETURNED";

const READY_STATES = Prisma.sql`COALESCE(sr.state::text, 'NOT_SYNCED') IN ('NOT_SYNCED', 'FAILED', 'UNKNOWN')`;

export type SyncCandidate = {
  itemType: ItemType;
  itemId: string;
  projectId: string;
  projectNumber: string;
  projectName: string;
  number: string;
  title: string;
  vendor: string | null;
  approvedAt: Date | null;
  amountCents: bigint;
  syncState: SyncState;
  /** The item this one builds on (contract of a change or an invoice, budget of a budget change). */
  prerequisiteId: string | null;
  /** In a run that has not finished yet. */
  active: boolean;
  /** Returned to its project manager by accounting, not resubmitted yet. */
  returned: { reason: string; byName: string; at: Date } | null;
};

export type CandidateFilter = {
  projectId?: string;
  itemType?: ItemType;
  state?: CandidateStateFilter;
  search?: string;
  ids?: string[];
};

const TYPE_WORDS: Record<ItemType, string> = {
  CONTRACT: "Contract",
  CONTRACT_CHANGE: "Contract change",
  INVOICE: "Invoice",
  BUDGET: "Budget",
  BUDGET_CHANGE: "Budget change",
};

export const itemTypeLabel = (itemType: ItemType) => TYPE_WORDS[itemType];

/** The page that shows (and fixes) an item. */
export function itemHref(itemType: ItemType, projectId: string, itemId: string): string {
  switch (itemType) {
    case "CONTRACT":
      return `/projects/${projectId}/contracts/${itemId}`;
    case "CONTRACT_CHANGE":
      return `/projects/${projectId}/contract-changes/${itemId}`;
    case "INVOICE":
      return `/projects/${projectId}/invoices/${itemId}`;
    case "BUDGET":
      return `/projects/${projectId}/budget`;
    case "BUDGET_CHANGE":
      return `/projects/${projectId}/budget-changes/${itemId}`;
  }
}

// The approved items of a company as (type, id, project, number, title, vendor, approved, prerequisite).
function approvedItems(companyId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT 'CONTRACT' AS type, c.id, c."projectId" AS project_id, c.number, c.title, ac.name AS vendor,
           c."decidedAt" AS approved_at, NULL::uuid AS prereq_id
      FROM "Contract" c JOIN "AccountingCompany" ac ON ac.id = c."accountingCompanyId"
     WHERE c."companyId" = ${companyId}::uuid AND c.status = 'APPROVED'
    UNION ALL
    SELECT 'CONTRACT_CHANGE', cc.id, c."projectId", c.number || ' · ' || cc.number, cc.title, ac.name,
           cc."decidedAt", cc."contractId"
      FROM "ContractChange" cc JOIN "Contract" c ON c.id = cc."contractId"
      JOIN "AccountingCompany" ac ON ac.id = c."accountingCompanyId"
     WHERE cc."companyId" = ${companyId}::uuid AND cc.status = 'APPROVED'
    UNION ALL
    SELECT 'INVOICE', i.id, c."projectId", c.number || ' · ' || i.number, 'Invoice ' || i.number, ac.name,
           i."decidedAt", i."contractId"
      FROM "Invoice" i JOIN "Contract" c ON c.id = i."contractId"
      JOIN "AccountingCompany" ac ON ac.id = c."accountingCompanyId"
     WHERE i."companyId" = ${companyId}::uuid AND i.status = 'APPROVED'
    UNION ALL
    SELECT 'BUDGET', b.id, b."projectId", bp.number, b.title, NULL, b."decidedAt", NULL::uuid
      FROM "Budget" b JOIN "Project" bp ON bp.id = b."projectId"
     WHERE b."companyId" = ${companyId}::uuid AND b.status = 'APPROVED'
    UNION ALL
    SELECT 'BUDGET_CHANGE', bc.id, bc."projectId", bc.number, bc.title, NULL, bc."decidedAt", bc."budgetId"
      FROM "BudgetChange" bc WHERE bc."companyId" = ${companyId}::uuid AND bc.status = 'APPROVED'`;
}

function where(filter: CandidateFilter, options: { withState: boolean }): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.projectId) parts.push(Prisma.sql`i.project_id = ${filter.projectId}::uuid`);
  if (filter.itemType) parts.push(Prisma.sql`i.type = ${filter.itemType}`);
  if (filter.ids) parts.push(Prisma.sql`i.id = ANY(${filter.ids}::uuid[])`);
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      Prisma.sql`(i.number ILIKE ${like} OR i.title ILIKE ${like} OR i.vendor ILIKE ${like} OR p.number ILIKE ${like} OR p.name ILIKE ${like})`,
    );
  }
  if (options.withState && filter.state) {
    if (filter.state === "READY") parts.push(Prisma.sql`${READY_STATES} AND ar.id IS NULL`);
    else if (filter.state === "RETURNED") parts.push(Prisma.sql`${READY_STATES} AND ar.id IS NOT NULL`);
    else parts.push(Prisma.sql`COALESCE(sr.state::text, 'NOT_SYNCED') = ${filter.state}`);
  }
  return Prisma.join(parts, " AND ");
}

type Row = {
  type: ItemType;
  id: string;
  project_id: string;
  project_number: string;
  project_name: string;
  number: string;
  title: string;
  vendor: string | null;
  approved_at: Date | null;
  prereq_id: string | null;
  sync_state: SyncState;
  amount: bigint | null;
  active: boolean;
  returned_reason: string | null;
  returned_by_name: string | null;
  returned_at: Date | null;
};

const toCandidate = (r: Row): SyncCandidate => ({
  itemType: r.type,
  itemId: r.id,
  projectId: r.project_id,
  projectNumber: r.project_number,
  projectName: r.project_name,
  number: r.number,
  title: r.title,
  vendor: r.vendor,
  approvedAt: r.approved_at,
  amountCents: BigInt(r.amount ?? 0),
  syncState: r.sync_state,
  prerequisiteId: r.prereq_id,
  active: r.active,
  returned:
    r.returned_at && r.returned_reason !== null
      ? { reason: r.returned_reason, byName: r.returned_by_name ?? "", at: r.returned_at }
      : null,
});

const FROM = (companyId: string) => Prisma.sql`
  FROM (${approvedItems(companyId)}) i
  JOIN "Project" p ON p.id = i.project_id
  LEFT JOIN "SyncRecord" sr ON sr."itemType"::text = i.type AND sr."itemId" = i.id
  LEFT JOIN "AccountingReturn" ar ON ar."itemType"::text = i.type AND ar."itemId" = i.id`;

const AMOUNT = Prisma.sql`CASE page.type
    WHEN 'CONTRACT' THEN (SELECT SUM("amountCents") FROM "ContractLine" WHERE "contractId" = page.id)
    WHEN 'CONTRACT_CHANGE' THEN (SELECT SUM("amountCents") FROM "ContractChangeLine" WHERE "contractChangeId" = page.id)
    WHEN 'INVOICE' THEN (SELECT SUM("amountCents") FROM "InvoiceLine" WHERE "invoiceId" = page.id)
    WHEN 'BUDGET' THEN (SELECT SUM("amountCents") FROM "BudgetLine" WHERE "budgetId" = page.id)
    ELSE (SELECT SUM("amountCents") FROM "BudgetChangeLine" WHERE "budgetChangeId" = page.id) END`;

const ACTIVE = Prisma.sql`EXISTS (SELECT 1 FROM "SyncRunItem" ri
    WHERE ri."itemId" = page.id AND ri."companyId" = page.company_id AND ri.status IN ('QUEUED', 'SENDING'))`;

/** One page of candidates, newest approval first. */
export async function listSyncCandidates(
  db: Db,
  companyId: string,
  filter: CandidateFilter,
  paging: { page: number; pageSize: number },
): Promise<SyncCandidate[]> {
  const offset = Math.max(0, paging.page - 1) * paging.pageSize;
  const rows = await db.$queryRaw<Row[]>`
    SELECT page.*, ${AMOUNT} AS amount, ${ACTIVE} AS active FROM (
      SELECT i.*, ${companyId}::uuid AS company_id, p.number AS project_number, p.name AS project_name,
             COALESCE(sr.state::text, 'NOT_SYNCED') AS sync_state, ar.reason AS returned_reason,
             ar."returnedByName" AS returned_by_name, ar."createdAt" AS returned_at
      ${FROM(companyId)}
      WHERE ${where(filter, { withState: true })}
      ORDER BY i.approved_at DESC NULLS LAST, i.id
      LIMIT ${paging.pageSize} OFFSET ${offset}
    ) page
    ORDER BY page.approved_at DESC NULLS LAST, page.id`;
  return rows.map(toCandidate);
}

/** How many candidates match, by sync state (the state filter itself is left out, so every tab has its count). */
export async function countSyncCandidates(
  db: Db,
  companyId: string,
  filter: CandidateFilter,
): Promise<Record<SyncState, number>> {
  const rows = await db.$queryRaw<{ state: SyncState; count: bigint }[]>`
    SELECT COALESCE(sr.state::text, 'NOT_SYNCED') AS state, count(*) AS count
    ${FROM(companyId)}
    WHERE ${where(filter, { withState: false })}
    GROUP BY 1`;
  const counts: Record<SyncState, number> = { NOT_SYNCED: 0, SYNCING: 0, SYNCED: 0, FAILED: 0, UNKNOWN: 0 };
  for (const row of rows) counts[row.state] = Number(row.count);
  return counts;
}

/** How many match and are returned to their project manager (part of the not-synced counts above). */
export async function countReturnedCandidates(db: Db, companyId: string, filter: CandidateFilter): Promise<number> {
  const rows = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count ${FROM(companyId)}
    WHERE ${where({ ...filter, state: "RETURNED" }, { withState: true })}`;
  return Number(rows[0]?.count ?? 0);
}

/** The ids of every ready candidate that matches (for "Sync all ready"), at most `limit`. */
export async function listReadyCandidateIds(
  db: Db,
  companyId: string,
  filter: CandidateFilter,
  limit: number,
): Promise<{ itemType: ItemType; itemId: string }[]> {
  const rows = await db.$queryRaw<{ type: ItemType; id: string }[]>`
    SELECT i.type, i.id ${FROM(companyId)}
    WHERE ${where({ ...filter, state: "READY" }, { withState: true })}
    ORDER BY i.approved_at ASC NULLS FIRST, i.id
    LIMIT ${limit}`;
  return rows.map((r) => ({ itemType: r.type, itemId: r.id }));
}

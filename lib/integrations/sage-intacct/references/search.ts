// Reads of the reference cache: picker search, lookups by id, a project's tasks. Never calls Intacct, so pages and
// preflight stay fast and work while a refresh runs or Intacct is down.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { ReferenceType } from "@/lib/generated/prisma/enums";

export type ReferenceView = {
  type: ReferenceType;
  externalId: string;
  name: string;
  active: boolean;
  recordNo: string;
  scope: string;
  parentId: string;
  data: Record<string, string>;
};

const SELECT = {
  type: true,
  externalId: true,
  name: true,
  active: true,
  recordNo: true,
  scope: true,
  parentId: true,
  data: true,
} as const;

type Row = {
  type: ReferenceType;
  externalId: string;
  name: string;
  active: boolean;
  recordNo: string;
  scope: string;
  parentId: string;
  data: unknown;
};

function toView(row: Row): ReferenceView {
  return { ...row, data: (row.data as Record<string, string> | null) ?? {} };
}

// LIKE wildcards typed by the user are searched for literally.
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type SearchOptions = { includeInactive?: boolean; limit?: number; scope?: string };

/**
 * Picker search over the cache: every word must appear in the id or name (case-insensitive), exact and leading id
 * matches first, then by name. Inactive records only when asked (existing links show them; new links may not use
 * them). Server-side and indexed by (companyId, type), so 20,000 vendors answer in milliseconds.
 */
export async function searchReferences(
  db: Db,
  companyId: string,
  type: ReferenceType,
  query: string,
  options: SearchOptions = {},
): Promise<ReferenceView[]> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const q = query
    .replace(/[\u0000-\u001F\u007F]/g, "")
    .trim()
    .toLowerCase()
    .slice(0, 100);
  const words = q.split(/\s+/).filter(Boolean).slice(0, 5);
  const scope = options.scope ?? "";
  const wordFilters = words.map((w) => `%${escapeLike(w)}%`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT "type", "externalId", "name", "active", "recordNo", "scope", "parentId", "data"
    FROM "IntacctReference"
    WHERE "companyId" = ${companyId}::uuid AND "type" = ${type}::"ReferenceType" AND "scope" = ${scope}
      AND (${options.includeInactive ?? false} OR "active")
      AND "searchText" LIKE ALL (${wordFilters}::text[])
    ORDER BY (lower("externalId") = ${q}) DESC, (lower("externalId") LIKE ${`${escapeLike(q)}%`}) DESC, "active" DESC, "name", "externalId"
    LIMIT ${limit}`;
  return rows.map(toView);
}

/** One cached record by its Intacct id (scope: the project for TASK, "project/task" for COST_TYPE), or null. */
export async function findReference(
  db: Db,
  companyId: string,
  type: ReferenceType,
  externalId: string,
  scope = "",
): Promise<ReferenceView | null> {
  const row = await db.intacctReference.findUnique({
    where: { companyId_type_scope_externalId: { companyId, type, scope, externalId } },
    select: SELECT,
  });
  return row ? toView(row) : null;
}

/** Several cached records of one type by id, as a map (for list pages showing linked records). */
export async function findReferences(
  db: Db,
  companyId: string,
  type: ReferenceType,
  externalIds: readonly string[],
  scope = "",
): Promise<Map<string, ReferenceView>> {
  const ids = [...new Set(externalIds.filter(Boolean))];
  if (ids.length === 0) return new Map();
  const rows = await db.intacctReference.findMany({
    where: { companyId, type, scope, externalId: { in: ids } },
    select: SELECT,
  });
  return new Map(rows.map((r) => [r.externalId, toView(r)]));
}

/**
 * The TASKs (cost codes) of one Intacct project, active and inactive, ordered by TASKID. `parentId` is the task's
 * STANDARDTASKID, i.e. the Connected Accounting Cost Code a line's cost code links to.
 */
export async function listProjectTasks(db: Db, companyId: string, intacctProjectId: string): Promise<ReferenceView[]> {
  const rows = await db.intacctReference.findMany({
    where: { companyId, type: "TASK", scope: intacctProjectId },
    select: SELECT,
    orderBy: { externalId: "asc" },
  });
  return rows.map(toView);
}

/** Every active record of a type with the fields matching needs (ids, names, tax IDs): bounded by what Intacct holds. */
export async function listActiveForMatching(
  db: Db,
  companyId: string,
  type: ReferenceType,
): Promise<{ externalId: string; name: string; taxId: string }[]> {
  return db.$queryRaw<{ externalId: string; name: string; taxId: string }[]>`
    SELECT "externalId", "name", coalesce("data"->>'taxId', '') AS "taxId"
    FROM "IntacctReference"
    WHERE "companyId" = ${companyId}::uuid AND "type" = ${type}::"ReferenceType" AND "scope" = '' AND "active"`;
}

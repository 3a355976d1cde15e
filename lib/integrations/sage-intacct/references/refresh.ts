// Refresh of the reference cache: paged reads through lib/intacct into IntacctReference, incremental by the
// WHENMODIFIED high-water mark (§7 query filter), progress in ReferenceRefresh. Readers never wait on a refresh:
// pickers and preflight read the table, and each page is upserted in its own short statement.
import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { ReferenceType } from "@/lib/generated/prisma/enums";
import type { IntacctClient } from "@/lib/intacct";
import { getIntacctClientForCompany } from "@/lib/integrations/sage-intacct/client-factory";
import { toIntacctUserMessage } from "@/lib/integrations/sage-intacct/user-message";
import { logger } from "@/lib/logger";
import { buildSearchText } from "./search-text";
import { parseIntacctTimestamp, REFERENCE_TYPES, type ReferenceRow, referenceTypeLabel, SOURCES } from "./sources";

export type RefreshProgress = { type: ReferenceType; processed: number; done: boolean };
export type RefreshTypeResult = {
  type: ReferenceType;
  mode: "full" | "incremental";
  processed: number;
  deactivated: number;
  durationMs: number;
  error?: string;
};
export type RefreshOptions = {
  /** Which lists; default all of them (REFERENCE_TYPES). */
  types?: readonly ReferenceType[];
  /** Ignore the high-water mark and re-read everything; records no longer in Intacct are then marked inactive. */
  full?: boolean;
  onProgress?: (progress: RefreshProgress) => void;
  /** A ready client (tests, benchmark); default: the company's stored connection. */
  client?: IntacctClient;
};

// A RUNNING row older than this is a refresh whose process died (restart, crash): it may be taken over.
const STALE_RUN_MS = 15 * 60_000;

// What a failed refresh shows when the error carries no message for people (a bug, a database error).
const REFRESH_FAILED = "The refresh failed unexpectedly. Try again; if it keeps failing, contact support.";

/** Upserts one page in one statement (unnest of column arrays: 2,000 rows per round trip to PostgreSQL). */
async function upsertRows(
  db: Db,
  companyId: string,
  type: ReferenceType,
  rows: ReferenceRow[],
  refreshedAt: Date,
): Promise<void> {
  // ON CONFLICT cannot touch one row twice in a statement: the last version of a key in a page wins.
  const unique = new Map<string, ReferenceRow>();
  for (const row of rows) if (row.externalId) unique.set(`${row.scope}\u0000${row.externalId}`, row);
  if (unique.size === 0) return;
  const list = [...unique.values()];
  await db.$executeRaw`
    INSERT INTO "IntacctReference" ("id", "companyId", "type", "externalId", "name", "active", "recordNo", "scope", "parentId", "searchText", "data", "whenModified", "refreshedAt")
    SELECT gen_random_uuid(), ${companyId}::uuid, ${type}::"ReferenceType", u.external_id, u.name, u.active, u.record_no, u.scope, u.parent_id, u.search_text, u.data::jsonb, u.when_modified, ${refreshedAt}
    FROM unnest(${list.map((r) => r.externalId)}::text[], ${list.map((r) => r.name)}::text[], ${list.map((r) => r.active)}::boolean[], ${list.map((r) => r.recordNo)}::text[],
                ${list.map((r) => r.scope)}::text[], ${list.map((r) => r.parentId)}::text[], ${list.map((r) => buildSearchText(r.externalId, r.name))}::text[],
                ${list.map((r) => JSON.stringify(r.data))}::text[], ${list.map((r) => r.whenModified)}::text[])
      AS u(external_id, name, active, record_no, scope, parent_id, search_text, data, when_modified)
    ON CONFLICT ("companyId", "type", "scope", "externalId") DO UPDATE SET
      "name" = excluded."name", "active" = excluded."active", "recordNo" = excluded."recordNo", "parentId" = excluded."parentId",
      "searchText" = excluded."searchText", "data" = excluded."data", "whenModified" = excluded."whenModified", "refreshedAt" = excluded."refreshedAt"`;
}

/**
 * Marks the given types RUNNING unless one already is (a second click or tab does not start a second refresh).
 * Returns the types claimed.
 */
export async function claimRefresh(
  db: Db,
  companyId: string,
  types: readonly ReferenceType[],
): Promise<ReferenceType[]> {
  const now = new Date();
  const staleBefore = new Date(now.getTime() - STALE_RUN_MS);
  const claimed: ReferenceType[] = [];
  for (const type of types) {
    await db.referenceRefresh.upsert({
      where: { companyId_type: { companyId, type } },
      create: { companyId, type },
      update: {},
    });
    const { count } = await db.referenceRefresh.updateMany({
      where: {
        companyId,
        type,
        OR: [{ status: { not: "RUNNING" } }, { startedAt: null }, { startedAt: { lt: staleBefore } }],
      },
      data: { status: "RUNNING", startedAt: now, finishedAt: null, processed: 0, error: "" },
    });
    if (count === 1) claimed.push(type);
  }
  return claimed;
}

async function refreshOne(
  db: Db,
  companyId: string,
  client: IntacctClient,
  type: ReferenceType,
  options: RefreshOptions,
): Promise<RefreshTypeResult> {
  const started = Date.now();
  const refreshedAt = new Date(started);
  const state = await db.referenceRefresh.upsert({
    where: { companyId_type: { companyId, type } },
    create: { companyId, type, status: "RUNNING", startedAt: refreshedAt },
    update: { status: "RUNNING", startedAt: refreshedAt, finishedAt: null, processed: 0, error: "" },
  });
  const since = options.full ? undefined : parseIntacctTimestamp(state.highWaterMark);
  const mode = since ? "incremental" : "full";
  let processed = 0;
  let highWater = since;
  let highWaterText = state.highWaterMark;
  try {
    // A full read usually spans several pages: ask for the second with the first (saves a round trip).
    for await (const page of SOURCES[type].list(client, { modifiedSince: since, expectMultiplePages: !since })) {
      await upsertRows(db, companyId, type, page, refreshedAt);
      processed += page.length;
      for (const row of page) {
        const at = parseIntacctTimestamp(row.whenModified);
        if (at && (!highWater || at > highWater)) {
          highWater = at;
          highWaterText = row.whenModified;
        }
      }
      await db.referenceRefresh.update({ where: { companyId_type: { companyId, type } }, data: { processed } });
      options.onProgress?.({ type, processed, done: false });
    }
    // Only a full read proves absence: what it did not return is gone from Intacct (or no longer visible to the
    // Web Services user). Kept, inactive, so existing links still show what they point at.
    const deactivated =
      mode === "full"
        ? (
            await db.intacctReference.updateMany({
              where: { companyId, type, active: true, refreshedAt: { lt: refreshedAt } },
              data: { active: false },
            })
          ).count
        : 0;
    const finishedAt = new Date();
    await db.referenceRefresh.update({
      where: { companyId_type: { companyId, type } },
      data: {
        status: "IDLE",
        finishedAt,
        lastSuccessAt: finishedAt,
        highWaterMark: highWaterText,
        processed,
        error: "",
      },
    });
    options.onProgress?.({ type, processed, done: true });
    return { type, mode, processed, deactivated, durationMs: Date.now() - started };
  } catch (error) {
    const message = toIntacctUserMessage(error, REFRESH_FAILED);
    logger.warn({ companyId, type, err: error }, "reference refresh failed");
    await db.referenceRefresh
      .update({
        where: { companyId_type: { companyId, type } },
        data: { status: "FAILED", finishedAt: new Date(), processed, error: message },
      })
      .catch(() => undefined);
    options.onProgress?.({ type, processed, done: true });
    return { type, mode, processed, deactivated: 0, durationMs: Date.now() - started, error: message };
  }
}

/**
 * Refreshes the cached lists of a company. Types run side by side (the client's per-company limiter keeps Intacct
 * at its concurrency); one failing type does not stop the others. Resolves with one result per type; throws an
 * AppError INVALID_STATE when Sage Intacct is not connected or when any type failed (after all have finished and
 * every ReferenceRefresh row says how it went).
 */
export async function refreshReferences(
  db: Db,
  companyId: string,
  options: RefreshOptions = {},
): Promise<RefreshTypeResult[]> {
  const types = options.types?.length ? [...new Set(options.types)] : REFERENCE_TYPES;
  let client = options.client;
  if (!client) {
    try {
      client = await getIntacctClientForCompany(db, companyId);
    } catch (error) {
      const message = toIntacctUserMessage(error, REFRESH_FAILED);
      await db.referenceRefresh.updateMany({
        where: { companyId, type: { in: types }, status: "RUNNING" },
        data: { status: "FAILED", finishedAt: new Date(), error: message },
      });
      throw error;
    }
  }
  const ready = client;
  const results = await Promise.all(types.map((type) => refreshOne(db, companyId, ready, type, options)));
  const failed = results.filter((r) => r.error);
  if (failed.length > 0) {
    throw new AppError(
      "INVALID_STATE",
      `Refreshing ${failed.map((r) => referenceTypeLabel(r.type)).join(", ")} from Sage Intacct failed: ${failed[0]?.error}`,
    );
  }
  return results;
}

export type RefreshStatusView = {
  running: boolean;
  lastRefreshedAt: Date | null;
  types: {
    type: ReferenceType;
    label: string;
    status: "IDLE" | "RUNNING" | "FAILED" | "NEVER";
    processed: number;
    lastSuccessAt: Date | null;
    error: string;
  }[];
};

/** Where the refresh of the given lists stands, for the "Refresh from Intacct" panel. */
export async function getRefreshStatus(
  db: Db,
  companyId: string,
  types: readonly ReferenceType[] = REFERENCE_TYPES,
): Promise<RefreshStatusView> {
  const rows = await db.referenceRefresh.findMany({ where: { companyId, type: { in: [...types] } } });
  const byType = new Map(rows.map((r) => [r.type, r]));
  const staleBefore = Date.now() - STALE_RUN_MS;
  const view = types.map((type) => {
    const row = byType.get(type);
    const running = row?.status === "RUNNING" && (row.startedAt?.getTime() ?? 0) >= staleBefore;
    const status = !row ? "NEVER" : running ? "RUNNING" : row.status === "RUNNING" ? "FAILED" : row.status;
    return {
      type,
      label: referenceTypeLabel(type),
      status,
      processed: row?.processed ?? 0,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      error:
        row?.status === "RUNNING" && !running ? "The refresh was interrupted. Start it again." : (row?.error ?? ""),
    } as const;
  });
  const successes = view.map((v) => v.lastSuccessAt?.getTime() ?? 0);
  // The panel shows when every list it uses was last complete: the oldest success, or never.
  const lastRefreshedAt = successes.some((t) => t === 0) ? null : new Date(Math.min(...successes));
  return { running: view.some((v) => v.status === "RUNNING"), lastRefreshedAt, types: view };
}

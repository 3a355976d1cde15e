// Import from Sage Intacct as a durable job: the request resolves the chosen vendors, stores them as one
// VendorImport row and enqueues its job in the same transaction; a worker runs importVendors on them chunk by chunk
// and saves progress after each, which the dialog follows. Closing the tab or restarting the web server loses
// nothing, and a worker that dies mid-import leaves a job that runs again (its lease expires) and continues from the
// last saved chunk. The caller supplies the enqueue (the job queue in a server action, pg-boss in tests), since
// lib/jobs sits above this module.
import "server-only";
import { z } from "zod";
import { type SessionUser, toSessionUser } from "@/lib/auth/sessions";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError, GENERIC_ERROR_MESSAGE, notFound } from "@/lib/errors/app-error";
import type { VendorImport } from "@/lib/generated/prisma/client";
import type { IntacctClient } from "@/lib/intacct";
import { logger } from "@/lib/logger";
import { getIntacctClientForCompany } from "../../client-factory";
import { toIntacctUserMessage } from "../../user-message";
import { ZIntacctId } from "./shared";
import {
  importVendors,
  listImportableVendors,
  VENDOR_IMPORT_BATCH,
  VENDOR_IMPORT_MAX_SELECT,
  type VendorImportOutcome,
} from "./vendor-import";

/**
 * What "Import" sends: the vendors ticked, or `all` (every importable vendor matching `query`, as "Select all" saw
 * them; resolved when the import is asked for, so vendors linked meanwhile are left out).
 */
export const ZStartVendorImportInput = z
  .object({
    vendorIds: z
      .array(ZIntacctId)
      .max(VENDOR_IMPORT_MAX_SELECT, `Import at most ${VENDOR_IMPORT_MAX_SELECT} vendors at once`)
      .default([]),
    all: z.boolean().default(false),
    query: z.string().max(100, "Search with at most 100 characters").default(""),
  })
  .refine((input) => input.all || input.vendorIds.length > 0, {
    message: "Choose at least one Sage Intacct vendor",
    path: ["vendorIds"],
  });
export type StartVendorImportInput = z.output<typeof ZStartVendorImportInput>;

export const ZReadVendorImportInput = z.object({ importId: z.uuid("Choose a valid import").optional() });

// Outcomes are stored as JSON: read them back through the same shape, so a malformed row shows as nothing, not as
// a crash of the page.
const ZOutcomes = z.array(
  z.object({
    vendorId: z.string(),
    name: z.string(),
    status: z.enum(["created", "linked", "skipped"]),
    reason: z.string(),
  }),
);

export type VendorImportView = {
  id: string;
  state: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  total: number;
  processed: number;
  created: number;
  linked: number;
  skipped: number;
  error: string;
  requestedByName: string;
  createdAt: string;
  finishedAt: string | null;
  /** Each vendor's outcome, once the import has ended (while it runs, the counts say enough). */
  outcomes: VendorImportOutcome[] | null;
};

export type EnqueueVendorImport = (tx: DbTx, importId: string) => Promise<void>;

/** The job's lease: a chunk is one Intacct query and a few statements per vendor, far inside it. */
export function vendorImportLeaseSeconds(): number {
  return Number(process.env.VENDOR_IMPORT_LEASE_SECONDS ?? 15 * 60);
}
// A RUNNING import not moved on for longer than a lease (and a retry's pause) lost its worker for good (its retries
// ran out); a QUEUED one this old never found a worker. Either no longer blocks a new import.
const staleRunningMs = () => (vendorImportLeaseSeconds() + 120) * 1000;
const STALE_QUEUED_MS = 60 * 60_000;
const INTERRUPTED =
  "The import was interrupted before it finished. What was imported stays; start it again for the rest.";

const chunkSize = () =>
  Math.min(Math.max(Number(process.env.VENDOR_IMPORT_CHUNK ?? VENDOR_IMPORT_BATCH), 1), VENDOR_IMPORT_BATCH);

function isStale(row: Pick<VendorImport, "state" | "updatedAt">, now = Date.now()): boolean {
  const age = now - row.updatedAt.getTime();
  return row.state === "RUNNING" ? age > staleRunningMs() : row.state === "QUEUED" && age > STALE_QUEUED_MS;
}

function toView(row: VendorImport): VendorImportView {
  const interrupted = isStale(row) && row.state === "RUNNING";
  const ended = row.state === "DONE" || row.state === "FAILED" || interrupted;
  const outcomes = ended ? ZOutcomes.safeParse(row.outcomes) : null;
  return {
    id: row.id,
    state: interrupted ? "FAILED" : row.state,
    total: row.total,
    processed: row.processed,
    created: row.created,
    linked: row.linked,
    skipped: row.skipped,
    error: interrupted ? INTERRUPTED : row.error,
    requestedByName: row.requestedByName,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    outcomes: outcomes ? (outcomes.success ? outcomes.data : []) : null,
  };
}

/**
 * Starts an import of the chosen vendors, or returns the company's import that is already queued or running (one
 * at a time: a second click, tab or admin sees that one instead of starting another).
 */
export async function startVendorImport(
  db: Db,
  user: SessionUser,
  input: StartVendorImportInput,
  options: { enqueue: EnqueueVendorImport },
): Promise<{ import: VendorImportView; alreadyRunning: boolean }> {
  const running = await db.vendorImport.findFirst({
    where: { companyId: user.companyId, state: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "desc" },
  });
  if (running && !isStale(running)) return { import: toView(running), alreadyRunning: true };
  // Fail in the request, where the user sees it, when Intacct is not connected.
  await getIntacctClientForCompany(db, user.companyId);
  const vendorIds = input.all
    ? (await listImportableVendors(db, user, { query: input.query, limit: VENDOR_IMPORT_MAX_SELECT })).rows.map(
        (row) => row.externalId,
      )
    : [...new Set(input.vendorIds)];
  if (vendorIds.length === 0)
    throw new AppError("INVALID_INPUT", "No Sage Intacct vendor is left to import: each has an accounting company.");
  const outcome = await db.$transaction(async (tx) => {
    // One import per company: the check and the insert are serialized per company.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vendor-import:${user.companyId}`}))`;
    const active = await tx.vendorImport.findFirst({
      where: { companyId: user.companyId, state: { in: ["QUEUED", "RUNNING"] } },
      orderBy: { createdAt: "desc" },
    });
    if (active && !isStale(active)) return { row: active, alreadyRunning: true };
    if (active)
      await tx.vendorImport.update({
        where: { id: active.id },
        data: { state: "FAILED", error: INTERRUPTED, finishedAt: new Date() },
      });
    const row = await tx.vendorImport.create({
      data: {
        companyId: user.companyId,
        requestedById: user.id,
        requestedByName: user.name,
        vendorIds,
        total: vendorIds.length,
      },
    });
    await options.enqueue(tx, row.id);
    return { row, alreadyRunning: false };
  });
  return { import: toView(outcome.row), alreadyRunning: outcome.alreadyRunning };
}

/** One import of the company (by id), or without an id the one queued or running now (null when none). */
export async function readVendorImport(db: Db, companyId: string, importId?: string): Promise<VendorImportView | null> {
  if (importId) {
    const row = await db.vendorImport.findFirst({ where: { id: importId, companyId } });
    if (!row) throw notFound("That import");
    return toView(row);
  }
  const row = await db.vendorImport.findFirst({
    where: { companyId, state: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "desc" },
  });
  return row && !isStale(row) ? toView(row) : null;
}

async function finish(db: Db, importId: string, state: "DONE" | "FAILED", error = ""): Promise<void> {
  await db.vendorImport.updateMany({
    where: { id: importId, state: "RUNNING" },
    data: { state, error, finishedAt: new Date() },
  });
}

export type RunVendorImportOptions = {
  /** Tests: a ready client instead of the company's connection. */
  client?: IntacctClient;
  /** Tests: called after a chunk's companies were written and before its progress is saved (a crash there). */
  afterChunkWrites?: (chunk: { from: number; size: number }) => Promise<void> | void;
};

/**
 * The job: runs a stored import chunk by chunk (VENDOR_IMPORT_BATCH vendors, one Intacct query each), saving the
 * counts and outcomes after each chunk. A re-run (the job again after its worker died) continues at the first chunk
 * whose progress was not saved; that chunk's vendors already imported are found linked and not created again.
 * Resolves with the state it left the import in; an ended import (or another company's id) is left alone.
 */
export async function runVendorImport(
  db: Db,
  importId: string,
  options: RunVendorImportOptions = {},
): Promise<{ state: VendorImport["state"] | "GONE"; processed: number }> {
  const row = await db.vendorImport.findUnique({ where: { id: importId } });
  if (!row || (row.state !== "QUEUED" && row.state !== "RUNNING"))
    return { state: row?.state ?? "GONE", processed: row?.processed ?? 0 };
  const resumed = row.state === "RUNNING";
  const startedAt = row.startedAt ?? new Date();
  const claimed = await db.vendorImport.updateMany({
    where: { id: importId, state: { in: ["QUEUED", "RUNNING"] } },
    data: { state: "RUNNING", startedAt },
  });
  if (claimed.count === 0) return { state: "GONE", processed: row.processed };
  let processed = row.processed;
  try {
    const requester = await db.user.findFirst({
      where: { id: row.requestedById, companyId: row.companyId },
      include: { company: true },
    });
    if (!requester) throw new AppError("INVALID_STATE", "The user who started the import no longer exists.");
    const user = toSessionUser(requester);
    const client = options.client ?? (await getIntacctClientForCompany(db, row.companyId));
    const size = chunkSize();
    while (processed < row.vendorIds.length) {
      const chunk = row.vendorIds.slice(processed, processed + size);
      const summary = await importVendors(
        db,
        user,
        { vendorIds: chunk },
        { client, resumedSince: resumed ? startedAt : undefined },
      );
      await options.afterChunkWrites?.({ from: processed, size: chunk.length });
      // Conditional on the progress read: a second runner of the same import (a lease that ran out under a slow but
      // live worker) cannot count a chunk twice; whichever saves second stops.
      const saved = await db.$executeRaw`
        UPDATE "VendorImport" SET
          "processed" = "processed" + ${chunk.length},
          "created" = "created" + ${summary.created},
          "linked" = "linked" + ${summary.linked},
          "skipped" = "skipped" + ${summary.skipped},
          "outcomes" = "outcomes" || ${JSON.stringify(summary.outcomes)}::jsonb,
          "updatedAt" = now()
        WHERE "id" = ${importId}::uuid AND "state" = 'RUNNING' AND "processed" = ${processed}`;
      if (saved === 0) return { state: "RUNNING", processed };
      processed += chunk.length;
    }
    await finish(db, importId, "DONE");
    return { state: "DONE", processed };
  } catch (error) {
    // Intacct refused or is not connected, or our database failed: what was imported stays, and the import says
    // why it stopped. (A worker that dies outright never gets here: its job runs again after the lease.)
    logger.warn({ importId, companyId: row.companyId, err: error }, "vendor import failed");
    await finish(db, importId, "FAILED", toIntacctUserMessage(error, GENERIC_ERROR_MESSAGE)).catch(() => undefined);
    return { state: "FAILED", processed };
  }
}

// The status check: what became of the documents we synced (approved, declined, paid, changed, deleted in the
// accounting system). Provider-neutral: the provider answers "what changed since these marks" (one request when
// nothing did), and this module saves it on the SyncRecords, compares changed documents with our approved items
// field by field (drift), tells a declined item's submitter, and only then moves the marks forward, so a crash
// between the two reads the same changes again instead of losing them.
import "server-only";
import type { Db, DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hasUserMessage, toUserMessage } from "@/lib/errors/user-message";
import { formatCents } from "@/lib/format/money";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemType, Role } from "@/lib/generated/prisma/enums";
import type {
  AccountingProvider,
  KnownDocument,
  RemoteBill,
  RemoteDocument,
  StatusChange,
} from "@/lib/integrations/provider";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { logger } from "@/lib/logger";
import { itemHref, itemTypeLabel } from "./candidates";
import { loadSyncItem } from "./items";
import { readSyncDetails } from "./records";
import type { DriftDifference, RemoteDrift } from "./remote-status";

/** How far back the first check of a company looks before its first sync (clock differences, slow commits). */
const FIRST_CHECK_LOOKBACK_MS = 60 * 60_000;
/** A `running` flag older than this belongs to a worker that died. */
export const STATUS_CHECK_STALE_MS = 10 * 60_000;

export type StatusCheckOutcome = {
  /** Records whose stored status changed. */
  changed: number;
  requests: number;
  declined: number;
  deleted: number;
  drifted: number;
  durationMs: number;
  /** Milliseconds spent in our own database (loading, comparing, saving). */
  dbMs: number;
};

export type StatusCheckDeps = { provider?: AccountingProvider; now?: () => Date };

type RecordRow = {
  id: string;
  itemType: ItemType;
  itemId: string;
  intacctKey: string;
  intacctRecordNo: string;
  intacctState: string;
  intacctDetails: Prisma.JsonValue;
  billKey: string;
  billState: string;
  billTotalCents: bigint | null;
  paidCents: bigint | null;
  dueCents: bigint | null;
  paidAt: Date | null;
  drift: string;
  driftDetails: Prisma.JsonValue;
  remoteModifiedAt: string;
};

const RECORD_SELECT = {
  id: true,
  itemType: true,
  itemId: true,
  intacctKey: true,
  intacctRecordNo: true,
  intacctState: true,
  intacctDetails: true,
  billKey: true,
  billState: true,
  billTotalCents: true,
  paidCents: true,
  dueCents: true,
  paidAt: true,
  drift: true,
  driftDetails: true,
  remoteModifiedAt: true,
} as const;

// Keys in a fixed order: PostgreSQL's jsonb gives an object's keys back in its own order (shortest first), so the
// differences read from a row never stringify like the same differences built here.
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

// The system as the read-back names it, in notices and differences as in its badges ("Declined in Intacct"): the name
// people use in a sentence (the product guide's "in Intacct"), the full name when the provider has no shorter one.
const readBackName = (provider: AccountingProvider) => provider.metadata.shortName ?? provider.metadata.name;

/**
 * The differences between our approved item (as the provider would send it now: vendor, lines, cost codes) and the
 * document in the accounting system. Lines are matched through the keys the send stored (our line id → theirs).
 * Estimates hold other items' entries too, so only our own lines are compared there, without vendor or total.
 */
export function compareDocument(
  ours: { vendorId: string | null; lines: { lineId: string; amountCents: number; costCode: string | null }[] },
  theirs: RemoteDocument,
  lineKeys: Record<string, string>,
  options: { partOfLargerDocument: boolean; systemName?: string },
): DriftDifference[] {
  const differences: DriftDifference[] = [];
  const dash = "—";
  if (!options.partOfLargerDocument) {
    if ((ours.vendorId ?? "") !== (theirs.vendorId ?? ""))
      differences.push({ field: "Vendor", ours: ours.vendorId ?? dash, theirs: theirs.vendorId ?? dash });
    const ourTotal = ours.lines.reduce((sum, line) => sum + line.amountCents, 0);
    if (ourTotal !== theirs.totalCents)
      differences.push({ field: "Total", ours: formatCents(ourTotal), theirs: formatCents(theirs.totalCents) });
  }
  const remoteLines = new Map((theirs.lines ?? []).map((line) => [line.key, line]));
  const matched = new Set<string>();
  ours.lines.forEach((line, index) => {
    const label = `Line ${index + 1}`;
    const key = lineKeys[line.lineId];
    // A line the send kept no key for (synced before sends kept them) cannot be matched; it is left out rather
    // than reported as removed.
    if (!key) return;
    const remote = remoteLines.get(key);
    if (!remote) {
      // A line of a larger document (an estimate entry) can only have been deleted there on its own; the document
      // itself is still there, so the item is CHANGED, not DELETED.
      if (theirs.lines !== null)
        differences.push({
          field: `${label}`,
          ours: formatCents(line.amountCents),
          theirs: options.partOfLargerDocument ? `deleted in ${options.systemName ?? "the ledger"}` : "removed",
        });
      return;
    }
    matched.add(remote.key);
    if (remote.amountCents !== line.amountCents)
      differences.push({
        field: `${label} amount`,
        ours: formatCents(line.amountCents),
        theirs: formatCents(remote.amountCents),
      });
    if ((remote.costCode ?? "") !== (line.costCode ?? ""))
      differences.push({ field: `${label} cost code`, ours: line.costCode ?? dash, theirs: remote.costCode ?? dash });
  });
  if (!options.partOfLargerDocument)
    for (const remote of theirs.lines ?? [])
      if (!matched.has(remote.key))
        differences.push({ field: "Added line", ours: dash, theirs: formatCents(remote.amountCents) });
  return differences;
}

function billData(bill: RemoteBill | null) {
  return bill
    ? {
        billKey: bill.key,
        billState: bill.state,
        billTotalCents: BigInt(bill.totalCents),
        paidCents: BigInt(bill.paidCents),
        dueCents: BigInt(bill.dueCents),
        paidAt: bill.paidAt,
      }
    : { billKey: "", billState: "", billTotalCents: null, paidCents: null, dueCents: null, paidAt: null };
}

function differs(row: RecordRow, data: Record<string, unknown>): boolean {
  return Object.entries(data).some(([field, value]) => {
    const current = (row as unknown as Record<string, unknown>)[field];
    if (value instanceof Date || current instanceof Date)
      return (value as Date | null)?.getTime() !== (current as Date | null)?.getTime();
    if (typeof value === "object" && value !== null) return !sameJson(value, current);
    return value !== current;
  });
}

/** The item's name, page and who submitted it (the person to tell when the accounting system declines it). */
async function describeItem(db: Db, companyId: string, itemType: ItemType, itemId: string) {
  const where = { id: itemId, companyId };
  const viaContract = { number: true, submittedById: true, contract: { select: { projectId: true } } } as const;
  const direct = { number: true, submittedById: true, projectId: true } as const;
  let row: { number: string; submittedById: string | null; projectId: string } | null = null;
  if (itemType === "CONTRACT") row = await db.contract.findFirst({ where, select: direct });
  else if (itemType === "BUDGET_CHANGE") row = await db.budgetChange.findFirst({ where, select: direct });
  else if (itemType === "BUDGET") {
    const budget = await db.budget.findFirst({ where, select: { submittedById: true, projectId: true } });
    row = budget && { ...budget, number: "" };
  } else {
    const found =
      itemType === "INVOICE"
        ? await db.invoice.findFirst({ where, select: viaContract })
        : await db.contractChange.findFirst({ where, select: viaContract });
    row = found && { number: found.number, submittedById: found.submittedById, projectId: found.contract.projectId };
  }
  if (!row) return null;
  return {
    label: `${itemTypeLabel(itemType)}${row.number ? ` ${row.number}` : ""}`,
    href: itemHref(itemType, row.projectId, itemId),
    submitterId: row.submittedById,
  };
}

/** A record's remote columns after an update: its current values with the update's on top (for one bulk UPDATE). */
function toRemoteColumns(row: RecordRow, data: Prisma.SyncRecordUpdateManyMutationInput) {
  const pick = <K extends keyof RecordRow>(key: K) =>
    (key in data ? (data as Record<string, unknown>)[key] : row[key]) as RecordRow[K];
  const cents = (value: bigint | null) => (value === null ? null : value.toString());
  const paidAt = pick("paidAt");
  return {
    id: row.id,
    intacctState: pick("intacctState"),
    intacctRecordNo: pick("intacctRecordNo"),
    billKey: pick("billKey"),
    billState: pick("billState"),
    billTotalCents: cents(pick("billTotalCents")),
    paidCents: cents(pick("paidCents")),
    dueCents: cents(pick("dueCents")),
    paidAt: paidAt ? paidAt.toISOString().replace("Z", "") : null,
    drift: pick("drift"),
    driftDetails: pick("driftDetails") ?? [],
    remoteModifiedAt: pick("remoteModifiedAt"),
  };
}

/**
 * Our side of the comparison for a record synced before sends kept what they sent: the item as the provider would
 * plan it from its cache now (approved items are locked, so this is what was sent, links permitting).
 */
async function planOurs(db: Db, companyId: string, provider: AccountingProvider, row: RecordRow) {
  const item = await loadSyncItem(db, { companyId }, row.itemType, row.itemId).catch(() => null);
  if (!item) return null;
  const { plan } = await provider.planFromCache(db, item);
  return {
    vendorId: plan.vendor?.id ?? null,
    lines: plan.lines.map((line) => ({ lineId: line.lineId, amountCents: line.amountCents, costCode: line.taskId })),
  };
}

/** Runs one company's check now (the job calls this). Never two at once per company: the caller holds the job. */
export async function runStatusCheck(
  db: Db,
  companyId: string,
  deps: StatusCheckDeps = {},
): Promise<StatusCheckOutcome> {
  const started = Date.now();
  let dbMs = 0;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await work();
    } finally {
      dbMs += Date.now() - t;
    }
  };
  const now = deps.now?.() ?? new Date();
  const [provider, markRows, first] = await timed(() =>
    Promise.all([
      deps.provider ?? getAccountingProvider(db, companyId),
      db.remoteStatusMark.findMany({ where: { companyId }, select: { object: true, highWaterMark: true } }),
      db.syncRecord.findFirst({
        where: { companyId, state: "SYNCED" },
        orderBy: { syncedAt: "asc" },
        select: { syncedAt: true },
      }),
    ]),
  );
  const outcome: StatusCheckOutcome = {
    changed: 0,
    requests: 0,
    declined: 0,
    deleted: 0,
    drifted: 0,
    durationMs: 0,
    dbMs: 0,
  };
  if (!first) {
    // Nothing synced: nothing to ask.
    outcome.durationMs = Date.now() - started;
    return outcome;
  }
  const marks = Object.fromEntries(markRows.map((m) => [m.object, m.highWaterMark]));
  const since = new Date((first.syncedAt ?? now).getTime() - FIRST_CHECK_LOOKBACK_MS);

  const rowsById = new Map<string, RecordRow>();
  const result = await provider.checkStatus(db, companyId, {
    marks,
    since,
    findKnown: async ({ keys, recordNos, billKeys, lineKeys = [] }) => {
      const or: Prisma.SyncRecordWhereInput[] = [];
      if (keys.length) or.push({ intacctKey: { in: keys } });
      if (recordNos.length) or.push({ intacctRecordNo: { in: recordNos } });
      if (billKeys.length) or.push({ billKey: { in: billKeys } });
      if (lineKeys.length) {
        // The line keys live in the send's details (our line id → theirs): the records holding any of them.
        const owners = await timed(
          () => db.$queryRaw<{ id: string }[]>`
            SELECT r.id FROM "SyncRecord" AS r
            WHERE r."companyId" = ${companyId}::uuid AND r.state = 'SYNCED'
              AND jsonb_typeof(r."intacctDetails" -> 'lineKeys') = 'object'
              AND EXISTS (
                SELECT 1 FROM jsonb_each_text(r."intacctDetails" -> 'lineKeys') AS k
                WHERE k.value = ANY(${lineKeys}::text[]))`,
        );
        if (owners.length) or.push({ id: { in: owners.map((o) => o.id) } });
      }
      if (!or.length) return [];
      const rows = await timed(() =>
        db.syncRecord.findMany({ where: { companyId, state: "SYNCED", OR: or }, select: RECORD_SELECT }),
      );
      for (const row of rows) rowsById.set(row.id, row);
      return rows.map((row): KnownDocument => ({
        recordId: row.id,
        itemType: row.itemType,
        key: row.intacctKey,
        recordNo: row.intacctRecordNo,
        billKey: row.billKey,
        remoteModifiedAt: row.remoteModifiedAt,
        lineKeys: Object.values(readSyncDetails(row.intacctDetails).lineKeys ?? {}),
      }));
    },
  });
  outcome.requests = result.requests;

  // Decide every record's new columns first (reads only), then write them all in one transaction with the marks.
  type Update = {
    row: RecordRow;
    data: Prisma.SyncRecordUpdateManyMutationInput;
    /** Something people see changed (not only the stamp). */
    counts: boolean;
    notice?: Prisma.NoticeCreateManyInput;
  };
  const updates: Update[] = [];
  await timed(async () => {
    for (const change of result.changes) {
      const row = rowsById.get(change.recordId);
      if (!row) continue;
      const update = await decide(db, companyId, provider, row, change);
      if (update) updates.push(update);
    }
  });

  await timed(() =>
    db.$transaction(
      async (tx) => {
        // One statement for every changed record (a check may bring hundreds): each row's full new remote columns.
        if (updates.length > 0) {
          const rows = updates.map(({ row, data }) => toRemoteColumns(row, data));
          await tx.$executeRaw`
            UPDATE "SyncRecord" AS r SET
              "intacctState" = x."intacctState", "intacctRecordNo" = x."intacctRecordNo",
              "billKey" = x."billKey", "billState" = x."billState", "billTotalCents" = x."billTotalCents",
              "paidCents" = x."paidCents", "dueCents" = x."dueCents", "paidAt" = x."paidAt",
              "drift" = x."drift", "driftDetails" = x."driftDetails", "remoteModifiedAt" = x."remoteModifiedAt",
              "updatedAt" = now()
            FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
              "id" uuid, "intacctState" text, "intacctRecordNo" text, "billKey" text, "billState" text,
              "billTotalCents" bigint, "paidCents" bigint, "dueCents" bigint, "paidAt" timestamp(3), "drift" text,
              "driftDetails" jsonb, "remoteModifiedAt" text)
            WHERE r.id = x.id AND r."companyId" = ${companyId}::uuid AND r.state = 'SYNCED'`;
        }
        const notices = updates.flatMap((u) => (u.notice ? [u.notice] : []));
        if (notices.length > 0) await tx.notice.createMany({ data: notices });
        if (rowsById.size > 0)
          await tx.syncRecord.updateMany({
            where: { companyId, id: { in: [...rowsById.keys()] } },
            data: { remoteCheckedAt: now },
          });
        const marks = Object.entries(result.marks);
        if (marks.length > 0)
          await tx.$executeRaw`
            INSERT INTO "RemoteStatusMark" ("id", "companyId", "object", "highWaterMark", "updatedAt")
            SELECT gen_random_uuid(), ${companyId}::uuid, m.object, m.mark, now()
            FROM jsonb_to_recordset(${JSON.stringify(marks.map(([object, mark]) => ({ object, mark })))}::jsonb)
              AS m(object text, mark text)
            ON CONFLICT ("companyId", "object") DO UPDATE SET "highWaterMark" = EXCLUDED."highWaterMark",
              "updatedAt" = now()`;
      },
      { timeout: 60_000 },
    ),
  );

  for (const { row, data, notice } of updates) {
    if (notice) outcome.declined += 1;
    if (data.drift === "DELETED") outcome.deleted += 1;
    // Drift that is news: newly CHANGED, or other differences than those already stored. A document saved again
    // with the same differences (only its stamp moved), or approved there meanwhile, keeps the drift already known.
    if (data.drift === "CHANGED" && differs(row, { drift: data.drift, driftDetails: data.driftDetails }))
      outcome.drifted += 1;
  }
  outcome.changed = updates.filter((u) => u.counts).length;
  outcome.durationMs = Date.now() - started;
  outcome.dbMs = dbMs;
  return outcome;

  async function decide(
    database: Db,
    company: string,
    accounting: AccountingProvider,
    row: RecordRow,
    change: StatusChange,
  ): Promise<Update | null> {
    if (change.kind === "deleted") {
      if (row.drift === "DELETED") return null;
      return { row, data: { drift: "DELETED" satisfies RemoteDrift, driftDetails: [] }, counts: true };
    }
    const data: Record<string, unknown> = {};
    if (change.bill !== undefined) Object.assign(data, billData(change.bill));
    if (change.document) {
      const doc = change.document;
      data.intacctState = doc.state || row.intacctState;
      data.remoteModifiedAt = doc.modifiedAt;
      if (doc.recordNo && doc.recordNo !== row.intacctRecordNo) data.intacctRecordNo = doc.recordNo;
      if (doc.lines !== null && row.drift !== "DELETED") {
        const details = readSyncDetails(row.intacctDetails);
        const ours = details.sent ?? (await planOurs(database, company, accounting, row));
        if (ours) {
          const differences = compareDocument(ours, doc, details.lineKeys ?? {}, {
            partOfLargerDocument: row.itemType === "BUDGET" || row.itemType === "BUDGET_CHANGE",
            systemName: readBackName(accounting),
          });
          data.drift = (differences.length ? "CHANGED" : "") satisfies RemoteDrift;
          data.driftDetails = differences;
        }
      }
    }
    if (!differs(row, data)) return null;
    // A stamp or record number alone is bookkeeping, not news: saved, not counted as a change.
    const { remoteModifiedAt: _stamp, intacctRecordNo: _recordNo, ...visible } = data;
    const counts = differs(row, visible);
    let notice: Prisma.NoticeCreateManyInput | undefined;
    const state = typeof data.intacctState === "string" ? data.intacctState : row.intacctState;
    if (state.toLowerCase() === "declined" && row.intacctState.toLowerCase() !== "declined") {
      const item = await describeItem(database, company, row.itemType, row.itemId);
      if (item?.submitterId)
        notice = {
          companyId: company,
          userId: item.submitterId,
          kind: "remote-declined",
          title: `Your ${item.label} was declined in ${readBackName(accounting)}`,
          body: `${accounting.describeDocument(row.itemType, row.intacctKey)} was declined in ${readBackName(accounting)}. Open it to see what to do next.`,
          href: item.href,
        };
    }
    return { row, data: data as Prisma.SyncRecordUpdateManyMutationInput, counts, ...(notice ? { notice } : {}) };
  }
}

// ─── the check as a job: state per company, on demand and on a schedule ──────────────────────────────────────────

/** Enqueues one company's check (lib/jobs does it with pg-boss; one queued per company at most). */
export type EnqueueStatusCheck = (companyId: string, options?: { startAfterMs?: number }) => Promise<void>;

export type StatusCheckState = {
  running: boolean;
  startedAt: Date | null;
  lastCheckedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string;
  /** What the last successful check found and what it cost. */
  changed: number;
  requests: number;
  /** When the scheduled check runs next (null: the schedule is off). */
  nextDueAt: Date | null;
  intervalMinutes: number;
};

export async function readStatusCheckState(db: Db, companyId: string): Promise<StatusCheckState> {
  const [company, check] = await Promise.all([
    db.company.findUniqueOrThrow({ where: { id: companyId }, select: { statusCheckMinutes: true } }),
    db.statusCheck.findUnique({ where: { companyId } }),
  ]);
  const stale = check?.startedAt ? Date.now() - check.startedAt.getTime() > STATUS_CHECK_STALE_MS : true;
  return {
    running: Boolean(check?.running && !stale),
    startedAt: check?.startedAt ?? null,
    lastCheckedAt: check?.finishedAt ?? null,
    lastSuccessAt: check?.lastSuccessAt ?? null,
    lastError: check?.lastError ?? "",
    changed: check?.changed ?? 0,
    requests: check?.requests ?? 0,
    nextDueAt: company.statusCheckMinutes > 0 ? (check?.nextDueAt ?? null) : null,
    intervalMinutes: company.statusCheckMinutes,
  };
}

/** "Check now": enqueues the company's check and returns at once; a check already queued is not queued twice. */
export async function requestStatusCheck(
  db: Db,
  companyId: string,
  actor: { actorId: string },
  deps: { enqueue: EnqueueStatusCheck },
): Promise<{ queued: true }> {
  const synced = await db.syncRecord.count({ where: { companyId, state: "SYNCED" } });
  if (synced === 0) throw new AppError("INVALID_STATE", "Nothing has been synced yet, so there is nothing to check.");
  await deps.enqueue(companyId);
  logger.info({ companyId, actorId: actor.actorId }, "status check requested");
  return { queued: true };
}

/**
 * The job: marks the company's check running, runs it, records the outcome and when the next scheduled one is due.
 * A provider failure is recorded as the last error (the page shows it) and rethrown for the job's own retry.
 */
export async function processStatusCheckJob(
  db: Db,
  companyId: string,
  deps: StatusCheckDeps = {},
): Promise<StatusCheckOutcome> {
  const company = await db.company.findUnique({ where: { id: companyId }, select: { statusCheckMinutes: true } });
  if (!company) throw new AppError("NOT_FOUND", "That company no longer exists.");
  const startedAt = new Date();
  const nextDueAt = (from: Date) =>
    company.statusCheckMinutes > 0 ? new Date(from.getTime() + company.statusCheckMinutes * 60_000) : null;
  await db.statusCheck.upsert({
    where: { companyId },
    create: { companyId, running: true, startedAt },
    update: { running: true, startedAt },
  });
  try {
    const outcome = await runStatusCheck(db, companyId, deps);
    const finishedAt = new Date();
    await db.statusCheck.update({
      where: { companyId },
      data: {
        running: false,
        finishedAt,
        lastSuccessAt: finishedAt,
        lastError: "",
        changed: outcome.changed,
        requests: outcome.requests,
        nextDueAt: nextDueAt(finishedAt),
      },
    });
    logger.info({ companyId, ...outcome }, "status check done");
    return outcome;
  } catch (error) {
    const finishedAt = new Date();
    // Duck-typed: the provider's typed error is not ours to name here.
    const message = toUserMessage(error, "The accounting system could not be reached. The check will run again.", [
      hasUserMessage,
    ]);
    await db.statusCheck
      .update({
        where: { companyId },
        data: { running: false, finishedAt, lastError: message, nextDueAt: nextDueAt(finishedAt) },
      })
      .catch(() => undefined);
    logger.warn({ companyId, err: error }, "status check failed");
    throw error;
  }
}

// A new interval applies from the last check, not from the next one the old interval planned: shortening 15 minutes
// to 1 must not wait out the 15. Due in the past means due now (the scheduler picks it up on its next pass).
export async function rescheduleStatusCheck(db: Db, companyId: string, minutes: number): Promise<void> {
  const check = await db.statusCheck.findUnique({ where: { companyId }, select: { finishedAt: true } });
  if (!check) return;
  const from = check.finishedAt ?? new Date();
  await db.statusCheck.update({
    where: { companyId },
    data: { nextDueAt: minutes > 0 ? new Date(from.getTime() + minutes * 60_000) : null },
  });
}

/**
 * The schedule: companies whose check is due (a connected accounting system, something synced, an interval that is
 * not 0, and no check yet or the next one due). A worker enqueues these every minute.
 */
export async function listCompaniesDueForStatusCheck(db: DbOrTx, now: Date = new Date()): Promise<string[]> {
  const companies = await db.company.findMany({
    where: {
      statusCheckMinutes: { gt: 0 },
      integrations: { some: { status: { not: "DISCONNECTED" } } },
      syncRecords: { some: { state: "SYNCED" } },
      OR: [{ statusCheck: null }, { statusCheck: { nextDueAt: null } }, { statusCheck: { nextDueAt: { lte: now } } }],
    },
    select: { id: true },
  });
  return companies.map((c) => c.id);
}

// ─── send again as a new document ─────────────────────────────────────────────────────────────────────────────────

/**
 * An item whose document was deleted in the accounting system, sent again as a new document: the generation moves
 * on (so every control id is new — the old ones were used, and the system refuses a used one), the remote columns
 * are cleared, the action is audit-logged, and the sync is enqueued as a run of its own.
 */
export async function sendAgainAsNewDocument(
  db: Db,
  companyId: string,
  target: { itemType: ItemType; itemId: string },
  actor: { id: string; name: string; role: Role },
  deps: {
    startSync: (actor: { id: string; name: string; companyId: string; role: Role }) => Promise<{ runId: string }>;
  },
): Promise<{ runId: string; generation: number }> {
  const record = await db.syncRecord.findFirst({
    where: { companyId, itemType: target.itemType, itemId: target.itemId },
    select: { id: true, generation: true, drift: true, state: true, intacctKey: true },
  });
  if (!record) throw new AppError("NOT_FOUND", "That item has not been synced.");
  if (record.state !== "SYNCED" || record.drift !== "DELETED")
    throw new AppError(
      "INVALID_STATE",
      "Only an item whose document was deleted in the accounting system can be sent again as a new document.",
    );
  const generation = record.generation + 1;
  const moved = await db.$transaction(async (tx) => {
    // Conditional: of two clicks, one moves the generation; the other is told it already happened.
    const { count } = await tx.syncRecord.updateMany({
      where: { id: record.id, companyId, generation: record.generation, drift: "DELETED", state: "SYNCED" },
      data: {
        generation,
        state: "NOT_SYNCED",
        intacctKey: "",
        intacctRecordNo: "",
        intacctState: "",
        intacctDetails: {},
        syncedAt: null,
        lastError: "",
        lastErrorCode: "",
        ...billData(null),
        drift: "",
        driftDetails: [],
        remoteModifiedAt: "",
        remoteCheckedAt: null,
      },
    });
    if (count === 0) return false;
    await tx.auditLog.create({
      data: {
        companyId,
        actorId: actor.id,
        actorName: actor.name,
        action: "sync.send-again",
        outcome: "success",
        detail: `${itemTypeLabel(target.itemType)} ${target.itemId}: ${record.intacctKey} was deleted in the accounting system; sending as a new document (generation ${generation}).`,
      },
    });
    return true;
  });
  if (!moved) throw new AppError("CONFLICT", "Already being sent again as a new document.");
  const { runId } = await deps.startSync({ id: actor.id, name: actor.name, companyId, role: actor.role });
  return { runId, generation };
}

// ─── notices ─────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listNotices(db: Db, companyId: string, userId: string, options: { limit?: number } = {}) {
  return db.notice.findMany({
    where: { companyId, userId },
    orderBy: [{ readAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    take: options.limit ?? 50,
    select: { id: true, kind: true, title: true, body: true, href: true, createdAt: true, readAt: true },
  });
}

export async function countUnreadNotices(db: Db, companyId: string, userId: string): Promise<number> {
  return db.notice.count({ where: { companyId, userId, readAt: null } });
}

/** Marks the user's own notices read (all, or those ids); another user's or company's ids are ignored. */
export async function markNoticesRead(
  db: Db,
  companyId: string,
  userId: string,
  ids?: string[],
): Promise<{ count: number }> {
  return db.notice.updateMany({
    where: { companyId, userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
}

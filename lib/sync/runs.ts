// Sync runs: every Sync to Accounting (one item from its page, a selection, "Sync all ready") becomes a stored run
// whose items are sent by durable jobs. The job engine is injected (`enqueue`), so this module stays neutral about
// both the accounting system and the queue.
// - Prerequisites go first: a contract before its changes and invoices, a budget before its changes. An item whose
//   prerequisite is in the same run waits for it and is skipped, saying why, when it fails.
// - A transient failure (timeout, 5xx, 429, network, expired session) is tried again later with exponential
//   backoff and jitter (Retry-After honoured); a refusal waits for a fix; an unknown outcome is reconciled by
//   syncItem before anything is resent; what exhausts its tries is failed with the last reason.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { asStoredTimestamp } from "@/lib/db/stored-timestamp";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ItemType, SyncRunItemStatus } from "@/lib/generated/prisma/enums";
import type { AccountingProvider } from "@/lib/integrations/provider";
import { writeAudit } from "@/lib/integrations/audit";
import { getAccountingProvider } from "@/lib/integrations/registry";
import { logger } from "@/lib/logger";
import { itemHref, itemTypeLabel, listSyncCandidates, type SyncCandidate } from "./candidates";
import { assertMaySend, describeReturn, isReviewRequired, listOpenReturns, type SendingUser } from "./review";
import { alreadySynced, getSyncEligibility, type SyncActor, type SyncDeadline, syncItems } from "./sync-service";

export type NewSyncJob = { runItemId: string; startAfterMs?: number };
/** Inserts jobs in the caller's transaction (lib/jobs does it with pg-boss). */
export type EnqueueSyncJobs = (tx: Prisma.TransactionClient, jobs: NewSyncJob[]) => Promise<void>;

export type RunDeps = {
  enqueue: EnqueueSyncJobs;
  provider?: AccountingProvider;
  /** A job re-run after its lease expired may take over a claim older than this. */
  staleClaimMs?: number;
  /** The batch's time box, inside its jobs' lease (lib/jobs/worker.ts). */
  deadline?: SyncDeadline;
  random?: () => number;
  maxAttempts?: number;
};

const ACTIVE: SyncRunItemStatus[] = ["QUEUED", "SENDING"];
const DONE: SyncRunItemStatus[] = ["SYNCED", "FAILED", "SKIPPED", "CANCELLED"];
// Contracts and budgets first, then what changes them, then invoices (which may bill a changed line).
const RANK: Record<ItemType, number> = { BUDGET: 0, CONTRACT: 0, BUDGET_CHANGE: 1, CONTRACT_CHANGE: 1, INVOICE: 2 };
export const MAX_RUN_ITEMS = 5000;
// Read when used, so a test or a soak can shorten them.
const defaultMaxAttempts = () => Number(process.env.SYNC_MAX_ATTEMPTS ?? 6);
const backoffBaseMs = () => Number(process.env.SYNC_BACKOFF_BASE_MS ?? 2000);
const BACKOFF_CAP_MS = 60_000;

const ALREADY_SYNCING =
  "Already syncing: someone started this sync a moment ago. Wait for it to finish; it will not be sent twice.";

/** Exponential backoff with jitter (half fixed, half random), never sooner than the system asked. */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random) {
  const exponential = Math.min(BACKOFF_CAP_MS, backoffBaseMs() * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * random();
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

function describe(candidate: SyncCandidate): string {
  return `${itemTypeLabel(candidate.itemType)} ${candidate.number}`;
}

export type StartRunInput = {
  items: { itemType: ItemType; itemId: string }[];
  /** What the run is ("5 selected items", "All ready items"); one item's run is named after the item. */
  label?: string;
  /** One item from its page: an item already in a run is refused ("already syncing") instead of skipped. */
  single?: boolean;
};

/**
 * Creates a run and enqueues what can go now; returns the run and what was queued. With "Accounting reviews before
 * sync" on, only accountants and admins may start one (every way of sending comes through here), and the send is
 * audit-logged as their review decision; an item returned to its project manager is never sent (lib/sync/review.ts).
 */
export async function startSyncRun(
  db: Db,
  user: SendingUser,
  input: StartRunInput,
  deps: Pick<RunDeps, "enqueue">,
): Promise<{ runId: string; runItemIds: string[]; queued: number; skipped: number }> {
  const { reviewed } = await assertMaySend(db, user);
  const ids = [...new Set(input.items.map((i) => i.itemId))].slice(0, MAX_RUN_ITEMS);
  const candidates = ids.length
    ? await listSyncCandidates(db, user.companyId, { ids }, { page: 1, pageSize: ids.length })
    : [];
  if (!candidates.length)
    throw new AppError("INVALID_STATE", "Nothing to sync: only approved items that are not synced yet can be sent.");
  candidates.sort(
    (a, b) => RANK[a.itemType] - RANK[b.itemType] || (a.approvedAt?.getTime() ?? 0) - (b.approvedAt?.getTime() ?? 0),
  );
  const started = await db.$transaction(
    async (tx) => {
      // One run is created at a time per company, so an item can be in at most one unfinished run. A return to the
      // project manager takes the same lock, so an item is either returned or in a run, never both.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sync-run:${user.companyId}`}))`;
      const returns = await listOpenReturns(
        tx,
        user.companyId,
        candidates.map((c) => c.itemId),
      );
      const firstReturn = input.single ? returns.get(candidates[0]!.itemId) : undefined;
      if (firstReturn) throw new AppError("INVALID_STATE", describeReturn(firstReturn));
      const busy = new Set(
        (
          await tx.syncRunItem.findMany({
            where: {
              companyId: user.companyId,
              itemId: { in: candidates.map((c) => c.itemId) },
              status: { in: ACTIVE },
            },
            select: { itemId: true },
          })
        ).map((r) => r.itemId),
      );
      if (input.single && busy.size) throw new AppError("CONFLICT", ALREADY_SYNCING);
      const runId = randomUUID();
      const runItemOf = new Map<string, string>();
      const rows: Prisma.SyncRunItemCreateManyInput[] = candidates.map((c, position) => {
        const id = randomUUID();
        const base = {
          id,
          runId,
          companyId: user.companyId,
          itemType: c.itemType,
          itemId: c.itemId,
          position,
          label: describe(c),
        };
        if (c.syncState === "SYNCED")
          return { ...base, status: "SKIPPED", message: "Already synced.", finishedAt: new Date() };
        if (c.syncState === "SYNCING" || busy.has(c.itemId))
          return { ...base, status: "SKIPPED", message: "Already being sent by another run.", finishedAt: new Date() };
        const returned = returns.get(c.itemId);
        if (returned) return { ...base, status: "SKIPPED", message: describeReturn(returned), finishedAt: new Date() };
        runItemOf.set(c.itemId, id);
        return { ...base, dependsOnId: c.prerequisiteId ? (runItemOf.get(c.prerequisiteId) ?? null) : null };
      });
      if (input.single && rows[0]?.status === "SKIPPED") {
        throw new AppError("CONFLICT", rows[0].message === "Already synced." ? "Already synced." : ALREADY_SYNCING);
      }
      const done = rows.filter((r) => r.status === "SKIPPED").length;
      await tx.syncRun.create({
        data: {
          id: runId,
          companyId: user.companyId,
          startedById: user.id,
          startedByName: user.name,
          label: input.label ?? (candidates.length === 1 ? describe(candidates[0]!) : `${candidates.length} items`),
          total: rows.length,
          ...(done === rows.length ? { status: "DONE", finishedAt: new Date() } : {}),
        },
      });
      await insertRunItems(tx, runId, user.companyId, rows);
      const ready = rows.filter((r) => r.status === undefined && !r.dependsOnId).map((r) => ({ runItemId: r.id! }));
      await deps.enqueue(tx, ready);
      logger.info({ runId, companyId: user.companyId, items: rows.length, queued: ready.length }, "sync run started");
      const sent = rows.filter((r) => r.status === undefined).map((r) => r.label);
      return { runId, runItemIds: rows.map((r) => r.id!), queued: ready.length, skipped: done, sent };
    },
    { timeout: 60_000 },
  );
  if (reviewed && started.sent.length) {
    const names = started.sent.slice(0, 20).join(", ");
    const more = started.sent.length > 20 ? ` and ${started.sent.length - 20} more` : "";
    await writeAudit(
      db,
      user,
      "accounting.send",
      "success",
      `Sent after review (${started.sent.length}): ${names}${more}`,
    );
  }
  return { runId: started.runId, runItemIds: started.runItemIds, queued: started.queued, skipped: started.skipped };
}

/**
 * A run's items in one INSERT from arrays: the same rows Prisma's `createMany` would write, without building a
 * 500-row statement in the client (measured: most of a large run's start).
 */
async function insertRunItems(
  tx: Prisma.TransactionClient,
  runId: string,
  companyId: string,
  rows: Prisma.SyncRunItemCreateManyInput[],
): Promise<void> {
  const stamp = asStoredTimestamp(new Date());
  const column = <T>(pick: (row: Prisma.SyncRunItemCreateManyInput) => T) => rows.map(pick);
  await tx.$executeRaw`
    INSERT INTO "SyncRunItem"
           (id, "runId", "companyId", "itemType", "itemId", position, label, "dependsOnId", status, message,
            "finishedAt", "updatedAt")
    SELECT v.id, ${runId}::uuid, ${companyId}::uuid, v.item_type::"ItemType", v.item_id, v.position, v.label,
           v.depends_on, v.status::"SyncRunItemStatus", v.message,
           CASE WHEN v.finished THEN ${stamp}::timestamp(3) END, ${stamp}::timestamp(3)
      FROM unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.itemType)}::text[],
                  ${column((r) => r.itemId)}::uuid[], ${column((r) => r.position)}::int[],
                  ${column((r) => r.label)}::text[], ${column((r) => r.dependsOnId ?? null)}::uuid[],
                  ${column((r) => r.status ?? "QUEUED")}::text[], ${column((r) => r.message ?? "")}::text[],
                  ${column((r) => r.finishedAt !== undefined)}::boolean[])
           AS v(id, item_type, item_id, position, label, depends_on, status, message, finished)`;
}

/**
 * Sync to Accounting from an item's page: the same checks the page shows (already synced, blockers), then a run of
 * that one item. A second click or tab while it is queued or sending is told it is already syncing.
 */
export async function requestItemSync(
  db: Db,
  user: SendingUser,
  itemType: ItemType,
  itemId: string,
  deps: Pick<RunDeps, "enqueue" | "provider">,
): Promise<{ runId: string; runItemId: string }> {
  // The gate's refusal first: it is what the person needs to know, whatever else stands in the way.
  await assertMaySend(db, user);
  const provider = deps.provider ?? (await getAccountingProvider(db, user.companyId));
  const existing = await db.syncRecord.findFirst({
    where: { companyId: user.companyId, itemType, itemId, state: "SYNCED" },
    select: { intacctKey: true },
  });
  if (existing) throw alreadySynced(provider, itemType, existing.intacctKey);
  const eligibility = await getSyncEligibility(db, user, itemType, itemId, { provider });
  if (!eligibility.eligible) throw new AppError("INVALID_STATE", eligibility.blockers.map((b) => b.message).join(" "));
  const started = await startSyncRun(db, user, { items: [{ itemType, itemId }], single: true }, deps);
  return { runId: started.runId, runItemId: started.runItemIds[0]! };
}

/**
 * Sync on approval: when the company has it on, an item that has just been approved is enqueued (as a run of its
 * own, so it shows on the Accounting sync page). Never fails the approval: a problem is the run's outcome. With
 * "Accounting reviews before sync" on, nothing is sent: the approved item waits in Ready for accounting.
 */
export async function syncOnApproval(
  db: Db,
  user: SendingUser,
  itemType: ItemType,
  itemId: string,
  deps: Pick<RunDeps, "enqueue">,
): Promise<{ runId: string } | null> {
  const company = await db.company.findUnique({ where: { id: user.companyId }, select: { syncOnApproval: true } });
  if (!company?.syncOnApproval) return null;
  if (await isReviewRequired(db, user.companyId)) return null;
  try {
    const started = await startSyncRun(db, user, { items: [{ itemType, itemId }], label: "Sent on approval" }, deps);
    return { runId: started.runId };
  } catch (error) {
    logger.warn({ err: error, itemType, itemId }, "could not enqueue the sync on approval");
    return null;
  }
}

// Items of one run end one at a time: without the lock, two last items ending together would each still see the
// other as being sent (neither commit visible to the other) and the run would never be marked done.
async function lockRun(tx: Prisma.TransactionClient, runId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "SyncRun" WHERE id = ${runId}::uuid FOR UPDATE`;
}

/** Marks the run done when nothing in it is waiting or being sent (call with the run locked). */
async function finishRunIfDone(db: Db | Prisma.TransactionClient, runId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "SyncRun" SET status = 'DONE', "finishedAt" = now()
     WHERE id = ${runId}::uuid AND status = 'RUNNING'
       AND NOT EXISTS (SELECT 1 FROM "SyncRunItem" WHERE "runId" = ${runId}::uuid AND status IN ('QUEUED', 'SENDING'))`;
}

// After items end: their dependents go (they synced) or are skipped, saying why (they did not).
async function releaseDependents(
  tx: Prisma.TransactionClient,
  items: { id: string; label: string }[],
  synced: boolean,
  enqueue: EnqueueSyncJobs,
) {
  if (!items.length) return;
  const dependents = await tx.syncRunItem.findMany({
    where: { dependsOnId: { in: items.map((item) => item.id) }, status: "QUEUED" },
    select: { id: true },
  });
  if (!dependents.length) return;
  if (synced) {
    await enqueue(
      tx,
      dependents.map((d) => ({ runItemId: d.id })),
    );
    return;
  }
  const [item] = items;
  await tx.syncRunItem.updateMany({
    where: { id: { in: dependents.map((d) => d.id) }, status: "QUEUED" },
    data: {
      status: "SKIPPED",
      message: `Skipped: ${item?.label} did not sync, and this item builds on it. Fix that one, then Retry failed.`,
      finishedAt: new Date(),
    },
  });
}

type Ending = { status: "SYNCED" | "FAILED"; message: string; fixHref?: string; fixLabel?: string };

/** Ends items of one run in one transaction: their rows, their dependents, and the run when nothing is left. */
async function endItems(
  db: Db,
  runId: string,
  endings: { item: { id: string; label: string }; ending: Ending }[],
  enqueue: EnqueueSyncJobs,
): Promise<void> {
  if (!endings.length) return;
  const column = <K extends keyof Ending>(key: K) => endings.map(({ ending }) => String(ending[key] ?? ""));
  await db.$transaction(
    async (tx) => {
      await lockRun(tx, runId);
      // One statement for the whole batch; only items still waiting or being sent end (a duplicate job's late
      // finish changes nothing).
      const ended = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "SyncRunItem" AS r
           SET status = v.status::"SyncRunItemStatus", message = v.message, "fixHref" = v.fix_href,
               "fixLabel" = v.fix_label, "finishedAt" = now(), "nextAttemptAt" = NULL, "updatedAt" = now()
          FROM unnest(${endings.map(({ item }) => item.id)}::uuid[], ${column("status")}::text[],
                      ${column("message")}::text[], ${column("fixHref")}::text[], ${column("fixLabel")}::text[])
               AS v(id, status, message, fix_href, fix_label)
         WHERE r.id = v.id AND r."runId" = ${runId}::uuid AND r.status IN ('QUEUED', 'SENDING')
        RETURNING r.id::text AS id`;
      const endedIds = new Set(ended.map((row) => row.id));
      const relevant = endings.filter(({ item }) => endedIds.has(item.id));
      await releaseDependents(
        tx,
        relevant.filter(({ ending }) => ending.status === "SYNCED").map(({ item }) => item),
        true,
        enqueue,
      );
      for (const { item } of relevant.filter(({ ending }) => ending.status !== "SYNCED"))
        await releaseDependents(tx, [item], false, enqueue);
      await finishRunIfDone(tx, runId);
    },
    { timeout: 60_000 },
  );
}

// What happened, in words that name it (the provider's codes are shared words: timeout, rate-limited, …), and that
// the job, not the person, is waiting.
export function transientMessage(providerName: string, code: string, message: string): string {
  switch (code) {
    case "timeout":
    case "incomplete-response":
    case "network":
      return `${providerName} did not answer in time; the document has probably landed. Checking before anything is resent.`;
    case "rate-limited":
      return `${providerName} asked us to slow down (too many requests at once). Waiting as it asked.`;
    case "server-error":
    case "non-xml":
      return `${providerName} had an internal error (${message.match(/HTTP \d+/)?.[0] ?? "5xx"}). Checking whether the document landed, then trying again.`;
    case "session-expired":
      return `The ${providerName} session ended. Signing in again and resending; nothing is posted twice.`;
    case "connection-refused":
      return `${providerName} could not be reached; nothing was sent.`;
    default:
      return message;
  }
}

export type RunItemResult = { status: SyncRunItemStatus | "gone"; attempt: number; retryInMs?: number };
/** Per job: what happened, or the error that fails the job (our own database; the queue runs it again). */
export type RunItemSettled = { ok: true; result: RunItemResult } | { ok: false; error: unknown };

/**
 * Sends one run item: the job handler for one job. Safe to run twice (a re-run after a crash, a duplicate job): an
 * item that has ended is left alone, and syncItem's claim, control ids and reconcile keep the document single.
 * Returns what happened, for the job's log line.
 */
export async function processSyncRunItem(db: Db, runItemId: string, deps: RunDeps): Promise<RunItemResult> {
  const [settled] = await processSyncRunItems(db, [runItemId], deps);
  if (!settled) return { status: "gone", attempt: 0 };
  if (!settled.ok) throw settled.error;
  return settled.result;
}

type ActiveItem = Prisma.SyncRunItemGetPayload<{ include: { run: true } }> & { attempt: number };

/**
 * Sends many run items at once: the job handler for the jobs a worker fetched together. Per company, one provider
 * lookup and one `syncItems` call, which sends the items together (as few requests as the provider allows) and
 * finalizes each on its own; then each item ends, is retried later, or fails its job, on its own. Results come
 * back in the order of `runItemIds`.
 */
export async function processSyncRunItems(db: Db, runItemIds: string[], deps: RunDeps): Promise<RunItemSettled[]> {
  const rows = await db.syncRunItem.findMany({ where: { id: { in: runItemIds } }, include: { run: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const settled = new Map<string, RunItemSettled>();
  const done = (id: string, result: RunItemResult) => settled.set(id, { ok: true, result });
  const active: ActiveItem[] = [];
  for (const id of new Set(runItemIds)) {
    const item = byId.get(id);
    if (!item) done(id, { status: "gone", attempt: 0 });
    else if (DONE.includes(item.status)) done(id, { status: item.status, attempt: item.attempts });
    else if (item.run.status === "CANCELLED") {
      await cancelItem(db, item);
      done(id, { status: "CANCELLED", attempt: item.attempts });
    } else active.push({ ...item, attempt: item.attempts + 1 });
  }
  if (active.length) {
    const ids = active.map((item) => item.id);
    await db.syncRunItem.updateMany({
      where: { id: { in: ids } },
      data: { status: "SENDING", attempts: { increment: 1 }, nextAttemptAt: null },
    });
    await db.syncRunItem.updateMany({ where: { id: { in: ids }, startedAt: null }, data: { startedAt: new Date() } });
  }
  const companies = [...new Set(active.map((item) => item.companyId))];
  for (const companyId of companies) {
    const items = active.filter((item) => item.companyId === companyId);
    try {
      for (const [id, result] of await processCompanyItems(db, companyId, items, deps)) settled.set(id, result);
    } catch (error) {
      for (const item of items) if (!settled.has(item.id)) settled.set(item.id, { ok: false, error });
    }
  }
  return runItemIds.map((id) => settled.get(id) ?? { ok: true, result: { status: "gone", attempt: 0 } });
}

async function cancelItem(db: Db, item: { id: string; runId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockRun(tx, item.runId);
    await tx.syncRunItem.updateMany({
      where: { id: item.id, status: { in: ACTIVE } },
      data: { status: "CANCELLED", message: "Cancelled before it was sent.", finishedAt: new Date() },
    });
    await finishRunIfDone(tx, item.runId);
  });
}

async function processCompanyItems(
  db: Db,
  companyId: string,
  items: ActiveItem[],
  deps: RunDeps,
): Promise<Map<string, RunItemSettled>> {
  const settled = new Map<string, RunItemSettled>();
  // One provider lookup for all of the company's items in this batch.
  const provider = deps.provider ?? (await getAccountingProvider(db, companyId));
  const maxAttempts = deps.maxAttempts ?? defaultMaxAttempts();
  const actorOf = (item: ActiveItem): SyncActor => ({
    id: item.run.startedById ?? "00000000-0000-0000-0000-000000000000",
    name: item.run.startedByName,
    companyId: item.companyId,
  });
  const results = await syncItems(
    db,
    companyId,
    items.map((item) => ({ itemType: item.itemType, itemId: item.itemId, actor: actorOf(item) })),
    { provider, staleClaimMs: deps.staleClaimMs, deadline: deps.deadline },
  );

  const endings = new Map<string, { item: ActiveItem; ending: Ending }[]>();
  const end = (item: ActiveItem, ending: Ending) => {
    endings.set(item.runId, [...(endings.get(item.runId) ?? []), { item, ending }]);
    settled.set(item.id, { ok: true, result: { status: ending.status, attempt: item.attempt } });
  };
  const fixHrefOf = async (item: ActiveItem) => {
    const project = await projectOf(db, item);
    return project ? itemHref(item.itemType, project, item.itemId) : undefined;
  };
  const fail = async (item: ActiveItem, message: string) =>
    end(item, { status: "FAILED", message, fixHref: await fixHrefOf(item), fixLabel: "Open" });
  const retries: { item: ActiveItem; message: string; retryAfterMs?: number; notTried?: boolean }[] = [];

  for (const [index, result] of results.entries()) {
    const item = items[index] as ActiveItem;
    if (result.kind === "blocked") {
      const first = result.blockers.find((b) => b.fixHref);
      end(item, {
        status: "FAILED",
        message: result.blockers.map((b) => b.message).join(" "),
        fixHref: first?.fixHref ?? (await fixHrefOf(item)),
        fixLabel: first?.fixLabel ?? "Open",
      });
    } else if (result.kind === "outcome") {
      const { outcome } = result;
      if (outcome.state === "SYNCED") end(item, { status: "SYNCED", message: outcome.message });
      else if (outcome.retryable)
        retries.push({
          item,
          message: transientMessage(provider.metadata.name, outcome.code, outcome.message),
          retryAfterMs: outcome.retryAfterMs,
        });
      else await fail(item, outcome.message);
    } else if (result.kind === "later") {
      // The batch's time ran out before this item was tried: back in the queue at once, the try not counted.
      retries.push({ item, message: "Waiting for the next batch.", notTried: true });
    } else if (isAppError(result.error) && result.error.code === "CONFLICT") {
      // Already synced (by another run or click): that is this item's outcome too.
      if (result.error.userMessage.startsWith("Already synced"))
        end(item, { status: "SYNCED", message: result.error.userMessage });
      // Someone else holds the claim right now: wait for them rather than fail.
      else retries.push({ item, message: "Another sync of this item is in progress; waiting for it to finish." });
    } else if (isAppError(result.error)) await fail(item, result.error.userMessage);
    // Our own database or an unexpected bug: the job fails and the queue retries it (the item stays SENDING, and
    // the claim, if any, was released as unknown by syncItems).
    else settled.set(item.id, { ok: false, error: result.error });
  }

  const later: { item: ActiveItem; message: string; delay: number; notTried: boolean }[] = [];
  for (const { item, message, retryAfterMs, notTried = false } of retries) {
    if (notTried) later.push({ item: { ...item, attempt: item.attempt - 1 }, message, delay: 0, notTried });
    else if (item.attempt >= maxAttempts) await fail(item, `Gave up after ${item.attempt} tries. Last: ${message}`);
    else later.push({ item, message, delay: retryDelayMs(item.attempt, retryAfterMs, deps.random), notTried });
  }
  // The batch's retries in one transaction (a failed request fails a whole chunk, up to 100 items): one statement
  // puts back the items still being sent by this job, and their jobs are inserted for later.
  if (later.length) {
    const now = Date.now();
    const stamp = (ms: number) => asStoredTimestamp(new Date(ms));
    await db.$transaction(async (tx) => {
      const requeued = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "SyncRunItem" AS r
           SET status = 'QUEUED', message = v.message, "nextAttemptAt" = v.next_at::timestamp(3),
               attempts = r.attempts - v.not_tried::int, "updatedAt" = ${stamp(now)}::timestamp(3)
          FROM unnest(${later.map(({ item }) => item.id)}::uuid[],
                      ${later.map(({ item, message, delay, notTried }) => (notTried ? message : `${message} Try ${item.attempt + 1} of ${maxAttempts} in ${Math.ceil(delay / 1000)} s.`))}::text[],
                      ${later.map(({ delay }) => stamp(now + delay))}::text[],
                      ${later.map(({ notTried }) => notTried)}::boolean[])
               AS v(id, message, next_at, not_tried)
         WHERE r.id = v.id AND r.status = 'SENDING'
        RETURNING r.id::text AS id`;
      const ids = new Set(requeued.map((row) => row.id));
      await deps.enqueue(
        tx,
        later
          .filter(({ item }) => ids.has(item.id))
          .map(({ item, delay }) => ({ runItemId: item.id, startAfterMs: delay || undefined })),
      );
    });
    for (const { item, delay } of later)
      settled.set(item.id, { ok: true, result: { status: "QUEUED", attempt: item.attempt, retryInMs: delay } });
  }
  for (const [runId, list] of endings) await endItems(db, runId, list, deps.enqueue);
  return settled;
}

async function projectOf(db: Db, item: { itemType: ItemType; itemId: string; companyId: string }) {
  const where = { id: item.itemId, companyId: item.companyId };
  switch (item.itemType) {
    case "CONTRACT":
      return (await db.contract.findFirst({ where, select: { projectId: true } }))?.projectId;
    case "CONTRACT_CHANGE":
      return (await db.contractChange.findFirst({ where, select: { contract: { select: { projectId: true } } } }))
        ?.contract.projectId;
    case "INVOICE":
      return (await db.invoice.findFirst({ where, select: { contract: { select: { projectId: true } } } }))?.contract
        .projectId;
    case "BUDGET":
      return (await db.budget.findFirst({ where, select: { projectId: true } }))?.projectId;
    case "BUDGET_CHANGE":
      return (await db.budgetChange.findFirst({ where, select: { projectId: true } }))?.projectId;
  }
}

/** Cancel: what has not been sent yet is not sent; what is being sent finishes (a request cannot be recalled). */
export async function cancelSyncRun(db: Db, companyId: string, runId: string): Promise<{ cancelled: number }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.syncRun.updateMany({
      where: { id: runId, companyId, status: "RUNNING" },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
    if (count === 0) {
      const run = await tx.syncRun.findFirst({ where: { id: runId, companyId }, select: { id: true } });
      if (!run) throw new AppError("NOT_FOUND", "That sync run was not found.");
      return { cancelled: 0 };
    }
    const items = await tx.syncRunItem.updateMany({
      where: { runId, status: "QUEUED" },
      data: { status: "CANCELLED", message: "Cancelled before it was sent.", finishedAt: new Date() },
    });
    return { cancelled: items.count };
  });
}

/** Retry failed: a new run of the items that failed, were skipped or were cancelled. */
export async function retryFailedItems(
  db: Db,
  user: SendingUser,
  runId: string,
  deps: Pick<RunDeps, "enqueue">,
): Promise<{ runId: string }> {
  const run = await db.syncRun.findFirst({ where: { id: runId, companyId: user.companyId } });
  if (!run) throw new AppError("NOT_FOUND", "That sync run was not found.");
  const items = await db.syncRunItem.findMany({
    where: { runId, status: { in: ["FAILED", "SKIPPED", "CANCELLED"] } },
    select: { itemType: true, itemId: true },
  });
  if (!items.length) throw new AppError("INVALID_STATE", "Nothing in this run failed: there is nothing to retry.");
  const started = await startSyncRun(db, user, { items, label: `Retry of ${run.label}` }, deps);
  return { runId: started.runId };
}

export type RunCounts = Record<SyncRunItemStatus, number>;

export async function readSyncRun(db: Db, companyId: string, runId: string, options: { itemLimit?: number } = {}) {
  const run = await db.syncRun.findFirst({ where: { id: runId, companyId } });
  if (!run) throw new AppError("NOT_FOUND", "That sync run was not found.");
  const grouped = await db.syncRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  const counts: RunCounts = { QUEUED: 0, SENDING: 0, SYNCED: 0, FAILED: 0, SKIPPED: 0, CANCELLED: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  const items = await db.syncRunItem.findMany({
    where: { runId },
    orderBy: { position: "asc" },
    take: options.itemLimit ?? 500,
  });
  const done = counts.SYNCED + counts.FAILED + counts.SKIPPED + counts.CANCELLED;
  const elapsedMs = (run.finishedAt ?? new Date()).getTime() - run.createdAt.getTime();
  const remaining = run.total - done;
  const etaMs =
    run.status === "RUNNING" && done > 0 && remaining > 0 ? Math.round((elapsedMs / done) * remaining) : null;
  return { run, counts, done, items, etaMs };
}

export async function listSyncRuns(db: Db, companyId: string, limit = 10) {
  const runs = await db.syncRun.findMany({ where: { companyId }, orderBy: { createdAt: "desc" }, take: limit });
  if (!runs.length) return [];
  const grouped = await db.syncRunItem.groupBy({
    by: ["runId", "status"],
    where: { runId: { in: runs.map((r) => r.id) } },
    _count: { _all: true },
  });
  return runs.map((run) => {
    const counts: RunCounts = { QUEUED: 0, SENDING: 0, SYNCED: 0, FAILED: 0, SKIPPED: 0, CANCELLED: 0 };
    for (const g of grouped) if (g.runId === run.id) counts[g.status] = g._count._all;
    return { ...run, counts };
  });
}

export type ItemSyncProgress = {
  phase: "idle" | "queued" | "sending" | "retrying" | "synced" | "failed";
  message: string;
  fixHref: string;
  fixLabel: string;
  runItemId: string | null;
};

/** Where the latest sync of an item stands, as its page follows it. */
export async function readItemSyncProgress(
  db: Db,
  companyId: string,
  itemType: ItemType,
  itemId: string,
): Promise<ItemSyncProgress> {
  const latest = await db.syncRunItem.findFirst({
    where: { companyId, itemType, itemId },
    orderBy: { createdAt: "desc" },
  });
  if (!latest) return { phase: "idle", message: "", fixHref: "", fixLabel: "", runItemId: null };
  const phase: ItemSyncProgress["phase"] =
    latest.status === "QUEUED"
      ? latest.attempts > 0
        ? "retrying"
        : "queued"
      : latest.status === "SENDING"
        ? "sending"
        : latest.status === "SYNCED"
          ? "synced"
          : "failed";
  return {
    phase,
    message: latest.message,
    fixHref: latest.fixHref,
    fixLabel: latest.fixLabel,
    runItemId: latest.id,
  };
}

export type EngineStats = { queued: number; running: number; failed24h: number; oldestWaitingAt: Date | null };

/**
 * The admin's view of the engine for this company, from our own rows (pg-boss's tables are shared by every
 * company): items waiting or being sent, failed in the last 24 hours, the oldest waiting; refreshes count too.
 */
export async function readEngineStats(db: Db, companyId: string): Promise<EngineStats> {
  const now = new Date();
  const [queued, sending, refreshing, failed, oldest] = await Promise.all([
    db.syncRunItem.count({ where: { companyId, status: "QUEUED" } }),
    db.syncRunItem.count({ where: { companyId, status: "SENDING" } }),
    db.referenceRefresh.count({ where: { companyId, status: "RUNNING" } }),
    db.syncRunItem.count({
      where: { companyId, status: "FAILED", finishedAt: { gt: new Date(now.getTime() - 24 * 3600_000) } },
    }),
    db.syncRunItem.findFirst({
      where: { companyId, status: "QUEUED", OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  return { queued, running: sending + refreshing, failed24h: failed, oldestWaitingAt: oldest?.createdAt ?? null };
}

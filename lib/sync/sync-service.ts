// Sync to Accounting, exactly once. A sync record per item moves not synced → syncing → synced | failed | unknown.
// - Claiming "syncing" is a conditional UPDATE in PostgreSQL, so a double click, a second tab or a second server
//   gets "already syncing" instead of a second document.
// - Every write carries function controlids derived from the sync record (`po-<record>-g<generation>`) with
//   uniqueid=true: a retry, ours or Intacct's client's, can never post twice (docs/intacct/gateway.md §6).
// - A timeout leaves "unknown"; the next attempt looks the document up first and adopts it if it landed.
import "server-only";
import { randomUUID } from "node:crypto";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type {
  AccountingProvider,
  ProviderExchange,
  ProviderPlan,
  ProviderSession,
  SyncItem,
} from "@/lib/integrations/provider";
import { getAccountingProvider } from "@/lib/integrations/registry";
import type { Blocker, Eligibility, SendResult, SyncPlan } from "@/lib/integrations/types";
import { logger } from "@/lib/logger";
import { combineBlockers } from "./eligibility";
import { loadSyncItem } from "./items";
import { readSyncDetails } from "./records";
import type { SyncStatusView } from "./types";

// Longer than any sync can run (a handful of client calls, each at most 60 s × 5 tries plus backoff, possibly
// queued behind a reference refresh): a claim older than this belongs to a process that died mid-sync. The final
// write is conditional on the claim anyway, so even a late finisher cannot overwrite a newer result.
export const STALE_CLAIM_MS = 30 * 60_000;
const CLAIMABLE: SyncState[] = ["NOT_SYNCED", "FAILED", "UNKNOWN"];
const CONTROL_PREFIX: Record<ItemType, string> = {
  CONTRACT: "po",
  CONTRACT_CHANGE: "co",
  INVOICE: "vi",
  BUDGET: "est",
  BUDGET_CHANGE: "estchg",
};
const MAX_XML = 200_000;

export type SyncOutcome = {
  state: SyncState;
  message: string;
  /** The provider's (or our) code for what happened: "timeout", "rate-limited", "refused", … */
  code: string;
  /** Worth sending again later: the outcome is unknown, or the failure was transient (5xx, 429, network). */
  retryable: boolean;
  /** The accounting system asked us to wait this long (Retry-After). */
  retryAfterMs?: number;
  intacctKey: string;
  intacctState: string;
  warnings: string[];
  documentLabel: string;
  location: string;
};

export function controlIdFor(itemType: ItemType, record: { id: string; generation: number }): string {
  return `${CONTROL_PREFIX[itemType]}-${record.id}-g${record.generation}`;
}

/**
 * Options for tests and jobs: the provider is looked up from the company's connection unless given.
 * `staleClaimMs`: a job that runs again after its lease expired takes over a claim older than the lease (the
 * worker that held it is presumed dead; the takeover reconciles before anything is resent).
 */
export type SyncOptions = {
  provider?: AccountingProvider;
  staleClaimMs?: number;
  /** A batch's memo for the provider's preflight (see `AccountingProvider.planFromCache`). */
  batch?: Map<string, Promise<unknown>>;
};

/** Who a sync is done for: the signed-in user, or the user who started a job. */
export type SyncActor = Pick<SessionUser, "id" | "name" | "companyId">;

const providerFor = (db: Db, user: Pick<SessionUser, "companyId">, options: SyncOptions) =>
  options.provider ?? getAccountingProvider(db, user.companyId);

function toEligibility(
  item: SyncItem,
  provider: AccountingProvider,
  planned: Awaited<ReturnType<AccountingProvider["planFromCache"]>>,
): Eligibility {
  const blockers = combineBlockers(item, provider, planned.blockers);
  return blockers.length ? { eligible: false, blockers, plan: planned.plan } : { eligible: true, plan: planned.plan };
}

/** The preflight: from our data and the provider's cached references, what would land, or what stands in the way. */
export async function getSyncEligibility(
  db: Db,
  user: Pick<SessionUser, "companyId">,
  itemType: ItemType,
  itemId: string,
  options: SyncOptions = {},
): Promise<Eligibility> {
  const provider = await providerFor(db, user, options);
  const item = await loadSyncItem(db, user, itemType, itemId);
  return toEligibility(item, provider, await provider.planFromCache(db, item));
}

// The request and response of each exchange, as the provider reports them: already redacted of every secret.
function captureExchanges(): {
  onExchange: (exchange: ProviderExchange) => void;
  requests: string[];
  responses: string[];
} {
  const requests: string[] = [];
  const responses: string[] = [];
  return {
    requests,
    responses,
    onExchange: (exchange) => {
      requests.push(exchange.request);
      if (exchange.response !== null) responses.push(exchange.response);
    },
  };
}

const joinXml = (parts: string[]) => parts.join("\n\n").slice(0, MAX_XML);

type Claim = { id: string; generation: number; claimedAt: Date };

// Named for people ("Purchase Order SC-1001"), as the badge and the history name it: the provider's one label.
export function alreadySynced(provider: AccountingProvider, itemType: ItemType, key: string): AppError {
  return new AppError(
    "CONFLICT",
    `Already synced to ${provider.metadata.name} as ${provider.describeDocument(itemType, key)}. It will not be sent again.`,
  );
}

async function claim(
  db: Db,
  user: SyncActor,
  provider: AccountingProvider,
  item: { itemType: ItemType; itemId: string; documentNo: string },
  staleClaimMs: number,
) {
  const { itemType, itemId, documentNo } = item;
  const record = await db.syncRecord
    .upsert({
      where: { itemType_itemId: { itemType, itemId } },
      create: { companyId: user.companyId, itemType, itemId },
      update: {},
    })
    // Two first syncs at once both try to insert; the loser reads the winner's row.
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      return db.syncRecord.findUniqueOrThrow({ where: { itemType_itemId: { itemType, itemId } } });
    });
  if (record.companyId !== user.companyId) throw new AppError("NOT_FOUND", "That item was not found.");
  const now = new Date();
  const stale =
    record.state === "SYNCING" &&
    record.claimedAt !== null &&
    now.getTime() - record.claimedAt.getTime() > staleClaimMs;
  if (!CLAIMABLE.includes(record.state) && !stale) {
    if (record.state === "SYNCED") throw alreadySynced(provider, item.itemType, record.intacctKey);
    throw new AppError(
      "CONFLICT",
      "Already syncing: someone started this sync a moment ago. Wait for it to finish; it will not be sent twice.",
    );
  }
  // The document number is pinned at the first claim: a later edit (a renumbered project) must not make a retry
  // look for, or create, a different document than the one that may already have landed.
  const details = readSyncDetails(record.intacctDetails);
  const pinned = details.documentNo ?? documentNo;
  // Optimistic claim: only one caller can move the row from the state it read.
  const { count } = await db.syncRecord.updateMany({
    where: { id: record.id, state: record.state, updatedAt: record.updatedAt },
    data: {
      state: "SYNCING",
      claimedAt: now,
      claimedById: user.id,
      intacctDetails: { ...details, documentNo: pinned } as Prisma.InputJsonValue,
    },
  });
  if (count === 0)
    throw new AppError(
      "CONFLICT",
      "Already syncing: someone started this sync a moment ago. Wait for it to finish; it will not be sent twice.",
    );
  // A stale claim means a process died after possibly sending: as uncertain as a timeout. Any earlier attempt
  // (failed ones too) sent the same controlids, so the provider looks the document up before sending again.
  return {
    claim: { id: record.id, generation: record.generation, claimedAt: now } satisfies Claim,
    reconcile: record.state !== "NOT_SYNCED" || stale,
    uncertain: record.state === "UNKNOWN" || stale,
    documentNo: pinned,
  };
}

/** One item of a batch, and whom it is sent for (the user who started its run). */
export type SyncRequest = { itemType: ItemType; itemId: string; actor: SyncActor };

/**
 * What became of one item of a batch: an outcome (synced, failed, unknown), our own blockers (nothing was claimed or
 * sent), or an error: an AppError (already synced, already syncing, not found) or our own database failing, after
 * which a claim is released as unknown.
 */
export type SyncItemResult =
  | { kind: "outcome"; outcome: SyncOutcome }
  | { kind: "blocked"; blockers: Blocker[] }
  | { kind: "error"; error: unknown };

// Items prepared (loaded, planned, claimed) side by side: each is a few queries, on connections of the pool.
const PREPARE_CONCURRENCY = 4;
// A chunk is what one request can carry (100 functions, §2); a few chunks go at once, so that one is prepared
// while another is on the wire (the provider's own limit on requests in flight still applies).
const SEND_CHUNK = 100;
const CHUNKS_AT_ONCE = 3;
// In a batch, an exchange that served every item (signing in, a project's task list) is kept this short in each
// item's history; the item's own share of a shared request is kept whole.
const SHARED_EXCHANGE_CHARS = 4_000;

type Prepared = {
  index: number;
  request: SyncRequest;
  claim: Claim;
  reconcile: boolean;
  uncertain: boolean;
  plan: SyncPlan;
  /** Our item as loaded for the preflight. */
  item: SyncItem;
  /** A batch's live plan, started when the item was claimed. */
  live?: Promise<ProviderPlan>;
  attemptId: string;
  started: number;
  capture: ReturnType<typeof captureExchanges>;
};

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** Our own database failed mid-sync: release the claim as "unknown" (the next attempt reconciles first). */
async function releaseClaim(db: Db, claimed: Claim): Promise<void> {
  await db.syncRecord
    .updateMany({
      where: { id: claimed.id, state: "SYNCING", claimedAt: claimed.claimedAt },
      data: { state: "UNKNOWN", claimedAt: null },
    })
    .catch(() => undefined);
}

/** Nothing was sent (the session, the live plan or our own checks failed first): the result to record. */
function notSent(provider: AccountingProvider, error: unknown, uncertain: boolean, request: SyncRequest): SendResult {
  const typed = toUserFacing(error);
  const message =
    typed?.userMessage ??
    `${provider.metadata.name} could not be reached before anything was sent. Nothing was posted — try again.`;
  if (!isAppError(error))
    logger.warn({ err: error, itemType: request.itemType, itemId: request.itemId }, "sync failed before sending");
  return uncertain
    ? { status: "unknown", code: typed?.code ?? "not-sent", message, internal: String(error) }
    : {
        status: "failed",
        code: typed?.code ?? "not-sent",
        message,
        internal: String(error),
        // Our own refusals (blockers) wait for a fix. Anything the provider threw before sending (unreachable,
        // a 5xx, an ended session) is worth trying again: nothing was sent, and a job gives up after its tries.
        retryable: !isAppError(error),
        retryAfterMs: typed?.retryAfterMs,
      };
}

/**
 * Many items of one company in one go: each is claimed, planned and finalized on its own, and they are sent
 * together through one provider session (`sendMany`), so the accounting system sees as few requests as it allows.
 * An item whose prerequisite (its contract, its budget) is in the same batch and not synced yet waits for a later
 * round, after that prerequisite has ended. Results come back in the order given.
 */
export async function syncItems(
  db: Db,
  companyId: string,
  requests: SyncRequest[],
  options: SyncOptions = {},
): Promise<SyncItemResult[]> {
  const provider = await (options.provider ?? getAccountingProvider(db, companyId));
  const results: (SyncItemResult | undefined)[] = new Array(requests.length);
  // A fresh memo per round: what a round syncs (a contract) can change what the next one plans from.
  let batchOptions = options;
  const batched = requests.length > 1;
  // A synced item says so first, whatever has changed in its links since (an unlinked vendor is no reason to
  // suggest it could be sent again): one query for the whole batch.
  const synced = await db.syncRecord.findMany({
    where: { companyId, state: "SYNCED", itemId: { in: requests.map((r) => r.itemId) } },
    select: { itemType: true, itemId: true, intacctKey: true },
  });
  const syncedKey = new Map(synced.map((r) => [`${r.itemType}:${r.itemId}`, r.intacctKey]));
  let remaining = requests.flatMap((request, index) => {
    const key = syncedKey.get(`${request.itemType}:${request.itemId}`);
    if (key === undefined) return [index];
    results[index] = { kind: "error", error: alreadySynced(provider, requests[index]!.itemType, key) };
    return [];
  });
  while (remaining.length) {
    const waiting = new Set(remaining.map((index) => (requests[index] as SyncRequest).itemId));
    batchOptions = { ...options, batch: batched ? new Map() : undefined };
    const round = openRoundSession(db, provider, companyId, batched);
    // A batch opens its session at once, while its items are being prepared.
    if (batched) round.session().catch(() => undefined);
    const deferred: number[] = [];
    let sent = 0;
    // Chunks of one request's worth, a few at a time: one chunk is being prepared while another is on the wire.
    const chunks: number[][] = [];
    for (let start = 0; start < remaining.length; start += SEND_CHUNK)
      chunks.push(remaining.slice(start, start + SEND_CHUNK));
    await forEachLimited(chunks, CHUNKS_AT_ONCE, async (chunk) => {
      const prepared: Prepared[] = [];
      await forEachLimited(chunk, PREPARE_CONCURRENCY, async (index) => {
        const request = requests[index] as SyncRequest;
        const outcome = await prepare(db, provider, request, waiting, batchOptions).catch((error: unknown) => ({
          error,
        }));
        if ("error" in outcome) results[index] = { kind: "error", error: outcome.error };
        else if (outcome.kind === "blocked") results[index] = outcome;
        else if (outcome.kind === "defer") deferred.push(index);
        else {
          const ready: Prepared = { ...outcome.prepared, index };
          // A batch plans live as soon as an item is claimed, so the provider's reads (a project's tasks) overlap
          // with preparing the rest of the chunk.
          if (batched) {
            ready.live = round.session().then((session) => session.plan(ready.item));
            ready.live.catch(() => undefined);
          }
          prepared.push(ready);
        }
      });
      sent += prepared.length;
      // In the order given (a run's order), whichever finished preparing first.
      prepared.sort((a, b) => a.index - b.index);
      await sendPrepared(db, provider, round, await recordAttempts(db, prepared, results), results, batched);
    });
    // Every item left waits on another (cannot happen: prerequisites form no cycle); never spin.
    if (!sent && deferred.length === remaining.length) {
      for (const index of deferred) results[index] = { kind: "error", error: new Error("prerequisite cycle") };
      break;
    }
    remaining = deferred.sort((a, b) => a - b);
  }
  return results.map((result) => result ?? { kind: "error", error: new Error("no outcome") });
}

async function prepare(
  db: Db,
  provider: AccountingProvider,
  request: SyncRequest,
  waiting: Set<string>,
  options: SyncOptions,
): Promise<
  { kind: "blocked"; blockers: Blocker[] } | { kind: "defer" } | { kind: "ready"; prepared: Omit<Prepared, "index"> }
> {
  const { itemType, itemId, actor } = request;
  const item = await loadSyncItem(db, actor, itemType, itemId);
  const prerequisite = item.prerequisite;
  if (prerequisite && prerequisite.sync?.state !== "SYNCED" && waiting.has(prerequisite.itemId))
    return { kind: "defer" };
  const preflight = toEligibility(item, provider, await provider.planFromCache(db, item, options.batch));
  if (!preflight.eligible) return { kind: "blocked", blockers: preflight.blockers };
  const claimed = await claim(
    db,
    actor,
    provider,
    { itemType, itemId, documentNo: preflight.plan.documentNo },
    options.staleClaimMs ?? STALE_CLAIM_MS,
  );
  return {
    kind: "ready",
    prepared: {
      request,
      claim: claimed.claim,
      reconcile: claimed.reconcile,
      uncertain: claimed.uncertain,
      plan: { ...preflight.plan, documentNo: claimed.documentNo },
      item,
      // The attempt row is written with its chunk's (one insert for all of them).
      attemptId: randomUUID(),
      started: Date.now(),
      capture: captureExchanges(),
    },
  };
}

/** The attempt rows of a chunk, in one insert; if it fails, their claims are released and they end in error. */
async function recordAttempts(db: Db, prepared: Prepared[], results: (SyncItemResult | undefined)[]) {
  try {
    await db.syncAttempt.createMany({
      data: prepared.map((p) => ({
        id: p.attemptId,
        syncRecordId: p.claim.id,
        companyId: p.request.actor.companyId,
        actorId: p.request.actor.id,
        actorName: p.request.actor.name,
      })),
    });
    return prepared;
  } catch (error) {
    for (const p of prepared) {
      await releaseClaim(db, p.claim);
      results[p.index] = { kind: "error", error };
    }
    return [];
  }
}

/** One session for the round: live plans, one sendMany, then each item finalized on its own. */
/**
 * One provider session per round, shared by its chunks (each project's live tasks are read once for all of them),
 * opened when the first chunk is ready. Exchanges are filed under the item they name; those that serve everyone
 * (signing in, a task list) go to every item of the round so far, cut short when the round has more than one.
 */
type RoundSession = {
  register: (prepared: Prepared[]) => void;
  session: () => Promise<ProviderSession>;
};

function openRoundSession(db: Db, provider: AccountingProvider, companyId: string, batched: boolean): RoundSession {
  const byControlId = new Map<string, Prepared>();
  const onExchange = (exchange: ProviderExchange) => {
    const own = exchange.controlId === undefined ? undefined : byControlId.get(exchange.controlId);
    if (own) return own.capture.onExchange(exchange);
    if (exchange.controlId !== undefined) return;
    const cut = (text: string | null) =>
      batched && text && text.length > SHARED_EXCHANGE_CHARS
        ? `${text.slice(0, SHARED_EXCHANGE_CHARS)}\n<!-- … cut: shared by ${byControlId.size} items -->`
        : text;
    for (const p of byControlId.values())
      p.capture.onExchange({ ...exchange, request: cut(exchange.request) ?? "", response: cut(exchange.response) });
  };
  let session: Promise<ProviderSession> | undefined;
  return {
    register: (prepared) => {
      for (const p of prepared) byControlId.set(controlIdFor(p.request.itemType, p.claim), p);
    },
    session: () => {
      // A failed opening is not kept: the next chunk tries again.
      session ??= provider.openSession(db, companyId, { onExchange }).catch((error: unknown) => {
        session = undefined;
        throw error;
      });
      return session;
    },
  };
}

/** A chunk through the round's session: live plans, one sendMany, then each item finalized on its own. */
async function sendPrepared(
  db: Db,
  provider: AccountingProvider,
  round: RoundSession,
  prepared: Prepared[],
  results: (SyncItemResult | undefined)[],
  batched: boolean,
): Promise<void> {
  if (!prepared.length) return;
  round.register(prepared);
  const sendResults = new Map<Prepared, SendResult>();
  const ready: Prepared[] = [];
  try {
    const session = await round.session();
    // The plan is rebuilt against the provider's live data (and our data as it is now) right before sending.
    await forEachLimited(prepared, PREPARE_CONCURRENCY, async (p) => {
      try {
        // One item is loaded again (its page's button: a moment may have passed); a batch's items were loaded
        // moments ago, under their claim, and approved items are locked.
        const current = batched
          ? p.item
          : await loadSyncItem(db, p.request.actor, p.request.itemType, p.request.itemId);
        const live = toEligibility(current, provider, await (p.live ?? session.plan(current)));
        if (!live.eligible) throw new AppError("INVALID_STATE", live.blockers.map((b) => b.message).join(" "));
        p.plan = { ...live.plan, documentNo: p.plan.documentNo };
        ready.push(p);
      } catch (error) {
        sendResults.set(p, notSent(provider, error, p.uncertain, p.request));
      }
    });
    ready.sort((a, b) => a.index - b.index);
    if (ready.length) {
      const sent = await session.sendMany(
        ready.map((p) => ({
          plan: p.plan,
          controlId: controlIdFor(p.request.itemType, p.claim),
          reconcile: p.reconcile,
        })),
      );
      ready.forEach((p, i) => sendResults.set(p, sent[i] as SendResult));
    }
  } catch (error) {
    for (const p of prepared)
      if (!sendResults.has(p)) sendResults.set(p, notSent(provider, error, p.uncertain, p.request));
  }
  await forEachLimited(prepared, PREPARE_CONCURRENCY, async (p) => {
    try {
      const outcome = await finalize(db, provider, {
        claim: p.claim,
        attemptId: p.attemptId,
        plan: p.plan,
        result: sendResults.get(p) as SendResult,
        started: p.started,
        capture: p.capture,
      });
      results[p.index] = { kind: "outcome", outcome };
    } catch (error) {
      await releaseClaim(db, p.claim);
      results[p.index] = { kind: "error", error };
    }
  });
}

export async function syncItem(
  db: Db,
  user: SyncActor,
  itemType: ItemType,
  itemId: string,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const [result] = await syncItems(db, user.companyId, [{ itemType, itemId, actor: user }], options);
  if (result?.kind === "outcome") return result.outcome;
  if (result?.kind === "blocked") throw new AppError("INVALID_STATE", result.blockers.map((b) => b.message).join(" "));
  throw result?.error;
}

/** An error with a message meant for people: ours (AppError) or a provider's typed error (duck-typed on purpose). */
function toUserFacing(
  error: unknown,
): { userMessage: string; code: string; retryable?: boolean; retryAfterMs?: number } | null {
  if (isAppError(error)) return { userMessage: error.userMessage, code: error.code };
  const candidate = error as { userMessage?: unknown; code?: unknown; retryable?: unknown; retryAfterMs?: unknown };
  if (candidate && typeof candidate.userMessage === "string" && typeof candidate.code === "string")
    return {
      userMessage: candidate.userMessage,
      code: candidate.code,
      retryable: typeof candidate.retryable === "boolean" ? candidate.retryable : undefined,
      retryAfterMs: typeof candidate.retryAfterMs === "number" ? candidate.retryAfterMs : undefined,
    };
  return null;
}

async function finalize(
  db: Db,
  provider: AccountingProvider,
  args: {
    claim: Claim;
    attemptId: string;
    plan: SyncPlan;
    result: SendResult;
    started: number;
    capture: { requests: string[]; responses: string[] };
  },
): Promise<SyncOutcome> {
  const { claim: claimed, attemptId, plan, result, started, capture } = args;
  // Only the holder of the claim may write the outcome (a stale claim may have been taken over meanwhile).
  const mine = { id: claimed.id, state: "SYNCING" as const, claimedAt: claimed.claimedAt };
  const finishedAt = new Date();
  const durationMs = Date.now() - started;
  const base = { warnings: plan.warnings, location: plan.location };
  const xml = { requestXml: joinXml(capture.requests), responseXml: joinXml(capture.responses) };
  if (result.status === "synced") {
    const documentLabel = provider.describeDocument(plan.itemType, result.key);
    const details = {
      lineKeys: result.lineKeys,
      documentNo: plan.documentNo,
      definition: plan.definition,
      how: result.how,
      sent: {
        vendorId: plan.vendor?.id ?? null,
        lines: plan.lines.map((line) => ({
          lineId: line.lineId,
          amountCents: line.amountCents,
          costCode: line.taskId,
        })),
      },
    } as Prisma.InputJsonValue;
    await db.$transaction([
      db.syncRecord.updateMany({
        where: mine,
        data: {
          state: "SYNCED",
          claimedAt: null,
          intacctKey: result.key,
          intacctRecordNo: result.recordNo,
          intacctState: result.state,
          intacctDetails: details,
          lastError: "",
          lastErrorCode: "",
          syncedAt: finishedAt,
        },
      }),
      db.syncAttempt.update({
        where: { id: attemptId },
        data: {
          finishedAt,
          durationMs,
          outcome: result.how === "adopted" ? "adopted" : "synced",
          intacctKey: result.key,
          warnings: plan.warnings,
          ...xml,
        },
      }),
    ]);
    logger.info(
      {
        itemType: plan.itemType,
        documentNo: plan.documentNo,
        intacctKey: result.key,
        how: result.how,
        durationMs,
        warnings: plan.warnings.length,
      },
      "sync completed",
    );
    return {
      ...base,
      state: "SYNCED",
      message: `Successfully Synced: ${documentLabel}`,
      code: result.how,
      retryable: false,
      intacctKey: result.key,
      intacctState: result.state,
      documentLabel,
    };
  }
  const state: SyncState = result.status === "unknown" ? "UNKNOWN" : "FAILED";
  const message =
    result.status === "unknown"
      ? `${result.message} The outcome is not confirmed yet: Retry checks ${provider.metadata.name} first and never posts twice.`
      : `${result.message} Nothing was posted to ${provider.metadata.name}.`;
  await db.$transaction([
    db.syncRecord.updateMany({
      where: mine,
      data: { state, claimedAt: null, lastError: message, lastErrorCode: result.code },
    }),
    db.syncAttempt.update({
      where: { id: attemptId },
      data: {
        finishedAt,
        durationMs,
        outcome: state === "UNKNOWN" ? "unknown" : "failed",
        errorCode: result.code,
        errorMessage: message,
        warnings: plan.warnings,
        ...xml,
      },
    }),
  ]);
  logger.info({ itemType: plan.itemType, code: result.code, internal: result.internal }, "sync did not complete");
  return {
    ...base,
    state,
    message,
    code: result.code,
    retryable: result.status === "unknown" || result.retryable === true,
    retryAfterMs: result.status === "failed" ? result.retryAfterMs : undefined,
    intacctKey: "",
    intacctState: "",
    documentLabel: plan.documentType,
  };
}

export async function getSyncStatus(
  db: Db,
  user: SessionUser,
  itemType: ItemType,
  itemId: string,
  options: SyncOptions = {},
): Promise<SyncStatusView | null> {
  const record = await db.syncRecord.findFirst({ where: { companyId: user.companyId, itemType, itemId } });
  if (!record) return null;
  const provider = await providerFor(db, user, options);
  const document = provider.describeItemType(itemType);
  return {
    state: record.state,
    intacctKey: record.intacctKey,
    intacctState: record.intacctState,
    syncedAt: record.syncedAt,
    lastError: record.lastError,
    lastErrorCode: record.lastErrorCode,
    documentLabel: record.intacctKey ? provider.describeDocument(itemType, record.intacctKey) : document.documentType,
    location: document.location,
  };
}

export async function listSyncAttempts(
  db: Db,
  user: SessionUser,
  itemType: ItemType,
  itemId: string,
  options: { withXml: boolean },
) {
  return db.syncAttempt.findMany({
    where: { companyId: user.companyId, syncRecord: { itemType, itemId } },
    orderBy: { startedAt: "desc" },
    take: 50,
    select: {
      id: true,
      actorName: true,
      startedAt: true,
      finishedAt: true,
      durationMs: true,
      outcome: true,
      intacctKey: true,
      errorMessage: true,
      warnings: true,
      requestXml: options.withXml,
      responseXml: options.withXml,
    },
  });
}

// For list pages: the sync state of each item on the page, in one query.
export async function getSyncStates(
  db: Db,
  companyId: string,
  itemType: ItemType,
  itemIds: string[],
): Promise<Map<string, SyncState>> {
  if (!itemIds.length) return new Map();
  const rows = await db.syncRecord.findMany({
    where: { companyId, itemType, itemId: { in: itemIds } },
    select: { itemId: true, state: true },
  });
  return new Map(rows.map((r) => [r.itemId, r.state]));
}

// For list filters: the ids of items in a sync state ("NOT_SYNCED" also covers items never synced).
export async function syncFilter(
  db: Db,
  companyId: string,
  itemType: ItemType,
  state: SyncState | undefined,
): Promise<{ id?: { in: string[] } | { notIn: string[] } }> {
  if (!state) return {};
  if (state === "NOT_SYNCED") {
    const other = await db.syncRecord.findMany({
      where: { companyId, itemType, state: { not: "NOT_SYNCED" } },
      select: { itemId: true },
    });
    return { id: { notIn: other.map((r) => r.itemId) } };
  }
  const rows = await db.syncRecord.findMany({ where: { companyId, itemType, state }, select: { itemId: true } });
  return { id: { in: rows.map((r) => r.itemId) } };
}

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
import { asStoredTimestamp } from "@/lib/db/stored-timestamp";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { ItemType, SyncState } from "@/lib/generated/prisma/enums";
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
import { loadSyncItem, loadSyncItems, loadSyncProjects, notFoundItem, syncItemKey } from "./items";
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
  /** A job's time box (see `SyncDeadline`); none for a call that may take as long as the provider does. */
  deadline?: SyncDeadline;
};

/**
 * The time a batch may take, as wall-clock times (ms since the epoch), so that a job never outlives its lease however
 * slowly the provider answers: no chunk starts after `startBy` (its items come back as `later`, not attempted), and
 * a chunk still waiting on the provider at `endBy` ends then as an unknown outcome, reconciled before any resend.
 */
export type SyncDeadline = { startBy: number; endBy: number };

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

const ALREADY_SYNCING =
  "Already syncing: someone started this sync a moment ago. Wait for it to finish; it will not be sent twice.";

/** An item of a chunk that passed its preflight, to be claimed; `documentNo` as the preflight planned it. */
type ClaimRequest = { itemType: ItemType; itemId: string; documentNo: string; actor: SyncActor };
type Claimed = { claim: Claim; reconcile: boolean; uncertain: boolean; documentNo: string };

/**
 * Claims a chunk's items at once: their sync records are created where missing (one insert), read (one select), and
 * moved to SYNCING by one conditional UPDATE that only changes a row still in the state, and at the version, that was
 * read — the database lock: of two workers claiming overlapping chunks, each row is claimed by exactly one, and the
 * other is told "already syncing". A SYNCING claim older than `staleClaimMs` belongs to a process that died
 * mid-sync: it is taken over as an unknown outcome. Returns, per request (same order), the claim or the refusal.
 */
async function claimMany(
  db: Db,
  companyId: string,
  provider: AccountingProvider,
  requests: ClaimRequest[],
  staleClaimMs: number,
): Promise<(Claimed | AppError)[]> {
  if (!requests.length) return [];
  await db.syncRecord.createMany({
    data: requests.map(({ itemType, itemId }) => ({ companyId, itemType, itemId })),
    // Two first syncs at once both try to insert; the loser reads the winner's row.
    skipDuplicates: true,
  });
  // `updatedAt` as text is the row's exact version, compared as such by the claim below.
  const records = await db.$queryRaw<
    {
      id: string;
      companyId: string;
      itemType: ItemType;
      itemId: string;
      state: SyncState;
      generation: number;
      claimedAtMs: number | null;
      intacctKey: string;
      intacctDetails: unknown;
      version: string;
    }[]
  >`
    SELECT id::text AS id, "companyId"::text AS "companyId", "itemType"::text AS "itemType", "itemId"::text AS "itemId",
           state::text AS state, generation, (EXTRACT(EPOCH FROM "claimedAt") * 1000)::float8 AS "claimedAtMs",
           "intacctKey", "intacctDetails", "updatedAt"::text AS version
      FROM "SyncRecord"
     WHERE "itemId" = ANY(${requests.map((r) => r.itemId)}::uuid[])`;
  const recordOf = new Map(records.map((r) => [`${r.itemType}:${r.itemId}`, r]));
  const now = new Date();
  const outcomes: (Claimed | AppError | undefined)[] = new Array(requests.length);
  const candidates: { index: number; record: (typeof records)[number]; details: string; claimed: Claimed }[] = [];
  const seen = new Set<string>();
  for (const [index, request] of requests.entries()) {
    const key = `${request.itemType}:${request.itemId}`;
    const record = recordOf.get(key);
    // The same item twice in one chunk is claimed once, as two separate claims would be.
    if (seen.has(key)) {
      outcomes[index] = new AppError("CONFLICT", ALREADY_SYNCING);
      continue;
    }
    seen.add(key);
    if (!record || record.companyId !== companyId) {
      outcomes[index] = new AppError("NOT_FOUND", "That item was not found.");
      continue;
    }
    const stale =
      record.state === "SYNCING" && record.claimedAtMs !== null && now.getTime() - record.claimedAtMs > staleClaimMs;
    if (!CLAIMABLE.includes(record.state) && !stale) {
      outcomes[index] =
        record.state === "SYNCED"
          ? alreadySynced(provider, request.itemType, record.intacctKey)
          : new AppError("CONFLICT", ALREADY_SYNCING);
      continue;
    }
    // The document number is pinned at the first claim: a later edit (a renumbered project) must not make a retry
    // look for, or create, a different document than the one that may already have landed.
    const details = readSyncDetails(record.intacctDetails);
    const pinned = details.documentNo ?? request.documentNo;
    candidates.push({
      index,
      record,
      details: JSON.stringify({ ...details, documentNo: pinned }),
      // A stale claim means a process died after possibly sending: as uncertain as a timeout. Any earlier attempt
      // (failed ones too) sent the same controlids, so the provider looks the document up before sending again.
      claimed: {
        claim: { id: record.id, generation: record.generation, claimedAt: now },
        reconcile: record.state !== "NOT_SYNCED" || stale,
        uncertain: record.state === "UNKNOWN" || stale,
        documentNo: pinned,
      },
    });
  }
  if (candidates.length) {
    const stamp = asStoredTimestamp(now);
    const column = <T>(pick: (c: (typeof candidates)[number]) => T) => candidates.map(pick);
    // Optimistic claim: only one caller can move a row from the state (and version) it read. The rows are locked
    // in id order first, so two workers claiming overlapping chunks queue behind each other instead of deadlocking;
    // the one that waited then finds the row changed and claims nothing.
    const won = await db.$queryRaw<{ id: string }[]>`
      WITH v AS (
        SELECT * FROM unnest(${column((c) => c.record.id)}::uuid[], ${column((c) => c.record.state)}::text[],
                             ${column((c) => c.record.version)}::text[],
                             ${column((c) => requests[c.index]!.actor.id)}::uuid[], ${column((c) => c.details)}::text[])
                 AS v(id, state, version, actor_id, details)
      ), locked AS (
        SELECT r.id FROM "SyncRecord" AS r WHERE r.id IN (SELECT id FROM v) ORDER BY r.id FOR UPDATE
      )
      UPDATE "SyncRecord" AS r
         SET state = 'SYNCING', "claimedAt" = ${stamp}::timestamp(3), "claimedById" = v.actor_id,
             "intacctDetails" = v.details::jsonb, "updatedAt" = ${stamp}::timestamp(3)
        FROM v
       WHERE r.id = v.id AND r.id IN (SELECT id FROM locked) AND r.state::text = v.state
         AND r."updatedAt" = v.version::timestamp(3)
      RETURNING r.id::text AS id`;
    const claimedIds = new Set(won.map((row) => row.id));
    for (const { index, record, claimed } of candidates)
      outcomes[index] = claimedIds.has(record.id) ? claimed : new AppError("CONFLICT", ALREADY_SYNCING);
  }
  return outcomes as (Claimed | AppError)[];
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
  | { kind: "error"; error: unknown }
  /** Not attempted: the batch's time ran out first (`SyncDeadline.startBy`); nothing was claimed or sent. */
  | { kind: "later" };

// Items prepared (loaded, planned, claimed) side by side: each is a few queries, on connections of the pool.
const PREPARE_CONCURRENCY = 4;
// A chunk is what one request can carry (100 functions, §2). A worker's whole batch (500 by default) is prepared at
// once — a chunk is a handful of queries — so the provider's request slots, which pace the wire, never wait on our
// database; the cap only bounds the claims held by one batch of an unusual size.
const SEND_CHUNK = 100;
const CHUNKS_AT_ONCE = 10;
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

/** Waits for `work`, or until `endBy` (never, without one): true when the time ran out first. */
async function withinDeadline(work: Promise<void>, endBy: number | undefined): Promise<boolean> {
  if (endBy === undefined) return work.then(() => false);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), Math.max(0, endBy - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => false), deadline]);
  } finally {
    clearTimeout(timer);
  }
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
    // A batch opens its session at once, while its items are being prepared, and tells the provider which projects
    // they are in, so what their plans need (a project's live tasks) is read while the first chunk is loaded.
    if (batched) {
      const projects = loadSyncProjects(
        db,
        companyId,
        remaining.map((index) => requests[index] as SyncRequest),
      );
      Promise.all([round.session(), projects])
        .then(([session, list]) => session.prefetch?.(list))
        .catch(() => undefined);
    }
    const deferred: number[] = [];
    let sent = 0;
    // Chunks of one request's worth, a few at a time: one chunk is being prepared while another is on the wire.
    const chunks: number[][] = [];
    for (let start = 0; start < remaining.length; start += SEND_CHUNK)
      chunks.push(remaining.slice(start, start + SEND_CHUNK));
    // Chunks are prepared one after another, each sent as soon as it is ready: the first chunk is not slowed by
    // the others' queries, so its live plans (and the provider's reads they need) and its request leave early, and
    // the rest are prepared while it is on the wire.
    let preparing: Promise<unknown> = Promise.resolve();
    await forEachLimited(chunks, CHUNKS_AT_ONCE, async (chunk) => {
      // A batch plans live as soon as an item passes its preflight, so the provider's reads (a project's tasks)
      // overlap with claiming and with preparing the other chunks (a plan whose claim is refused is dropped).
      const livePlan = batched
        ? (item: SyncItem) => {
            const live = round.session().then((session) => session.plan(item));
            live.catch(() => undefined);
            return live;
          }
        : undefined;
      const mine = preparing.then(() => {
        // Past the batch's start-by time, a chunk is left for a later job, untried.
        if (options.deadline && Date.now() > options.deadline.startBy) {
          for (const index of chunk) results[index] = { kind: "later" };
          return [];
        }
        return prepareChunk(db, provider, companyId, requests, chunk, waiting, batchOptions, {
          results,
          deferred,
          livePlan,
        });
      });
      preparing = mine.catch(() => undefined);
      const prepared = await mine;
      sent += prepared.length;
      if (!prepared.length) return;
      await sendPrepared(db, provider, round, await recordAttempts(db, prepared, results), results, {
        batched,
        endBy: options.deadline?.endBy,
      });
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

/**
 * A chunk, set-based: its items loaded in a few queries (`loadSyncItems`), each preflighted in memory (the provider's
 * cached references are read once per batch), and the eligible ones claimed together (`claimMany`). Each item's
 * own outcome is kept: not found, blocked, deferred (its prerequisite is still in this round), refused by the claim
 * (already synced, already syncing) or ready. Returns the ready ones in the order given.
 */
async function prepareChunk(
  db: Db,
  provider: AccountingProvider,
  companyId: string,
  requests: SyncRequest[],
  chunk: number[],
  waiting: Set<string>,
  options: SyncOptions,
  out: {
    results: (SyncItemResult | undefined)[];
    deferred: number[];
    livePlan?: (item: SyncItem) => Promise<ProviderPlan>;
  },
): Promise<Prepared[]> {
  const { results, deferred, livePlan } = out;
  const items = await loadSyncItems(
    db,
    companyId,
    chunk.map((index) => requests[index] as SyncRequest),
  );
  const eligible: { index: number; item: SyncItem; plan: SyncPlan; live?: Promise<ProviderPlan> }[] = [];
  await Promise.all(
    chunk.map(async (index) => {
      const { itemType, itemId } = requests[index] as SyncRequest;
      try {
        const item = items.get(syncItemKey(itemType, itemId));
        if (!item) throw notFoundItem(itemType);
        const prerequisite = item.prerequisite;
        if (prerequisite && prerequisite.sync?.state !== "SYNCED" && waiting.has(prerequisite.itemId)) {
          deferred.push(index);
          return;
        }
        const preflight = toEligibility(item, provider, await provider.planFromCache(db, item, options.batch));
        if (!preflight.eligible) results[index] = { kind: "blocked", blockers: preflight.blockers };
        else eligible.push({ index, item, plan: preflight.plan, live: livePlan?.(item) });
      } catch (error) {
        results[index] = { kind: "error", error };
      }
    }),
  );
  eligible.sort((a, b) => a.index - b.index);
  let claims: (Claimed | AppError)[];
  try {
    claims = await claimMany(
      db,
      companyId,
      provider,
      eligible.map(({ index, plan }) => ({ ...(requests[index] as SyncRequest), documentNo: plan.documentNo })),
      options.staleClaimMs ?? STALE_CLAIM_MS,
    );
  } catch (error) {
    // Our own database failed before anything was claimed (the claim is one statement: all or nothing).
    for (const { index } of eligible) results[index] = { kind: "error", error };
    return [];
  }
  const started = Date.now();
  return eligible.flatMap(({ index, item, plan, live }, i) => {
    const claimed = claims[i] as Claimed | AppError;
    if (claimed instanceof AppError) {
      results[index] = { kind: "error", error: claimed };
      return [];
    }
    return [
      {
        index,
        request: requests[index] as SyncRequest,
        claim: claimed.claim,
        reconcile: claimed.reconcile,
        uncertain: claimed.uncertain,
        plan: { ...plan, documentNo: claimed.documentNo },
        item,
        live,
        // The attempt row is written with its chunk's (one insert for all of them).
        attemptId: randomUUID(),
        started,
        capture: captureExchanges(),
      },
    ];
  });
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
  { batched, endBy }: { batched: boolean; endBy?: number },
): Promise<void> {
  if (!prepared.length) return;
  round.register(prepared);
  const sendResults = new Map<Prepared, SendResult>();
  const send = async () => {
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
  };
  // A provider that hangs past the batch's time: what has no result by then is unknown (a request may have landed;
  // the next try looks it up first), and the requests still on the wire end on their own timeouts, unheard.
  const timedOut = await withinDeadline(send(), endBy);
  const final = new Map(sendResults);
  if (timedOut)
    for (const p of prepared)
      if (!final.has(p))
        final.set(p, {
          status: "unknown",
          code: "timeout",
          message: `${provider.metadata.name} did not answer before this batch's time ran out; the document may have landed.`,
          internal: "batch deadline",
        });
  try {
    const outcomes = await finalizeMany(
      db,
      provider,
      prepared.map((p) => ({
        claim: p.claim,
        attemptId: p.attemptId,
        plan: p.plan,
        result: final.get(p) as SendResult,
        started: p.started,
        capture: p.capture,
      })),
    );
    prepared.forEach((p, i) => (results[p.index] = { kind: "outcome", outcome: outcomes[i] as SyncOutcome }));
  } catch (error) {
    // The chunk's endings are one transaction: none was written, so every claim is released as unknown.
    for (const p of prepared) {
      await releaseClaim(db, p.claim);
      results[p.index] = { kind: "error", error };
    }
  }
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
  // Without a deadline nothing is left for later.
  throw result?.kind === "error" ? result.error : new Error("not attempted");
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

type Finalizing = {
  claim: Claim;
  attemptId: string;
  plan: SyncPlan;
  result: SendResult;
  started: number;
  capture: { requests: string[]; responses: string[] };
};

/** One item's ending: what the caller is told, and the rows to write. */
function describeEnding(provider: AccountingProvider, args: Finalizing, finishedAt: Date) {
  const { plan, result, started, capture } = args;
  const durationMs = finishedAt.getTime() - started;
  const base = { warnings: plan.warnings, location: plan.location };
  const attempt = {
    durationMs,
    warnings: JSON.stringify(plan.warnings),
    requestXml: joinXml(capture.requests),
    responseXml: joinXml(capture.responses),
  };
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
    };
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
      synced: {
        key: result.key,
        recordNo: result.recordNo,
        remoteState: result.state,
        details: JSON.stringify(details),
      },
      attempt: {
        ...attempt,
        outcome: result.how === "adopted" ? "adopted" : "synced",
        intacctKey: result.key,
        errorCode: "",
        errorMessage: "",
      },
      outcome: {
        ...base,
        state: "SYNCED",
        message: `Successfully Synced: ${documentLabel}`,
        code: result.how,
        retryable: false,
        intacctKey: result.key,
        intacctState: result.state,
        documentLabel,
      } satisfies SyncOutcome,
    };
  }
  const state: SyncState = result.status === "unknown" ? "UNKNOWN" : "FAILED";
  const message =
    result.status === "unknown"
      ? `${result.message} The outcome is not confirmed yet: Retry checks ${provider.metadata.name} first and never posts twice.`
      : `${result.message} Nothing was posted to ${provider.metadata.name}.`;
  logger.info({ itemType: plan.itemType, code: result.code, internal: result.internal }, "sync did not complete");
  return {
    notSynced: { state, message, code: result.code },
    attempt: {
      ...attempt,
      outcome: state === "UNKNOWN" ? "unknown" : "failed",
      intacctKey: "",
      errorCode: result.code,
      errorMessage: message,
    },
    outcome: {
      ...base,
      state,
      message,
      code: result.code,
      retryable: result.status === "unknown" || result.retryable === true,
      retryAfterMs: result.status === "failed" ? result.retryAfterMs : undefined,
      intacctKey: "",
      intacctState: "",
      documentLabel: plan.documentType,
    } satisfies SyncOutcome,
  };
}

/**
 * A chunk's endings in one transaction, set-based: the synced records in one UPDATE, the failed and unknown ones in
 * another, every attempt in a third. Only the holder of a claim may write its outcome (a stale claim may have been
 * taken over meanwhile): each record's update matches SYNCING and its own claim time, or changes nothing.
 */
async function finalizeMany(db: Db, provider: AccountingProvider, list: Finalizing[]): Promise<SyncOutcome[]> {
  const finishedAt = new Date();
  const stamp = asStoredTimestamp(finishedAt);
  const endings = list.map((args) => ({ args, ...describeEnding(provider, args, finishedAt) }));
  const synced = endings.flatMap((e) => (e.synced ? [{ claim: e.args.claim, ...e.synced }] : []));
  const notSynced = endings.flatMap((e) => (e.notSynced ? [{ claim: e.args.claim, ...e.notSynced }] : []));
  const statements = [];
  if (synced.length)
    statements.push(db.$executeRaw`
      UPDATE "SyncRecord" AS r
         SET state = 'SYNCED', "claimedAt" = NULL, "intacctKey" = v.key, "intacctRecordNo" = v.record_no,
             "intacctState" = v.remote_state, "intacctDetails" = v.details::jsonb, "lastError" = '',
             "lastErrorCode" = '', "syncedAt" = ${stamp}::timestamp(3), "updatedAt" = ${stamp}::timestamp(3)
        FROM unnest(${synced.map((e) => e.claim.id)}::uuid[],
                    ${synced.map((e) => asStoredTimestamp(e.claim.claimedAt))}::text[],
                    ${synced.map((e) => e.key)}::text[], ${synced.map((e) => e.recordNo)}::text[],
                    ${synced.map((e) => e.remoteState)}::text[], ${synced.map((e) => e.details)}::text[])
             AS v(id, claimed_at, key, record_no, remote_state, details)
       WHERE r.id = v.id AND r.state = 'SYNCING' AND r."claimedAt" = v.claimed_at::timestamp(3)`);
  if (notSynced.length)
    statements.push(db.$executeRaw`
      UPDATE "SyncRecord" AS r
         SET state = v.state::"SyncState", "claimedAt" = NULL, "lastError" = v.message, "lastErrorCode" = v.code,
             "updatedAt" = ${stamp}::timestamp(3)
        FROM unnest(${notSynced.map((e) => e.claim.id)}::uuid[],
                    ${notSynced.map((e) => asStoredTimestamp(e.claim.claimedAt))}::text[],
                    ${notSynced.map((e) => e.state)}::text[], ${notSynced.map((e) => e.message)}::text[],
                    ${notSynced.map((e) => e.code)}::text[])
             AS v(id, claimed_at, state, message, code)
       WHERE r.id = v.id AND r.state = 'SYNCING' AND r."claimedAt" = v.claimed_at::timestamp(3)`);
  const attempts = endings.map((e) => ({ id: e.args.attemptId, ...e.attempt }));
  statements.push(db.$executeRaw`
    UPDATE "SyncAttempt" AS a
       SET "finishedAt" = ${stamp}::timestamp(3), "durationMs" = v.duration_ms, outcome = v.outcome,
           "intacctKey" = v.key, "errorCode" = v.code, "errorMessage" = v.message, warnings = v.warnings::jsonb,
           "requestXml" = v.request_xml, "responseXml" = v.response_xml
      FROM unnest(${attempts.map((a) => a.id)}::uuid[], ${attempts.map((a) => a.durationMs)}::int[],
                  ${attempts.map((a) => a.outcome)}::text[], ${attempts.map((a) => a.intacctKey)}::text[],
                  ${attempts.map((a) => a.errorCode)}::text[], ${attempts.map((a) => a.errorMessage)}::text[],
                  ${attempts.map((a) => a.warnings)}::text[], ${attempts.map((a) => a.requestXml)}::text[],
                  ${attempts.map((a) => a.responseXml)}::text[])
           AS v(id, duration_ms, outcome, key, code, message, warnings, request_xml, response_xml)
     WHERE a.id = v.id`);
  await db.$transaction(statements);
  return endings.map((e) => e.outcome);
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

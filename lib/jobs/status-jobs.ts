// The status check as jobs: "Check now" and the schedule both enqueue a company's check on the `status-check` queue
// (at most one queued and one running per company: the queue is stately, keyed by company); a worker runs it. The
// schedule is a sweep every minute in each worker (pg-boss's own cron cannot follow an interval that each company
// sets): companies whose check is due get one enqueued. Only one worker sweeps at a time (an advisory lock; the
// others skip that minute), so N workers do not each read the due list and send every due company again.
import "server-only";
import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import type { ItemType, Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { startSyncRun } from "@/lib/sync/runs";
import {
  type EnqueueStatusCheck,
  listCompaniesDueForStatusCheck,
  requestStatusCheck,
  sendAgainAsNewDocument,
} from "@/lib/sync/status-check";
import { getWebBoss, QUEUES, type StatusCheckJobData } from "./queue";
import { enqueueSyncJobs } from "./sync-jobs";

export function enqueueStatusCheckWith(boss: PgBoss): EnqueueStatusCheck {
  return async (companyId, options = {}) => {
    const data: StatusCheckJobData = { companyId };
    await boss.send(QUEUES.statusCheck, data, {
      singletonKey: companyId,
      ...(options.startAfterMs ? { startAfter: Math.ceil(options.startAfterMs / 1000) } : {}),
    });
  };
}

/** For server actions: enqueue through this process's queue client. */
export const enqueueStatusCheck: EnqueueStatusCheck = async (companyId, options) =>
  enqueueStatusCheckWith(await getWebBoss())(companyId, options);

/** "Check now" (server actions): the company's check, queued once however often it is clicked. */
export function requestStatusCheckNow(db: Db, companyId: string, actor: { actorId: string }) {
  return requestStatusCheck(db, companyId, actor, { enqueue: enqueueStatusCheck });
}

/** "Send again as a new document" (server actions): the generation moves on and the sync is queued as a run. */
export function sendAgainAsNewDocumentNow(
  db: Db,
  companyId: string,
  target: { itemType: ItemType; itemId: string },
  actor: { id: string; name: string; role: Role },
) {
  return sendAgainAsNewDocument(db, companyId, target, actor, {
    startSync: (user) => startSyncRun(db, user, { items: [target], single: true }, { enqueue: enqueueSyncJobs }),
  });
}

// The sweep's lock, shared by every worker on the database (the key is hashed like the other advisory locks here).
const SWEEP_LOCK = "status-check-sweep";

/**
 * One sweep of the schedule: enqueues every company whose check is due, unless another worker is sweeping right now
 * (then nothing: that one enqueues them). The transaction-level lock ends with the sweep's transaction, also when the
 * worker dies, so a crashed sweeper never stops the schedule. Returns how many it enqueued.
 */
export async function enqueueDueStatusChecks(db: Db, enqueue: EnqueueStatusCheck): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtext(${SWEEP_LOCK})) AS locked`;
      if (!lock?.locked) return 0;
      const due = await listCompaniesDueForStatusCheck(tx);
      // Enqueued through the queue's own connections while this transaction holds the lock: one at a time.
      for (const companyId of due) await enqueue(companyId);
      return due.length;
    },
    { timeout: 60_000 },
  );
}

/** Starts the sweep in a worker; returns a stop function. */
export function startStatusCheckSchedule(db: Db, boss: PgBoss, everyMs = 60_000): () => void {
  const enqueue = enqueueStatusCheckWith(boss);
  let stopped = false;
  const sweep = async () => {
    if (stopped) return;
    try {
      const queued = await enqueueDueStatusChecks(db, enqueue);
      if (queued) logger.info({ queue: QUEUES.statusCheck, queued }, "scheduled status checks");
    } catch (error) {
      logger.warn({ err: error }, "status check schedule sweep failed");
    }
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref?.();
  void sweep();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

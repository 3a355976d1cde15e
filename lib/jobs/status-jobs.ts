// The status check as jobs: "Check now" and the schedule both enqueue a company's check on the `status-check` queue
// (at most one queued and one running per company: the queue is stately, keyed by company); a worker runs it. The
// schedule is a sweep every minute in each worker: companies whose check is due get one enqueued (pg-boss's own cron
// cannot follow an interval that each company sets, and several workers sweeping at once still queue one check).
import "server-only";
import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import type { ItemType } from "@/lib/generated/prisma/enums";
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
  actor: { id: string; name: string },
) {
  return sendAgainAsNewDocument(db, companyId, target, actor, {
    startSync: (user) => startSyncRun(db, user, { items: [target], single: true }, { enqueue: enqueueSyncJobs }),
  });
}

/** One sweep of the schedule: enqueues every company whose check is due. */
export async function enqueueDueStatusChecks(db: Db, enqueue: EnqueueStatusCheck): Promise<number> {
  const due = await listCompaniesDueForStatusCheck(db);
  for (const companyId of due) await enqueue(companyId);
  return due.length;
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

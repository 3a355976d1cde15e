// The glue between lib/sync's runs and the queue: how a run's items become pg-boss jobs. Web processes and workers
// both use it (a worker enqueues an item's retry and its dependents).
import "server-only";
import type PgBoss from "pg-boss";
import type { RefreshJob } from "@/lib/integrations/sage-intacct/references/jobs";
import type { EnqueueSyncJobs } from "@/lib/sync/runs";
import { getWebBoss, insertJobs, QUEUES } from "./queue";

export function enqueueWith(boss: PgBoss): EnqueueSyncJobs {
  return (tx, jobs) =>
    insertJobs(
      boss,
      tx,
      jobs.map((job) => ({ name: QUEUES.sync, data: { runItemId: job.runItemId }, startAfterMs: job.startAfterMs })),
    );
}

/** For server actions: enqueue through this process's queue client. */
export const enqueueSyncJobs: EnqueueSyncJobs = async (tx, jobs) => enqueueWith(await getWebBoss())(tx, jobs);

/** A reference refresh as a job (the lists were already claimed RUNNING, so the page shows progress at once). */
export async function enqueueRefreshJob(job: RefreshJob, boss?: PgBoss): Promise<void> {
  const queue = boss ?? (await getWebBoss());
  await queue.send(QUEUES.refresh, job, {});
}

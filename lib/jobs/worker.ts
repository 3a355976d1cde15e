// A worker: runs sync, reference-refresh, status-check and vendor-import jobs from the queue. Any number of them, on
// any machines, share one database: pg-boss hands each job to one worker (SELECT … FOR UPDATE SKIP LOCKED), and a job
// whose worker died runs again once its lease expires. One JSON log line per job.
import "server-only";
import pg from "pg";
import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import type { AccountingProvider } from "@/lib/integrations/provider";
import { runRefreshJob, type RefreshJob } from "@/lib/integrations/sage-intacct/references/jobs";
import {
  runVendorImport,
  type RunVendorImportOptions,
} from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";
import { logger } from "@/lib/logger";
import { processSyncRunItems } from "@/lib/sync/runs";
import type { SyncDeadline } from "@/lib/sync/sync-service";
import { processStatusCheckJob } from "@/lib/sync/status-check";
import {
  JOBS_CHANNEL,
  QUEUES,
  type StatusCheckJobData,
  type SyncJobData,
  syncLeaseSeconds,
  startBoss,
  type VendorImportJobData,
} from "./queue";
import { startStatusCheckSchedule } from "./status-jobs";
import { enqueueWith } from "./sync-jobs";

export type WorkerOptions = {
  db: Db;
  connectionString: string;
  /** Tests: a provider instead of the company's connection. */
  provider?: AccountingProvider;
  /** Sync jobs fetched at once; they are sent together (Intacct's per-company limit still applies). */
  batchSize?: number;
  pollingIntervalSeconds?: number;
  /** How often this worker looks for companies whose status check is due (0 = never; tests). Default 60 s. */
  statusScheduleMs?: number;
  /** Tests: a ready Intacct client, or a pause between a chunk's writes and its progress, for vendor imports. */
  vendorImport?: RunVendorImportOptions;
};

// Jobs fetched at once, and so sent together: five requests' worth of writes (100 per request), enough to keep a
// company's two request slots busy while the next chunk is prepared.
const defaultBatchSize = () => Number(process.env.SYNC_JOB_BATCH_SIZE ?? 500);

/**
 * A sync batch's time box inside its jobs' lease, so that a batch can never outlive the lease, however many items it
 * holds and however slowly the accounting system answers (a re-run by another worker would be safe but wasteful):
 * no chunk starts after half the lease (the rest go back to the queue, untried), whatever still waits on the
 * provider at three quarters ends as unknown (reconciled before any resend), and the last quarter is left for our
 * own database to write the endings and for pg-boss to complete the jobs.
 */
export function syncBatchDeadline(startedAt: number, leaseSeconds: number): SyncDeadline {
  const leaseMs = leaseSeconds * 1000;
  return { startBy: startedAt + leaseMs / 2, endBy: startedAt + (leaseMs * 3) / 4 };
}

export type Worker = { boss: PgBoss; stop: (options?: { graceful?: boolean }) => Promise<void> };

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { db } = options;
  const boss = await startBoss(options.connectionString, "worker");
  const enqueue = enqueueWith(boss);
  // A re-run after a lease expired may take over the dead worker's claim: a little older than the lease.
  const staleClaimMs = (syncLeaseSeconds() + 5) * 1000;
  const polling = options.pollingIntervalSeconds ?? Number(process.env.JOB_POLLING_SECONDS ?? 0.5);

  const syncWorkerId = await boss.work<SyncJobData>(
    QUEUES.sync,
    { batchSize: options.batchSize ?? defaultBatchSize(), pollingIntervalSeconds: polling },
    async (jobs) => {
      // The jobs fetched together are sent together (one provider session per company, as few requests as the
      // provider allows), and each settles on its own: one failure must not fail (and re-run) its batch mates.
      const started = Date.now();
      const settled = await processSyncRunItems(
        db,
        jobs.map((job) => job.data.runItemId),
        { enqueue, provider: options.provider, staleClaimMs, deadline: syncBatchDeadline(started, syncLeaseSeconds()) },
      ).catch((error: unknown) => jobs.map(() => ({ ok: false as const, error })));
      // One figure for the whole batch: its jobs were sent together.
      const ms = Date.now() - started;
      const done = await Promise.all(
        jobs.map((job, index) =>
          runJob(
            boss,
            QUEUES.sync,
            job,
            async () => {
              const outcome = settled[index];
              if (!outcome?.ok) throw outcome?.error;
              return { runItemId: job.data.runItemId, ...outcome.result, batch: jobs.length, ms };
            },
            // A failed sync job means our own database erred for its item (an accounting refusal is an outcome).
            { ending: "batch", failLevel: "error", elapsedMs: () => ms },
          ),
        ),
      );
      const completed = jobs.filter((_, index) => done[index]).map((job) => job.id);
      if (completed.length) await boss.complete(QUEUES.sync, completed).catch(() => undefined);
    },
  );

  await boss.work<RefreshJob>(QUEUES.refresh, { batchSize: 1, pollingIntervalSeconds: polling }, async ([job]) => {
    if (!job) return;
    // pg-boss ends it: runRefreshJob records its own failures (each list's, where the page shows it).
    await runJob(
      boss,
      QUEUES.refresh,
      job,
      async (ms) => {
        await runRefreshJob(db, job.data);
        return { companyId: job.data.companyId, ms: ms() };
      },
      { ending: "pg-boss" },
    );
  });

  await boss.work<StatusCheckJobData>(
    QUEUES.statusCheck,
    // Stately per company: pg-boss hands out at most one check per company at a time.
    { batchSize: 4, pollingIntervalSeconds: polling },
    async (jobs) => {
      await Promise.allSettled(
        jobs.map((job) =>
          runJob(
            boss,
            QUEUES.statusCheck,
            job,
            async () => ({
              companyId: job.data.companyId,
              ...(await processStatusCheckJob(db, job.data.companyId, { provider: options.provider })),
            }),
            { ending: "self" },
          ),
        ),
      );
    },
  );
  const vendorImportWorkerId = await boss.work<VendorImportJobData>(
    QUEUES.vendorImport,
    // One import per company at a time (the request sees to it): the imports fetched together are other companies'.
    { batchSize: 4, pollingIntervalSeconds: polling },
    async (jobs) => {
      await Promise.allSettled(
        jobs.map((job) =>
          runJob(
            boss,
            QUEUES.vendorImport,
            job,
            async (ms) => {
              // Failures it can explain (Intacct, connection) end the import with a message and complete the job.
              const outcome = await runVendorImport(db, job.data.importId, options.vendorImport);
              return { importId: job.data.importId, ...outcome, ms: ms() };
            },
            { ending: "self" },
          ),
        ),
      );
    },
  );
  // A test's worker (with its own provider) sweeps only when asked to.
  const scheduleMs =
    options.statusScheduleMs ?? (options.provider ? 0 : Number(process.env.STATUS_CHECK_SWEEP_MS ?? 60_000));
  const stopSchedule = scheduleMs > 0 ? startStatusCheckSchedule(db, boss, scheduleMs) : () => undefined;
  const listener = await listenForJobs(options.connectionString, (queue) => {
    if (queue === QUEUES.sync) boss.notifyWorker(syncWorkerId);
    if (queue === QUEUES.vendorImport) boss.notifyWorker(vendorImportWorkerId);
  });

  return {
    boss,
    // Graceful: jobs in hand get a few seconds to finish, inside the 10 s our process runners allow before SIGKILL;
    // one cut off is safe (its lease expires and it runs again, reconciling first).
    stop: async ({ graceful = true } = {}) => {
      stopSchedule();
      await listener.close();
      await boss.stop({ graceful, wait: true, timeout: 8_000 });
    },
  };
}

/**
 * How a queue's jobs end. "self": each is completed or failed here on its own, so one failure never fails (and
 * re-runs) the jobs fetched with it. "batch": a failure is failed here on its own, and the caller completes the done
 * ones together, in one call. "pg-boss": pg-boss completes the job when its handler returns and fails it when it
 * throws (the handler records its own failures, so no "job failed" line either).
 */
type JobEnding = "self" | "batch" | "pg-boss";

type RunJobOptions = {
  ending: JobEnding;
  /** The level of the "job failed" line. */
  failLevel?: "warn" | "error";
  /** The job's time so far, for its log lines; default: since runJob was called. */
  elapsedMs?: () => number;
};

/**
 * Runs one job's handler and ends the job: "job done" with the figures the handler returns (after the job and its
 * queue), or "job failed" with the error and the time it took. True when the job is done.
 */
async function runJob(
  boss: PgBoss,
  queue: string,
  job: PgBoss.Job<unknown>,
  handler: (elapsedMs: () => number) => Promise<Record<string, unknown>>,
  { ending, failLevel = "warn", elapsedMs = since(Date.now()) }: RunJobOptions,
): Promise<boolean> {
  try {
    const figures = await handler(elapsedMs);
    logger.info({ job: job.id, queue, ...figures }, "job done");
    if (ending === "self") await boss.complete(queue, job.id).catch(() => undefined);
    return true;
  } catch (error) {
    if (ending === "pg-boss") throw error;
    logger[failLevel]({ job: job.id, queue, err: error, ms: elapsedMs() }, "job failed");
    await boss.fail(queue, job.id, { message: String(error) }).catch(() => undefined);
    return false;
  }
}

const since = (started: number) => () => Date.now() - started;

/**
 * LISTEN for new jobs, so a worker fetches them at once instead of at its next poll. Best effort: polling still finds
 * every job, so a lost connection only costs latency until it is back (it reconnects after a pause).
 */
async function listenForJobs(
  connectionString: string,
  onJob: (queue: string) => void,
): Promise<{ close: () => Promise<void> }> {
  let closed = false;
  let client: pg.Client | undefined;
  const connect = async (): Promise<void> => {
    if (closed) return;
    const next = new pg.Client({ connectionString });
    next.on("notification", (message) => onJob(message.payload ?? ""));
    next.on("error", () => {
      void next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1_000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${JOBS_CHANNEL}`);
      client = next;
    } catch {
      await next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1_000);
    }
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}

// The durable job queue: pg-boss on the app's own PostgreSQL (docs/decisions/0001-job-engine.md). Web processes
// only enqueue; worker processes (scripts/worker.ts) run the jobs. Jobs are inserted in the same transaction as the
// rows that describe them (a run and its items), so a run can never exist without its jobs, nor a job without its run.
import "server-only";
import PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { vendorImportLeaseSeconds } from "@/lib/integrations/sage-intacct/references/links/vendor-import-jobs";

export const QUEUES = {
  sync: "sync-item",
  refresh: "reference-refresh",
  statusCheck: "status-check",
  vendorImport: "vendor-import",
} as const;
type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export type SyncJobData = { runItemId: string };
export type StatusCheckJobData = { companyId: string };
export type VendorImportJobData = { importId: string };

/** A job to insert: its queue, its data and, optionally, how long to wait before it may start. */
type NewJob = { name: QueueName; data: object; startAfterMs?: number };

// The lease: a job still active after this long belongs to a worker that died (SIGKILL, lost machine); pg-boss's
// maintenance then fails it and it runs again. A sync batch (up to SYNC_JOB_BATCH_SIZE jobs sent together) is
// time-boxed inside it by construction (`syncBatchDeadline` in worker.ts), whatever the batch size or the provider's
// pace; a reference refresh pages through whole lists, so it gets longer.
export function syncLeaseSeconds(): number {
  return Number(process.env.SYNC_JOB_LEASE_SECONDS ?? 240);
}
const REFRESH_LEASE_SECONDS = 15 * 60;
// A status check is one request when nothing changed, a few batched reads when much did.
const STATUS_CHECK_LEASE_SECONDS = 5 * 60;

/** Per queue: retries cover crashes and our own database errors; a transient Intacct failure is rescheduled by
 * the handler itself (so that it can honour Retry-After and say what happened). */
function queueOptions(name: QueueName): PgBoss.Queue {
  if (name === QUEUES.sync)
    return { name, retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: syncLeaseSeconds() };
  // Stately with the company as singleton key: at most one check queued and one running per company, so "Check
  // now" clicked twice, or by two people, or together with the schedule, queues one check.
  if (name === QUEUES.statusCheck)
    return {
      name,
      policy: "stately",
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      expireInSeconds: STATUS_CHECK_LEASE_SECONDS,
    };
  // An import continues from its last saved chunk when it runs again, so retries are cheap; the lease covers the
  // largest import (VENDOR_IMPORT_MAX_SELECT vendors, a chunk of 100 per Intacct query).
  if (name === QUEUES.vendorImport)
    return { name, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: vendorImportLeaseSeconds() };
  return { name, retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: REFRESH_LEASE_SECONDS };
}

export type BossRole = "web" | "worker";

// PostgreSQL ends every connection with 57P01 when it shuts down. On Ctrl+C the terminal signals the whole process
// group at once, so the database may stop while a worker is still closing its pool: that is a stop, not a fault.
const SHUTDOWN_CODES = new Set(["57P01", "57P02", "57P03"]);

/**
 * An error handler for one queue client: a database shutdown is said once per client (each of its pooled connections
 * reports it), anything else is logged as an error. Per client, not per process: a process may hold several clients
 * (a web client and a worker, or many in tests), and one client's shutdown must not silence another's later one.
 */
export function createQueueErrorReporter(): (error: unknown) => void {
  let shutdownReported = false;
  return (error) => {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    if (SHUTDOWN_CODES.has(code)) {
      if (!shutdownReported) console.log(JSON.stringify({ msg: "job queue: the database is shutting down" }));
      shutdownReported = true;
      return;
    }
    console.error(JSON.stringify({ msg: "job queue error", err: String(error) }));
  };
}

/**
 * A started pg-boss with our queues. Web processes do not supervise (no maintenance timers); every worker does,
 * and pg-boss elects one at a time through an advisory lock, so expired leases are recovered by any live worker.
 */
export async function startBoss(connectionString: string, role: BossRole): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    max: role === "web" ? 2 : 4,
    supervise: role === "worker",
    schedule: false,
    // How often a live worker looks for leases that ran out: a killed worker's job runs again within this.
    maintenanceIntervalSeconds: Number(process.env.JOB_MAINTENANCE_SECONDS ?? 15),
  });
  boss.on("error", createQueueErrorReporter());
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    // createQueue keeps an existing queue's settings; updateQueue applies today's (a changed lease, say).
    await boss.createQueue(name, queueOptions(name));
    if (role === "worker") await boss.updateQueue(name, queueOptions(name));
  }
  return boss;
}

// One queue client per web process, started on first use; kept on globalThis across Next's dev reloads.
const globalForBoss = globalThis as unknown as { __boss?: Promise<PgBoss> };

export function getWebBoss(): Promise<PgBoss> {
  if (globalForBoss.__boss) return globalForBoss.__boss;
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  globalForBoss.__boss = startBoss(url, "web").catch((error: unknown) => {
    globalForBoss.__boss = undefined;
    throw error;
  });
  return globalForBoss.__boss;
}

/** pg-boss's SQL executor over a Prisma transaction, so the jobs commit or roll back with our rows. */
function throughPrisma(tx: Prisma.TransactionClient) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<{ id: string }[]>(text, ...values.map((value) => value ?? null)),
    }),
  };
}

/** The channel on which new jobs wake the workers (PostgreSQL LISTEN/NOTIFY). */
export const JOBS_CHANNEL = "ib_jobs";

/**
 * Inserts jobs inside the caller's transaction, and wakes the workers when it commits: a worker otherwise finds them
 * on its next poll (pg-boss polls no more often than every 0.5 s), which a click would wait for. A job that is to
 * start later wakes nobody: polling finds it in time.
 */
export async function insertJobs(boss: PgBoss, tx: Prisma.TransactionClient, jobs: NewJob[]): Promise<void> {
  if (!jobs.length) return;
  const now = jobs.filter((job) => !job.startAfterMs).map((job) => job.name);
  // NOTIFY is delivered at commit, and not at all on a rollback.
  for (const name of new Set(now)) await tx.$executeRaw`SELECT pg_notify(${JOBS_CHANNEL}, ${name})`;
  await boss.insert(
    jobs.map((job) => ({
      name: job.name,
      data: job.data,
      // pg-boss reads a plain number of seconds as "now() + interval".
      startAfter: job.startAfterMs ? String(Math.ceil(job.startAfterMs / 1000)) : undefined,
    })) as PgBoss.JobInsert[],
    { db: throughPrisma(tx) } as unknown as PgBoss.InsertOptions,
  );
}

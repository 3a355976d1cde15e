// npm run worker: one more worker process for the job queue (syncs, reference refreshes, status checks, imports
// from Sage Intacct). Start as many as you like, on any machine that reaches the database: they share the work
// safely. Stops gracefully on SIGTERM/SIGINT (jobs in hand finish); a worker killed outright loses nothing (its jobs
// run again when their lease expires).
import { createDb } from "@/lib/db/client";
import { startWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { EMBEDDED_PORT } from "./db-url";

// Without DATABASE_URL: the embedded server that `npm run demo` runs (this worker joins it; it starts no server).
const url =
  process.env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/ingenious?sslmode=disable`;
const db = createDb(url);
await db.$queryRaw`SELECT 1`.catch(() => {
  console.error(
    `Cannot reach the database at ${url.replace(/:[^:@/]+@/, ":***@")}: start the app first (npm run demo), or set DATABASE_URL.`,
  );
  process.exit(1);
});
const worker = await startWorker({ db, connectionString: url });
logger.info({ pid: process.pid }, "worker started");

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await worker.stop({ graceful: true }).catch(() => undefined);
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

// Intacct's limit on concurrent requests per company (two on the lowest tier, §11) held in PostgreSQL, so it holds
// across every web and worker process: a request takes one of N session-level advisory locks (company, slot) on a
// connection of its own and keeps it while in flight. A process that dies loses its connections, and PostgreSQL
// releases their locks at once: no lease to wait out, nothing to clean up.
import pg from "pg";
import type { Limiter } from "@/lib/intacct";

const POLL_MS = 25;

export type RequestSlots = Pick<Limiter, "run">;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export function createRequestSlots(pool: pg.Pool, companyKey: string, limit: number): RequestSlots {
  async function acquire(signal?: AbortSignal): Promise<{ release: () => Promise<void> }> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const client = await pool.connect();
      // A connection lost while held (the database restarted) must not crash the process: the lock went with it,
      // and the failed unlock below discards the client.
      const ignore = () => undefined;
      client.on("error", ignore);
      const giveBack = (destroy?: boolean) => {
        client.off("error", ignore);
        client.release(destroy);
      };
      try {
        for (let slot = 0; slot < limit; slot++) {
          const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1), $2) AS ok", [
            `intacct-slot:${companyKey}`,
            slot,
          ]);
          if (rows[0]?.ok)
            return {
              release: async () => {
                // A failed unlock (a dropped connection) released the lock anyway; destroy the client then.
                const unlocked = await client
                  .query("SELECT pg_advisory_unlock(hashtext($1), $2)", [`intacct-slot:${companyKey}`, slot])
                  .then(() => true)
                  .catch(() => false);
                giveBack(!unlocked);
              },
            };
        }
      } catch (error) {
        giveBack(true);
        throw error;
      }
      giveBack();
      // Every slot is held (here or elsewhere): look again shortly, with jitter so waiters do not march in step.
      await sleep(POLL_MS + Math.random() * POLL_MS, signal);
    }
  }
  return {
    run: async (task, signal) => {
      const slot = await acquire(signal);
      try {
        return await task();
      } finally {
        await slot.release();
      }
    },
  };
}

// One small pool per process for the slots (a connection per request in flight).
const globalForSlots = globalThis as unknown as { __intacctSlotPool?: pg.Pool };

export function getRequestSlots(companyKey: string, limit: number): RequestSlots | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  if (!globalForSlots.__intacctSlotPool) {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    // An idle connection that the database closes (a restart) is replaced on next use; it must not crash us.
    pool.on("error", () => undefined);
    globalForSlots.__intacctSlotPool = pool;
  }
  return createRequestSlots(globalForSlots.__intacctSlotPool, companyKey, limit);
}

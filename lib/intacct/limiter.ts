/** A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. */
export type Limiter = {
  /** Runs `task` when a slot is free. Aborting `signal` while waiting leaves the queue (rejecting with its reason). */
  run: <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;
  readonly active: number;
  readonly waiting: number;
  readonly limit: number;
};

export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  const acquire = (signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", leave);
        active += 1;
        resolve();
      };
      const leave = () => {
        const index = waiting.indexOf(grant);
        if (index >= 0) waiting.splice(index, 1);
        reject(signal?.reason);
      };
      waiting.push(grant);
      signal?.addEventListener("abort", leave, { once: true });
    });
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    limit,
    run: async (task, signal) => {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

// §11: Intacct limits concurrent requests per company (2 on the lowest tier, 3P). Shared by every client in the
// process so two syncs for one company together stay under it.
const companyLimiters = new Map<string, Limiter>();

export function findCompanyLimiter(companyKey: string, limit: number): Limiter {
  const key = `${companyKey}\u0000${limit}`;
  const existing = companyLimiters.get(key);
  if (existing) return existing;
  const limiter = createLimiter(limit);
  companyLimiters.set(key, limiter);
  return limiter;
}

/** A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. */
export type Limiter = { run: <T>(task: () => Promise<T>) => Promise<T>; readonly active: number; readonly waiting: number; readonly limit: number };

export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    active -= 1;
    const next = waiting.shift();
    if (next) next();
  };

  const acquire = (): Promise<void> => {
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      waiting.push(() => {
        active += 1;
        resolve();
      });
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
    run: async (task) => {
      await acquire();
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

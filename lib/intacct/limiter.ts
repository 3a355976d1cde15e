/** A counting semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. */
export type Limiter = {
  /** Runs `task` when a slot is free. Aborting `signal` while waiting leaves the queue (rejecting with its reason). */
  run: <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;
  readonly active: number;
  readonly waiting: number;
  /** Settable: a raised limit starts waiting tasks at once; a lowered one lets running tasks finish. */
  limit: number;
};

export function createLimiter(initialLimit: number): Limiter {
  let limit = initialLimit;
  let active = 0;
  const waiting: (() => void)[] = [];

  const grantWaiting = () => {
    while (active < limit) {
      const next = waiting.shift();
      if (!next) return;
      next();
    }
  };

  const release = () => {
    active -= 1;
    grantWaiting();
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
    get limit() {
      return limit;
    },
    set limit(value: number) {
      limit = value;
      grantWaiting();
    },
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
// process so two syncs for one company together stay under it. The limit is a fact about the company's
// subscription, not about a client, so there is one limiter per company whatever the clients say; when their
// settings differ, the most recently created client's applies (a changed setting takes effect without a restart).
const companyLimiters = new Map<string, Limiter>();

export function findCompanyLimiter(companyKey: string, limit: number): Limiter {
  const existing = companyLimiters.get(companyKey);
  if (existing) {
    if (existing.limit !== limit) existing.limit = limit;
    return existing;
  }
  const limiter = createLimiter(limit);
  companyLimiters.set(companyKey, limiter);
  return limiter;
}

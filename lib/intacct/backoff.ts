export type BackoffOptions = {
  baseMs: number;
  maxMs: number;
  random: () => number;
  /** From a Retry-After header: honoured, but never beyond maxMs. */
  retryAfterMs?: number;
};

/**
 * Capped exponential backoff with full jitter (stripe-node RequestSender; AWS "full jitter"): spreads retries of
 * the (at most 2, §11) concurrent workers of a company so they do not hit the rate limit again in lockstep.
 */
export function computeBackoffMs(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  const jittered = Math.floor(options.random() * ceiling);
  if (options.retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(options.retryAfterMs, options.maxMs));
}

export function parseRetryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const sleepFor = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

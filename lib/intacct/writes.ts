import type { ClientCore, ExecuteOptions, PreparedRequest } from "./client-core";
import { IntacctValidationError, isIntacctError, type IntacctError } from "./errors";
import type { IntacctFunction } from "./function";
import { readField } from "./xml-parse";

/**
 * What the caller learns about each write (the "known-done, known-failed, or unknown"):
 * - done: Intacct confirmed it. `replayed` = a retry found it had already run (uniqueid=true, §6) — Intacct does not
 *   repeat the key then, so look the document up (findPurchasingDocument) if you need it.
 * - failed: Intacct refused it, or it provably never reached Intacct; `error` says why (userMessage for admins).
 * - unknown: sent, but no answer (timeout, dropped connection, 5xx after retries). Reconcile by lookup, or resend
 *   with the SAME controlId — uniqueid=true makes that safe.
 */
export type WriteOutcome =
  | { status: "done"; controlId: string; key: string | undefined; recordNo: string | undefined; replayed: boolean }
  | { status: "failed"; controlId: string; error: IntacctError }
  | { status: "unknown"; controlId: string; error: IntacctError };

export type WriteOptions = Pick<ExecuteOptions, "transaction" | "timeoutMs" | "signal" | "controlId">;

export type BatchProgress = {
  total: number;
  processed: number;
  done: number;
  failed: number;
  unknown: number;
  batchesCompleted: number;
  batchesTotal: number;
};

export type RunBatchedOptions = Omit<WriteOptions, "controlId"> & {
  /** Functions per request (default 100, capped by maxFunctionsPerRequest). */
  batchSize?: number;
  /** Requests in flight at once (default 2 — Intacct's lowest tier, §11). The company limiter also applies. */
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
};

function assertWrites(functions: readonly IntacctFunction[]): void {
  const seen = new Set<string>();
  for (const fn of functions) {
    if (fn.kind !== "write") {
      throw new IntacctValidationError({ internalMessage: `${fn.name} is not a write function`, userMessage: "Only changes can be batched." });
    }
    if (seen.has(fn.controlId)) {
      throw new IntacctValidationError({
        internalMessage: `Duplicate write controlId "${fn.controlId}": controlids must be unique per write (they are the idempotency key, §6)`,
        userMessage: "The same change was queued twice.",
      });
    }
    seen.add(fn.controlId);
  }
}

export function createWriters(core: ClientCore) {
  /** Sends writes in ONE request with uniqueid=true; never throws for Intacct failures — see WriteOutcome. */
  async function executeWrites(functions: readonly IntacctFunction[], options: WriteOptions & { prepared?: PreparedRequest } = {}): Promise<WriteOutcome[]> {
    assertWrites(functions);
    try {
      const response = await core.execute(functions, { ...options, uniqueId: true });
      return response.results.map((result, index): WriteOutcome => {
        const fn = functions[index] as IntacctFunction;
        if (result.ok) {
          const record = result.data?.records[0];
          return {
            status: "done",
            controlId: fn.controlId,
            key: result.key ?? (record && fn.idField ? readField(record, fn.idField) || undefined : undefined),
            recordNo: record ? readField(record, "RECORDNO") || undefined : undefined,
            replayed: false,
          };
        }
        const error = result.error as IntacctError;
        if (error.code === "replayed") return { status: "done", controlId: fn.controlId, key: undefined, recordNo: undefined, replayed: true };
        return { status: "failed", controlId: fn.controlId, error };
      });
    } catch (error) {
      if (!isIntacctError(error)) throw error;
      const status = error.maybeCommitted ? "unknown" : "failed";
      return functions.map((fn) => ({ status, controlId: fn.controlId, error }));
    }
  }

  /**
   * Splits many writes into requests of `batchSize` and runs `concurrency` of them at a time. Outcomes come back in
   * input order. A whole-request failure (auth, transport) marks every write of that batch failed/unknown; the
   * other batches still run.
   */
  async function runBatched(writes: readonly IntacctFunction[], options: RunBatchedOptions = {}): Promise<WriteOutcome[]> {
    assertWrites(writes);
    const batchSize = Math.min(options.batchSize ?? 100, core.settings.maxFunctionsPerRequest);
    const concurrency = Math.max(1, options.concurrency ?? 2);
    const batches: { start: number; functions: IntacctFunction[]; prepared?: Promise<PreparedRequest | undefined> }[] = [];
    for (let start = 0; start < writes.length; start += batchSize) batches.push({ start, functions: writes.slice(start, start + batchSize) });

    const outcomes: WriteOutcome[] = new Array(writes.length);
    const progress: BatchProgress = { total: writes.length, processed: 0, done: 0, failed: 0, unknown: 0, batchesCompleted: 0, batchesTotal: batches.length };
    let nextBatch = 0;
    const writeOptions = { transaction: options.transaction, timeoutMs: options.timeoutMs, signal: options.signal };
    // Build the next waiting batch's XML while this lane's request is on the wire (after it has left: setImmediate),
    // so a lane that frees up sends at once instead of first spending a few ms on 100 function bodies. A failed
    // preparation is ignored: execute() then builds (and reports) as usual.
    const prepareNext = () => {
      const upcoming = batches[nextBatch];
      if (!upcoming || upcoming.prepared) return;
      upcoming.prepared = new Promise<PreparedRequest | undefined>((resolve) => {
        setImmediate(() => resolve(core.prepare(upcoming.functions, { ...writeOptions, uniqueId: true }).catch(() => undefined)));
      });
    };

    const work = async () => {
      while (nextBatch < batches.length) {
        if (options.signal?.aborted) throw options.signal.reason;
        const batch = batches[nextBatch++] as (typeof batches)[number];
        const prepared = batch.prepared ? await batch.prepared : undefined;
        const pending = executeWrites(batch.functions, { ...writeOptions, prepared });
        prepareNext();
        const results = await pending;
        results.forEach((outcome, index) => {
          outcomes[batch.start + index] = outcome;
          progress[outcome.status] += 1;
        });
        progress.processed += results.length;
        progress.batchesCompleted += 1;
        options.onProgress?.({ ...progress });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, work));
    return outcomes;
  }

  return { executeWrites, runBatched };
}

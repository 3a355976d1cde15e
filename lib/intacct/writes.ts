import type { ClientCore, ExecuteOptions, InternalExecuteOptions, PreparedRequest } from "./client-core";
import { IntacctValidationError, isIntacctError, toIntacctError, type IntacctError } from "./errors";
import { createLimiter } from "./limiter";
import type { IntacctFunction } from "./function";
import { readField } from "./xml-parse";

/**
 * What the caller learns about each write (the "known-done, known-failed, or unknown"):
 * - done: Intacct confirmed it in this call. `key`/`recordNo` are what its answer carried, if anything.
 * - failed: Intacct refused it on its first and only delivery, or it provably never reached Intacct (refused
 *   connection, cancelled before it was sent); `error` says why (userMessage for admins).
 * - unknown: sent, but no clear answer: a timeout, dropped connection or 5xx after retries, a cancel after sending,
 *   or ANY refusal of a function controlid that an earlier attempt (a retry here, or an earlier call: `resend`) may
 *   already have run. What Intacct answers to an already-executed controlid under uniqueid=true is documented
 *   nowhere (§6, §14), so no refusal proves that nothing was posted, and none proves that something was: look the
 *   record up before sending it again (a resend with the SAME controlId can never post twice).
 */
export type WriteOutcome =
  | { status: "done"; controlId: string; key: string | undefined; recordNo: string | undefined }
  | { status: "failed"; controlId: string; error: IntacctError }
  | { status: "unknown"; controlId: string; error: IntacctError };

export type WriteOptions = Pick<ExecuteOptions, "transaction" | "timeoutMs" | "signal" | "controlId"> & {
  /**
   * These function controlids were sent before by a call whose outcome is unknown: a refusal now may be Intacct
   * refusing to run them twice, so it is reported as unknown, never as failed.
   */
  resend?: boolean;
};

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

/**
 * What runBatched sends: functions built up front, or `count` functions built one batch at a time. The lazy form
 * sends the first request after building 100 functions instead of all of them, and never holds every body in
 * memory; a function whose build throws an IntacctValidationError (or repeats a controlId) fails on its own,
 * unsent, and the rest still go.
 */
export type WriteSource =
  readonly IntacctFunction[] | { readonly count: number; readonly build: (index: number) => IntacctFunction };

function assertWrite(fn: IntacctFunction, seen: Set<string>): void {
  if (fn.kind !== "write") {
    throw new IntacctValidationError({
      internalMessage: `${fn.name} is not a write function`,
      userMessage: "Only changes can be batched.",
    });
  }
  if (seen.has(fn.controlId)) {
    throw new IntacctValidationError({
      internalMessage: `Duplicate write controlId "${fn.controlId}": controlids must be unique per write (they are the idempotency key, §6)`,
      userMessage: "The same change was queued twice.",
    });
  }
  seen.add(fn.controlId);
}

function assertWrites(functions: readonly IntacctFunction[]): void {
  const seen = new Set<string>();
  for (const fn of functions) assertWrite(fn, seen);
}

/** A request's worth of writes: `positions[i]` is where `functions[i]` sits in the caller's list. */
type Batch = { functions: IntacctFunction[]; positions: number[] };

// A 100-invoice body is ~60 KB; the socket takes it over a few event-loop turns. Building the next envelope
// (a few ms of CPU) right away would hold those turns and delay the request already sent, so wait a moment.
const PREPARE_DELAY_MS = 2;

export function createWriters(core: ClientCore) {
  const createCancelledError = (dispatched: boolean): IntacctError =>
    toIntacctError({ type: "cancelled", dispatched }, core.errorContext());

  /**
   * Sends writes in ONE request with uniqueid=true. Never throws for Intacct failures, nor when `signal` aborts:
   * every write gets an outcome (see WriteOutcome).
   */
  async function executeWrites(
    functions: readonly IntacctFunction[],
    options: WriteOptions & Pick<InternalExecuteOptions, "prepared" | "onDispatched" | "requestLimiter"> = {},
  ): Promise<WriteOutcome[]> {
    assertWrites(functions);
    let dispatched = false;
    const onDispatched = () => {
      dispatched = true;
      options.onDispatched?.();
    };
    try {
      const response = await core.execute(functions, { ...options, uniqueId: true, onDispatched });
      // An earlier attempt (a retry inside this call, or the earlier call a resend repeats) may have run these
      // functions; a refusal now can be the gateway declining to run a controlid twice, whatever its wording.
      const mayHaveRunBefore = response.earlierAttemptUncertain || options.resend === true;
      return response.results.map((result, index): WriteOutcome => {
        const fn = functions[index] as IntacctFunction;
        if (result.ok) {
          const record = result.data?.records[0];
          return {
            status: "done",
            controlId: fn.controlId,
            key: result.key ?? (record && fn.idField ? readField(record, fn.idField) || undefined : undefined),
            recordNo: record ? readField(record, "RECORDNO") || undefined : undefined,
          };
        }
        const error = result.error as IntacctError;
        if (mayHaveRunBefore) return { status: "unknown", controlId: fn.controlId, error };
        return { status: "failed", controlId: fn.controlId, error };
      });
    } catch (error) {
      if (isIntacctError(error)) {
        // Not sent this time (a refused connection) proves nothing about an earlier call's delivery.
        const status = error.maybeCommitted || options.resend === true ? "unknown" : "failed";
        return functions.map((fn) => ({ status, controlId: fn.controlId, error }));
      }
      // A custom `sleep` may reject with its own AbortError rather than the signal's reason.
      const cancelledByCaller =
        options.signal?.aborted === true &&
        (error === options.signal.reason || (error instanceof Error && error.name === "AbortError"));
      if (!cancelledByCaller) throw error;
      // Cancelled by the caller: a request that was handed to the transport may have run.
      const cancelled = createCancelledError(dispatched);
      return functions.map((fn) => ({
        status: dispatched || options.resend === true ? "unknown" : "failed",
        controlId: fn.controlId,
        error: cancelled,
      }));
    }
  }

  /**
   * Splits many writes into requests of `batchSize` and runs `concurrency` of them at a time. Outcomes come back in
   * input order. A whole-request failure (auth, transport) marks every write of that batch failed/unknown; the
   * other batches still run. Aborting `signal` stops sending: writes in flight come back unknown, unsent ones
   * failed with code "cancelled", and the call still returns every outcome.
   */
  async function runBatched(source: WriteSource, options: RunBatchedOptions = {}): Promise<WriteOutcome[]> {
    // An array is checked whole up front (a bad list is refused before anything is sent); a lazy source is
    // checked write by write as it is built, and a bad write fails alone.
    const list = Array.isArray(source) ? (source as readonly IntacctFunction[]) : undefined;
    if (list) assertWrites(list);
    const lazy = source as Exclude<WriteSource, readonly IntacctFunction[]>;
    const total = list ? list.length : Math.max(0, Math.floor(lazy.count));
    const seen = new Set<string>();
    const batchSize = Math.min(options.batchSize ?? 100, core.settings.maxFunctionsPerRequest);
    const concurrency = Math.max(1, options.concurrency ?? 2);
    const batchCount = Math.ceil(total / batchSize);
    const batches: (Batch | undefined)[] = new Array(batchCount);

    const outcomes: WriteOutcome[] = new Array(total);
    const progress: BatchProgress = {
      total,
      processed: 0,
      done: 0,
      failed: 0,
      unknown: 0,
      batchesCompleted: 0,
      batchesTotal: batchCount,
    };
    const record = (position: number, outcome: WriteOutcome) => {
      outcomes[position] = outcome;
      progress[outcome.status] += 1;
      progress.processed += 1;
    };

    /** The batch's functions, built on first use (lazy source); build failures are recorded and left out. */
    const materialize = (index: number): Batch => {
      const existing = batches[index];
      if (existing) return existing;
      const start = index * batchSize;
      const end = Math.min(total, start + batchSize);
      const batch: Batch = { functions: [], positions: [] };
      for (let position = start; position < end; position++) {
        let fn: IntacctFunction | undefined;
        try {
          fn = list ? (list[position] as IntacctFunction) : lazy.build(position);
          if (!list) assertWrite(fn, seen);
        } catch (error) {
          if (!(error instanceof IntacctValidationError)) throw error;
          // A build that threw has no controlId to report; a duplicate or a read function has one.
          record(position, { status: "failed", controlId: fn?.controlId ?? "", error });
          continue;
        }
        batch.functions.push(fn);
        batch.positions.push(position);
      }
      batches[index] = batch;
      return batch;
    };

    let nextBatch = 0;
    // Keyed by batch index: with a lazy source the batch itself is only built when its preparation runs.
    const pendingPreparations = new Map<number, Promise<PreparedRequest | undefined>>();
    const writeOptions = {
      transaction: options.transaction,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      // A resend's refusals are unknown, never failed, in a batch as in a single write.
      resend: options.resend,
    };
    // Once a request has left, build the next waiting batch (functions and envelope) while it is on the wire, so
    // a lane that frees up sends at once. A failed envelope is ignored: execute() then builds (and reports) as
    // usual; a build that throws something other than a validation error fails the run.
    const prepareNext = () => {
      if (nextBatch >= batchCount || pendingPreparations.has(nextBatch)) return;
      const index = nextBatch;
      const prepared = new Promise<PreparedRequest | undefined>((resolve, reject) => {
        setTimeout(() => {
          // Cancelled meanwhile: nothing more will be sent, so do not build (or log in) for it.
          if (options.signal?.aborted) return resolve(undefined);
          try {
            const upcoming = materialize(index);
            if (upcoming.functions.length === 0) return resolve(undefined);
            resolve(core.prepare(upcoming.functions, { ...writeOptions, uniqueId: true }).catch(() => undefined));
          } catch (error) {
            reject(error);
          }
        }, PREPARE_DELAY_MS);
      });
      prepared.catch(() => undefined); // re-raised when a lane awaits it
      pendingPreparations.set(index, prepared);
    };
    // Lanes after the first start once the first request has left (and had its turns on the socket).
    let releaseLanes: () => void = () => {};
    const firstDispatched = new Promise<void>((resolve) => (releaseLanes = resolve));
    const onDispatched = () => {
      releaseLanes();
      prepareNext();
    };

    // One lane more than requests in flight: its request waits, built, for the next free slot and leaves the moment
    // a response arrives, before that response is parsed.
    const requestLimiter = createLimiter(concurrency);
    const work = async (lane: number) => {
      if (lane > 0) {
        await firstDispatched;
        await new Promise((resolve) => setTimeout(resolve, PREPARE_DELAY_MS));
      }
      while (nextBatch < batchCount) {
        // Cancelled: send nothing more; what was sent is reported by executeWrites, the rest below.
        if (options.signal?.aborted) break;
        const index = nextBatch++;
        const preparing = pendingPreparations.get(index);
        pendingPreparations.delete(index);
        const prepared = preparing ? await preparing : undefined;
        const batch = materialize(index);
        if (batch.functions.length > 0) {
          const results = await executeWrites(batch.functions, {
            ...writeOptions,
            prepared,
            onDispatched,
            requestLimiter,
          });
          results.forEach((outcome, offset) => record(batch.positions[offset] as number, outcome));
        }
        // Also when nothing was sent (all failed to build, or the request failed before leaving).
        releaseLanes();
        // Only the outcomes are kept: a long lazy run does not hold every request body in memory.
        batches[index] = { functions: [], positions: [] };
        progress.batchesCompleted += 1;
        options.onProgress?.({ ...progress });
      }
      releaseLanes();
    };
    await Promise.all(Array.from({ length: Math.min(concurrency + 1, batchCount) }, (_, lane) => work(lane)));
    if (nextBatch < batchCount) {
      // Cancelled before these writes were sent: they failed, provably unsent, and can simply be run again. A lazy
      // source is not built for them (that could be thousands of builds, each able to throw): their controlId is
      // empty unless their batch was already built; outcomes are in input order either way.
      const cancelled = createCancelledError(false);
      for (let position = nextBatch * batchSize; position < total; position++) {
        if (outcomes[position] !== undefined) continue;
        const built = batches[Math.floor(position / batchSize)];
        const offset = built ? built.positions.indexOf(position) : -1;
        const controlId = list
          ? (list[position] as IntacctFunction).controlId
          : offset >= 0
            ? (built?.functions[offset] as IntacctFunction).controlId
            : "";
        record(position, { status: "failed", controlId, error: cancelled });
      }
      options.onProgress?.({ ...progress });
    }
    return outcomes;
  }

  return { executeWrites, runBatched };
}

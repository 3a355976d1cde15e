import type { ClientCore, FunctionResult } from "./client-core";
import type { IntacctFunction } from "./function";
import {
  buildQueryDocumentHeaders,
  buildQueryDocumentLines,
  buildReadApBills,
  buildReadEstimateEntries,
  buildStatusProbe,
  buildStatusProbeQuery,
  toApBill,
  toAuditEntry,
  toDocumentLine,
  toDocumentStatus,
  toEstimateEntryStatus,
  type IntacctApBill,
  type IntacctAuditEntry,
  type IntacctDocumentLine,
  type IntacctDocumentStatus,
  type IntacctEstimateEntryStatus,
  type StatusProbeInput,
  type StatusProbeObject,
} from "./functions/status-reads";
import { createLimiter } from "./limiter";
import type { ReadOptions } from "./readers";
import type { XmlRecord } from "./xml-parse";

export type StatusProbeResult = {
  documents: IntacctDocumentStatus[];
  bills: IntacctApBill[];
  deletions: IntacctAuditEntry[];
  estimateEntries: IntacctEstimateEntryStatus[];
  /** Requests sent (1 unless an object had more than a page of changes). */
  requests: number;
};

/** A changed purchasing document as the status check reads it: its header and its lines. */
export type IntacctDocumentDetail = IntacctDocumentStatus & { lines: IntacctDocumentLine[] };

export type StatusDetails = {
  documents: IntacctDocumentDetail[];
  bills: IntacctApBill[];
  estimateEntries: IntacctEstimateEntryStatus[];
  requests: number;
  /**
   * The server's clock when it answered (the earliest <sessiontimestamp> of the replies, §3), in ms; null when a
   * reply had none. A record read in the very second it was stamped may change again within that second without
   * a new WHENMODIFIED: the caller compares the two before trusting the stamp.
   */
  serverTime: number | null;
};

/** §2: how many functions go in one request; §11: two requests in flight per company on the lowest tier. */
export const STATUS_FUNCTIONS_PER_REQUEST = 100;
const KEYS_PER_FUNCTION = 100;

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

function recordsOf(result: FunctionResult | undefined): XmlRecord[] {
  if (!result) return [];
  if (!result.ok && result.error) throw result.error;
  return result.data?.records ?? [];
}

export function createStatusReaders(core: ClientCore) {
  /**
   * The status check's first request: every object's changes since its mark, in one request (§15). An object with
   * more than a page of changes is paged on (offset paging, §7) in further requests, one object at a time.
   */
  async function probeStatus(params: StatusProbeInput, options: ReadOptions = {}): Promise<StatusProbeResult> {
    const { input, objects, functions } = buildStatusProbe(params);
    const response = await core.execute(functions, { ...options, uniqueId: false });
    let requests = 1;
    const records = new Map<StatusProbeObject, XmlRecord[]>();
    for (const [index, object] of objects.entries()) {
      const result = response.results[index];
      const page = recordsOf(result);
      const all = [...page];
      let remaining = result?.data?.numRemaining ?? 0;
      while (remaining > 0 && page.length > 0) {
        const next = await core.execute([buildStatusProbeQuery(object, input, all.length)], {
          ...options,
          uniqueId: false,
        });
        requests += 1;
        const more = recordsOf(next.results[0]);
        if (more.length === 0) break;
        all.push(...more);
        remaining = next.results[0]?.data?.numRemaining ?? 0;
      }
      records.set(object, all);
    }
    return {
      documents: (records.get("PODOCUMENT") ?? []).map(toDocumentStatus),
      bills: (records.get("APBILL") ?? []).map(toApBill),
      deletions: (records.get("AUDITHISTORY") ?? []).map(toAuditEntry),
      estimateEntries: (records.get("PJESTIMATEENTRY") ?? []).map(toEstimateEntryStatus),
      requests,
    };
  }

  /**
   * What the probe found, read whole: purchasing documents with their lines (to compare with what we sent), AP
   * bills, estimate entries. Up to 100 keys per function and 100 functions per request, two requests in flight.
   */
  async function readStatusDetails(
    lookup: { docIds?: readonly string[]; billRecordNos?: readonly string[]; estimateIds?: readonly string[] },
    options: ReadOptions & { concurrency?: number } = {},
  ): Promise<StatusDetails> {
    type Kind = "header" | "lines" | "bill" | "estimate";
    type Tagged = { kind: Kind; keys: string[]; fn: IntacctFunction };
    const docChunks = chunk([...new Set(lookup.docIds ?? [])], KEYS_PER_FUNCTION);
    const tagged: Tagged[] = [
      // Header and lines of the same documents side by side, in the same request.
      ...docChunks.flatMap((keys) => [
        { kind: "header" as const, keys, fn: buildQueryDocumentHeaders(keys) },
        { kind: "lines" as const, keys, fn: buildQueryDocumentLines(keys) },
      ]),
      ...chunk([...new Set(lookup.billRecordNos ?? [])], KEYS_PER_FUNCTION).map((keys) => ({
        kind: "bill" as const,
        keys,
        fn: buildReadApBills(keys),
      })),
      ...chunk([...new Set(lookup.estimateIds ?? [])], KEYS_PER_FUNCTION).map((keys) => ({
        kind: "estimate" as const,
        keys,
        fn: buildReadEstimateEntries(keys),
      })),
    ];
    const details: StatusDetails = { documents: [], bills: [], estimateEntries: [], requests: 0, serverTime: null };
    if (tagged.length === 0) return details;
    const limiter = createLimiter(Math.max(1, options.concurrency ?? 2));
    // A header and its lines never split across two requests: batches hold an even number of functions.
    const batches = chunk(tagged, STATUS_FUNCTIONS_PER_REQUEST);
    const responses = await Promise.all(
      batches.map((batch) =>
        limiter.run(() =>
          core.execute(
            batch.map((t) => t.fn),
            { ...options, uniqueId: false },
          ),
        ),
      ),
    );
    details.requests = batches.length;
    const stamps = responses.map((response) => Date.parse(response.authentication?.sessionTimestamp ?? ""));
    details.serverTime = stamps.some(Number.isNaN) ? null : Math.min(...stamps);
    const headers: IntacctDocumentStatus[] = [];
    const lines: IntacctDocumentLine[] = [];
    for (const [b, batch] of batches.entries()) {
      for (const [i, t] of batch.entries()) {
        const result = responses[b]?.results[i];
        const records = recordsOf(result);
        if (t.kind === "header") headers.push(...records.map(toDocumentStatus));
        else if (t.kind === "bill") details.bills.push(...records.map(toApBill));
        else if (t.kind === "estimate") details.estimateEntries.push(...records.map(toEstimateEntryStatus));
        else {
          lines.push(...records.map(toDocumentLine));
          // More lines than a page: the rest, page by page (rare: 100 documents of over 20 lines each).
          let remaining = result?.data?.numRemaining ?? 0;
          let offset = records.length;
          while (remaining > 0 && offset > 0) {
            const next = await limiter.run(() =>
              core.execute([buildQueryDocumentLines(t.keys, offset)], { ...options, uniqueId: false }),
            );
            details.requests += 1;
            const more = recordsOf(next.results[0]);
            if (more.length === 0) break;
            lines.push(...more.map(toDocumentLine));
            offset += more.length;
            remaining = next.results[0]?.data?.numRemaining ?? 0;
          }
        }
      }
    }
    const linesByDoc = new Map<string, IntacctDocumentLine[]>();
    for (const line of lines) linesByDoc.set(line.docId, [...(linesByDoc.get(line.docId) ?? []), line]);
    details.documents = headers.map((header) => ({ ...header, lines: linesByDoc.get(header.docId) ?? [] }));
    return details;
  }

  return { probeStatus, readStatusDetails };
}

// Sage Intacct's half of a sync: one plan → one write (create_potransaction or PJESTIMATE create/update), then a
// read-back of what Intacct holds. Provider-neutral in its result, so the sync service never sees Intacct XML.
//
// Exactly once rests on looking documents up, never on how Intacct words a refusal: what it answers to a function
// controlid that already ran (uniqueid=true) is documented nowhere (docs/intacct/corrections.md). So every kind of
// document has a lookup, and it runs before any resend and after any answer that leaves the outcome open:
// - purchasing documents by transaction definition and document number;
// - a budget's estimate by its PJESTIMATEID;
// - a budget change's entries by the marker each carries at the start of its memo (the change number).
import { centsToInput } from "@/lib/format/money";
import {
  buildCreatePoChangeOrder,
  buildCreateProjectEstimate,
  buildCreatePurchaseOrder,
  buildCreateVendorInvoice,
  buildReadByName,
  buildUpdateProjectEstimate,
  isIntacctError,
  toEstimateEntriesOf,
  toPurchasingDocument,
  type IntacctClient,
  type IntacctError,
  type IntacctFunction,
  type IntacctPurchasingDocument,
  type WriteOutcome,
  type XmlRecord,
} from "@/lib/intacct";
import type { SendRequest } from "@/lib/integrations/provider";
import type { PlanLine, SendResult, SyncPlan } from "@/lib/integrations/types";

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const price = (cents: number) => centsToInput(cents);

function field(record: XmlRecord | undefined, name: string): string {
  const value = record?.[name];
  return typeof value === "string" ? value : "";
}

type Synced = Extract<SendResult, { status: "synced" }>;

/** How one kind of document is sent, confirmed after a write, and found when an earlier attempt may have posted it. */
type DocumentKind = {
  /** The write function; throws an IntacctValidationError when the plan cannot be sent as it is. */
  build: (plan: SyncPlan, controlId: string) => IntacctFunction;
  /** The read that confirms a write (one function, so many of them share a request), and what its record means. */
  readBack: (
    plan: SyncPlan,
    key: string | undefined,
  ) => { fn: IntacctFunction; toResult: (record: XmlRecord | undefined) => SendResult | undefined };
  /** After Intacct confirmed the write: what it holds now. Unknown (not failed) when it cannot be read yet. */
  confirm: (client: IntacctClient, plan: SyncPlan, key: string | undefined) => Promise<SendResult>;
  /** The document (or the change's entries) if it is in Intacct; undefined when it is not. Throws when unsure. */
  find: (client: IntacctClient, plan: SyncPlan) => Promise<Synced | undefined>;
};

// Our lines in order ↔ Intacct's entries in LINE_NO order: the RECORDNOs later change orders and invoices point at.
function mapLineKeys(plan: SyncPlan, entries: { recordNo: string; lineNo: string }[]): Record<string, string> {
  const sorted = [...entries].sort((a, b) => Number(a.lineNo) - Number(b.lineNo));
  return Object.fromEntries(
    plan.lines.flatMap((line, index) => (sorted[index] ? [[line.lineId, sorted[index].recordNo]] : [])),
  );
}

function toSynced(plan: SyncPlan, doc: IntacctPurchasingDocument, how: Synced["how"]): Synced {
  return {
    status: "synced",
    key: doc.docId,
    recordNo: doc.recordNo,
    state: doc.state,
    lineKeys: mapLineKeys(plan, doc.entries),
    how,
  };
}

const notReadYet = (what: string, internal: string): SendResult => ({
  status: "unknown",
  code: "read-back",
  message: `Sage Intacct accepted the ${what} but it could not be read back yet. Retry to confirm; nothing will be posted twice.`,
  internal,
});

async function findDocument(client: IntacctClient, plan: SyncPlan): Promise<IntacctPurchasingDocument | undefined> {
  const summary = await client.findPurchasingDocument({ docParId: plan.definition, documentNo: plan.documentNo });
  if (!summary) return undefined;
  return (await client.readPurchasingDocument(summary.docId, { docParId: plan.definition })) ?? summary;
}

// Lines carry their amount as the quantity, at a price of 1.00. Construction bills a contract line in parts (one
// invoice a month), and Intacct converts a PO line by quantity: a line of quantity 1 would be used up by the
// first invoice, and a Converted PO takes no further invoice ("Convert part of a transaction", Intacct help).
// A change order adds to the quantity of the line it changes in the same way.
function purchasingLines(plan: SyncPlan) {
  return plan.lines.map((line) => ({
    itemId: line.itemId ?? "",
    itemDescription: line.description,
    quantity: price(line.amountCents),
    price: "1.00",
    locationId: plan.entity ?? undefined,
    memo: line.costCode,
    projectId: plan.project.id || undefined,
    taskId: line.taskId ?? undefined,
    costTypeId: line.costTypeId ?? undefined,
  }));
}

/**
 * How a vendor invoice converts (corrections.md, conversions): lines from one document name it in the header's
 * createdfrom and their source line in sourcelinekey; lines from several (the PO and change orders that added
 * lines) each name their document in sourcedocid and their line in sourcedoclineid.
 */
function conversionOf(lines: PlanLine[]) {
  const sources = [
    ...new Set(lines.flatMap((line) => (line.sourceDocKey && line.sourceLineKey ? [line.sourceDocKey] : []))),
  ];
  const converted = (line: PlanLine) => Boolean(line.sourceDocKey && line.sourceLineKey);
  if (sources.length <= 1)
    return {
      createdFrom: sources[0],
      line: (line: PlanLine) => ({ sourceLineKey: converted(line) ? (line.sourceLineKey ?? undefined) : undefined }),
    };
  return {
    createdFrom: undefined,
    line: (line: PlanLine) =>
      converted(line)
        ? { sourceDocId: line.sourceDocKey ?? undefined, sourceDocLineId: line.sourceLineKey ?? undefined }
        : {},
  };
}

const PURCHASING: DocumentKind = {
  build(plan, controlId) {
    const header = {
      controlId,
      transactionType: plan.definition,
      dateCreated: isoDate(plan.header.date),
      vendorId: plan.vendor?.id ?? "",
      documentNo: plan.documentNo,
      referenceNo: plan.header.referenceNo,
      // Every create says when the document is due (corrections.md: datedue).
      dateDue: isoDate(plan.header.dueDate),
      message: plan.header.description,
      returnToContactName: "",
      payToContactName: "",
    };
    switch (plan.itemType) {
      case "CONTRACT":
        return buildCreatePurchaseOrder({ ...header, lines: purchasingLines(plan) });
      case "CONTRACT_CHANGE":
        // Every line points at the PO by RECORDNO; a line changing an existing PO line also names that line.
        return buildCreatePoChangeOrder({
          ...header,
          lines: purchasingLines(plan).map((line, index) => ({
            ...line,
            relatedDocKey: plan.source?.recordNo ?? "",
            relatedDocLineKey: plan.lines[index]?.relatedLineKey ?? undefined,
          })),
        });
      default: {
        const conversion = conversionOf(plan.lines);
        return buildCreateVendorInvoice({
          ...header,
          vendorDocNo: plan.header.vendorDocNo ?? undefined,
          createdFrom: conversion.createdFrom,
          lines: purchasingLines(plan).map((line, index) => ({
            ...line,
            ...conversion.line(plan.lines[index] as PlanLine),
            retainagePercentage: plan.header.retainagePercent ?? undefined,
          })),
        });
      }
    }
  },
  readBack(plan, key) {
    const docId = key ?? `${plan.definition}-${plan.documentNo}`;
    return {
      fn: buildReadByName({ object: "PODOCUMENT", keys: [docId], docParId: plan.definition }),
      toResult: (record) => (record ? toSynced(plan, toPurchasingDocument(record), "created") : undefined),
    };
  },
  async confirm(client, plan, key) {
    const docId = key ?? `${plan.definition}-${plan.documentNo}`;
    // The write is done; a failing read-back must not turn it into "failed". Unknown makes the next attempt
    // look the document up and adopt it.
    const doc = await client
      .readPurchasingDocument(docId, { docParId: plan.definition })
      .then((found) => found ?? findDocument(client, plan))
      .catch(() => undefined);
    return doc ? toSynced(plan, doc, "created") : notReadYet("document", `read-back of ${docId} found nothing`);
  },
  async find(client, plan) {
    const doc = await findDocument(client, plan);
    return doc ? toSynced(plan, doc, "adopted") : undefined;
  },
};

type EstimateRead = { recordNo: string; status: string; record?: XmlRecord };

async function readEstimate(client: IntacctClient, estimateId: string): Promise<EstimateRead | undefined> {
  const [record] = await client.readByName({ object: "PJESTIMATE", keys: [estimateId] });
  return record ? estimateOfRecord(record) : undefined;
}

/** The marker a budget change's entries carry at the start of their memo: its change number. */
const markerOf = (plan: SyncPlan) => `${plan.header.referenceNo} · `;

function estimateEntries(plan: SyncPlan, wfType: EstimateWfType) {
  const marker = wfType === "approved change" ? markerOf(plan) : "";
  return plan.lines.map((line) => ({
    taskId: line.taskId ?? undefined,
    costTypeId: line.costTypeId ?? undefined,
    accountNo: line.accountNo ?? undefined,
    amount: price(line.amountCents),
    wfType,
    effectiveDate: isoDate(plan.header.date),
    // The marker comes first, so the 1,000-character limit never cuts it off.
    memo: `${marker}${line.costCode}${line.description && line.description !== line.costCode ? ` — ${line.description}` : ""}`.slice(
      0,
      1000,
    ),
  }));
}

/**
 * Our lines ↔ the entries the write added, for the status check to compare (and see deleted) later. A create or
 * update answers with the estimate's RECORDNO only (§10), so the keys come from the estimate as read back (its
 * ENTRIES): each line takes the first unclaimed entry, in RECORDNO order, of its workflow type with the memo we
 * sent (a budget change's memos start with its marker, so they name only its own entries).
 */
function estimateLineKeys(plan: SyncPlan, record: XmlRecord | undefined, wfType: EstimateWfType) {
  const entries = toEstimateEntriesOf(record)
    .filter((entry) => entry.recordNo && entry.wfType.trim().toLowerCase() === wfType)
    .sort((a, b) => Number(a.recordNo) - Number(b.recordNo));
  const claimed = new Set<string>();
  const sent = estimateEntries(plan, wfType);
  const keys: Record<string, string> = {};
  plan.lines.forEach((line, index) => {
    const entry = entries.find((e) => !claimed.has(e.recordNo) && e.memo === sent[index]?.memo);
    if (!entry) return;
    claimed.add(entry.recordNo);
    keys[line.lineId] = entry.recordNo;
  });
  return keys;
}

type EstimateWfType = "original" | "approved change";

function estimateSynced(
  key: string,
  estimate: EstimateRead,
  how: Synced["how"],
  lineKeys: Record<string, string> = {},
): Synced {
  return { status: "synced", key, recordNo: estimate.recordNo, state: estimate.status || "active", lineKeys, how };
}

/** A budget's or a budget change's result from the estimate as read: with the keys of the entries it added. */
function estimateSyncedFrom(plan: SyncPlan, key: string, estimate: EstimateRead, how: Synced["how"]): Synced {
  const wfType: EstimateWfType = plan.itemType === "BUDGET_CHANGE" ? "approved change" : "original";
  return estimateSynced(key, estimate, how, estimateLineKeys(plan, estimate.record, wfType));
}

const readEstimateFn = (estimateId: string) => buildReadByName({ object: "PJESTIMATE", keys: [estimateId] });
const estimateOfRecord = (record: XmlRecord): EstimateRead => ({
  recordNo: field(record, "RECORDNO"),
  status: field(record, "STATUS"),
  record,
});

const BUDGET: DocumentKind = {
  build(plan, controlId) {
    return buildCreateProjectEstimate({
      controlId,
      estimateId: plan.documentNo,
      projectId: plan.project.id,
      description: plan.header.description,
      estimateDate: isoDate(plan.header.date),
      entries: estimateEntries(plan, "original"),
    });
  },
  readBack(plan, key) {
    const estimateId = key ?? plan.documentNo;
    return {
      fn: readEstimateFn(estimateId),
      toResult: (record) =>
        record ? estimateSyncedFrom(plan, estimateId, estimateOfRecord(record), "created") : undefined,
    };
  },
  async confirm(client, plan, key) {
    const estimateId = key ?? plan.documentNo;
    const estimate = await readEstimate(client, estimateId).catch(() => undefined);
    return estimate
      ? estimateSyncedFrom(plan, estimateId, estimate, "created")
      : notReadYet("estimate", `read-back of ${estimateId} found nothing`);
  },
  async find(client, plan) {
    const estimate = await readEstimate(client, plan.documentNo);
    return estimate ? estimateSyncedFrom(plan, plan.documentNo, estimate, "adopted") : undefined;
  },
};

// A budget change adds "approved change" entries to the budget's estimate (an update appends entries without
// RECORDNO, and all of one update land together or not at all).
const estimateOf = (plan: SyncPlan) => plan.source?.key ?? plan.documentNo;

const BUDGET_CHANGE: DocumentKind = {
  build(plan, controlId) {
    return buildUpdateProjectEstimate({
      controlId,
      estimateId: estimateOf(plan),
      entries: estimateEntries(plan, "approved change"),
    });
  },
  readBack(plan) {
    const fallback = { recordNo: plan.source?.recordNo ?? "", status: "active" };
    return {
      fn: readEstimateFn(estimateOf(plan)),
      toResult: (record) =>
        estimateSyncedFrom(plan, estimateOf(plan), record ? estimateOfRecord(record) : fallback, "created"),
    };
  },
  async confirm(client, plan) {
    const estimate = await readEstimate(client, estimateOf(plan)).catch(() => undefined);
    return estimateSyncedFrom(
      plan,
      estimateOf(plan),
      estimate ?? { recordNo: plan.source?.recordNo ?? "", status: "active" },
      "created",
    );
  },
  async find(client, plan) {
    const marker = markerOf(plan);
    const entries = await client.listEstimateEntries({ estimateId: estimateOf(plan), wfType: "approved change" });
    if (!entries.some((entry) => entry.memo.startsWith(marker))) return undefined;
    const estimate = await readEstimate(client, estimateOf(plan));
    return estimateSyncedFrom(
      plan,
      estimateOf(plan),
      estimate ?? { recordNo: plan.source?.recordNo ?? "", status: "active" },
      "adopted",
    );
  },
};

function kindOf(plan: SyncPlan): DocumentKind {
  if (plan.itemType === "BUDGET") return BUDGET;
  if (plan.itemType === "BUDGET_CHANGE") return BUDGET_CHANGE;
  return PURCHASING;
}

function fromError(status: "failed" | "unknown", error: IntacctError): SendResult {
  const base = { code: error.code, message: error.userMessage, internal: error.message };
  if (status === "unknown") return { status, ...base };
  // The client's error says whether a later attempt may get past it (every 5xx, 429, network errors, …).
  return {
    status,
    ...base,
    retryable: error.transientForLater,
    retryAfterMs: error.retryAfterMs,
  };
}

/**
 * `reconcile`: an earlier attempt may have reached Intacct. Then the document is looked up first (and adopted if
 * it landed), and a refusal of the resend counts for nothing until a second lookup says the document is not there.
 * Every attempt sends the same controlids with uniqueid=true, so Intacct never runs the write twice.
 */
export async function sendSyncPlan(
  client: IntacctClient,
  plan: SyncPlan,
  options: { controlId: string; reconcile: boolean },
): Promise<SendResult> {
  const kind = kindOf(plan);
  try {
    if (options.reconcile) {
      const found = await kind.find(client, plan);
      if (found) return found;
    }
    const [outcome] = await sendWrites(client, [{ plan, controlId: options.controlId }], options.reconcile);
    const written = outcome as WriteOutcome;
    if (written.status === "done") return await kind.confirm(client, plan, written.key);
    return await settleOpenWrite(client, plan, written);
  } catch (error) {
    return fromThrown(error, options.reconcile);
  }
}

// Reads (lookups, read-back) throw typed errors; when a lookup fails the outcome stays open.
function fromThrown(error: unknown, reconcile: boolean): SendResult {
  const typed = error as Partial<IntacctError>;
  if (typed && typeof typed.userMessage === "string") {
    const base = { code: typed.code ?? "unknown", message: typed.userMessage, internal: String(typed.message) };
    if (typed.maybeCommitted || reconcile) return { status: "unknown", ...base };
    return { status: "failed", ...base, retryable: typed.transientForLater === true, retryAfterMs: typed.retryAfterMs };
  }
  throw error;
}

/** A write that did not come back done: a refusal, or an open outcome that a lookup settles. */
async function settleOpenWrite(
  client: IntacctClient,
  plan: SyncPlan,
  outcome: Exclude<WriteOutcome, { status: "done" }>,
): Promise<SendResult> {
  if (outcome.status === "failed") return fromError("failed", outcome.error);
  // Open: no answer, or a refusal of controlids an earlier attempt may have run. Look before anything is resent.
  const found = await kindOf(plan)
    .find(client, plan)
    .catch(() => null);
  if (found) return found;
  if (found === null) return fromError("unknown", outcome.error);
  // Intacct answered, and what it refused is not there: the refusal is real, and nothing was posted. Without an
  // answer the write may still land (a timed-out request can keep running), so it stays unknown.
  return fromError(outcome.error.kind === "function" ? "failed" : "unknown", outcome.error);
}

// Functions per request (§2: our choice, 100) and requests at once (the company's two slots, §11, still apply).
const PER_REQUEST = 100;
const IN_FLIGHT = 2;

/**
 * The writes of many plans, ≤ 100 per request, outcomes in order. Without `transaction` each function stands alone
 * (§6): one refused write does not undo its request mates. A plan that cannot be built fails alone, unsent.
 */
async function sendWrites(
  client: IntacctClient,
  writes: { plan: SyncPlan; controlId: string }[],
  resend: boolean,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(writes.length);
  const built: { fn: IntacctFunction; index: number }[] = [];
  writes.forEach(({ plan, controlId }, index) => {
    try {
      built.push({ fn: kindOf(plan).build(plan, controlId), index });
    } catch (error) {
      if (!isIntacctError(error)) throw error;
      outcomes[index] = { status: "failed", controlId, error };
    }
  });
  if (built.length) {
    const functions = built.map((b) => b.fn);
    // One write goes as it always did; many go ≤ 100 per request, two requests at a time.
    const sent =
      functions.length === 1
        ? await client.executeWrites(functions, { resend })
        : await client.runBatched(functions, { batchSize: PER_REQUEST, concurrency: IN_FLIGHT, resend });
    sent.forEach((outcome, i) => (outcomes[(built[i] as { index: number }).index] = outcome));
  }
  return outcomes;
}

/**
 * Read-backs of many confirmed writes, each one readByName function, ≤ 100 per request. A document the read does
 * not return (or a read that fails) goes the single way: read again, then looked up, else unknown.
 */
async function confirmMany(
  client: IntacctClient,
  confirms: { plan: SyncPlan; key: string | undefined; controlId: string }[],
  forItem: ForItem,
): Promise<SendResult[]> {
  const reads = confirms.map(({ plan, key, controlId }) => {
    const readBack = kindOf(plan).readBack(plan, key);
    // Named after the write it confirms, so the history can file each function of a shared request under its item.
    return { ...readBack, fn: { ...readBack.fn, controlId: `${controlId}${READ_BACK_SUFFIX}` } };
  });
  const results: (SendResult | undefined)[] = new Array(confirms.length);
  const chunks: number[][] = [];
  for (let start = 0; start < reads.length; start += PER_REQUEST)
    chunks.push(reads.slice(start, start + PER_REQUEST).map((_, offset) => start + offset));
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as number[];
      const response = await client
        .execute(
          chunk.map((index) => (reads[index] as (typeof reads)[number]).fn),
          { uniqueId: false },
        )
        .catch(() => undefined);
      chunk.forEach((index, offset) => {
        const result = response?.results[offset];
        if (result?.ok) results[index] = (reads[index] as (typeof reads)[number]).toResult(result.data?.records[0]);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, chunks.length) }, lane));
  return Promise.all(
    confirms.map(
      (confirm, index) =>
        results[index] ??
        forItem(confirm.controlId, () => kindOf(confirm.plan).confirm(client, confirm.plan, confirm.key)),
    ),
  );
}

/** Runs one send's own requests in its name (the provider files their exchanges under that send). */
type ForItem = <T>(controlId: string, work: () => Promise<T>) => Promise<T>;

/** The suffix of a read-back function's controlid after the controlid of the write it confirms. */
export const READ_BACK_SUFFIX = "~read-back";

/**
 * Many plans at once, each with sendSyncPlan's guarantees: lookups first for those that reconcile (an earlier
 * attempt may have landed), then every write, ≤ 100 per request, then every read-back the same way; an open
 * outcome is looked up on its own. `forItem` runs a send's own lookups in its name (for the history).
 */
export async function sendSyncPlans(
  client: IntacctClient,
  requests: SendRequest[],
  forItem: ForItem = (_, work) => work(),
): Promise<SendResult[]> {
  const results: (SendResult | undefined)[] = new Array(requests.length);
  const request = (index: number) => requests[index] as SendRequest;
  // Runs one send's own step in its name; a read that throws settles it as sendSyncPlan would.
  const settle = (index: number, work: () => Promise<SendResult | undefined>) =>
    forItem(request(index).controlId, () =>
      work().catch((error: unknown) => fromThrown(error, request(index).reconcile)),
    ).then((result) => void (results[index] = result));

  // An earlier attempt may have landed: look first, one lookup per send (rare: retries after unknown outcomes).
  const reconciling = requests.flatMap((r, index) => (r.reconcile ? [index] : []));
  await runPool(reconciling, IN_FLIGHT, (index) =>
    settle(index, () => kindOf(request(index).plan).find(client, request(index).plan)),
  );

  // A resend of controlids that may have run goes in a call of its own: any refusal of it is unknown until looked up.
  const confirms: { plan: SyncPlan; key: string | undefined; controlId: string; index: number }[] = [];
  const open: { index: number; outcome: Exclude<WriteOutcome, { status: "done" }> }[] = [];
  for (const resend of [false, true]) {
    const group = requests.flatMap((r, index) => (!results[index] && r.reconcile === resend ? [{ ...r, index }] : []));
    if (!group.length) continue;
    const outcomes = await sendWrites(client, group, resend);
    outcomes.forEach((outcome, i) => {
      const { plan, controlId, index } = group[i] as (typeof group)[number];
      if (outcome.status === "done") confirms.push({ plan, key: outcome.key, controlId, index });
      else open.push({ index, outcome });
    });
  }
  const confirmed = await confirmMany(client, confirms, forItem);
  confirms.forEach((confirm, i) => (results[confirm.index] = confirmed[i]));
  await runPool(open, IN_FLIGHT, ({ index, outcome }) =>
    settle(index, () => settleOpenWrite(client, request(index).plan, outcome)),
  );
  return results.map(
    (result) =>
      result ?? { status: "unknown", code: "unknown", message: "Sage Intacct gave no outcome.", internal: "none" },
  );
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

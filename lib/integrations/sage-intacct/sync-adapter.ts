// Sage Intacct's half of a sync: one plan → one write (create_potransaction or PJESTIMATE create/update), then a
// read-back of what Intacct holds. Provider-neutral in its result, so the sync service never sees Intacct XML.
// Facts: reference §9 (purchasing), §10 (estimates), §6 (uniqueid), §11 (timeouts prove nothing).
import { centsToInput } from "@/lib/format/money";
import type { IntacctClient, IntacctError, IntacctPurchasingDocument, WriteOutcome, XmlRecord } from "@/lib/intacct";
import type { SendResult, SyncPlan } from "@/lib/integrations/types";

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const price = (cents: number) => centsToInput(cents);

function field(record: XmlRecord | undefined, name: string): string {
  const value = record?.[name];
  return typeof value === "string" ? value : "";
}

// Worth another try later, whatever the client's own retries concluded: the issue's transient failures.
const TRANSIENT_CODES = new Set(["rate-limited", "session-expired", "timeout", "network", "connection-refused"]);
const isTransient = (error: { retryable?: boolean; httpStatus?: number; code?: string }) =>
  error.retryable === true || (error.httpStatus ?? 0) >= 500 || TRANSIENT_CODES.has(error.code ?? "");

// A refusal is only "failed" (nothing posted) when this was the write's first and only delivery. After a client
// retry, or when resending an unknown outcome, Intacct may be refusing a replay of a write that already landed
// (its replay wording is undocumented, §6/§14), so the outcome is unknown and the next attempt reconciles.
function fromError(status: "failed" | "unknown", error: IntacctError, options: { resend: boolean }): SendResult {
  // A 5xx or a lost answer may have been processed (§4): unknown, so the next try reconciles before resending.
  const uncertain = status === "unknown" || options.resend || error.attempts > 1 || error.maybeCommitted;
  if (uncertain) return { status: "unknown", code: error.code, message: error.userMessage, internal: error.message };
  return {
    status: "failed",
    code: error.code,
    message: error.userMessage,
    internal: error.message,
    // Every 5xx is transient for a sync job (the client itself retries only some), as are 429, network errors and
    // an ended session.
    retryable: isTransient(error),
    retryAfterMs: error.retryAfterMs,
  };
}

// Our lines in order ↔ Intacct's entries in LINE_NO order: the RECORDNOs later change orders and invoices point at.
function mapLineKeys(plan: SyncPlan, entries: { recordNo: string; lineNo: string }[]): Record<string, string> {
  const sorted = [...entries].sort((a, b) => Number(a.lineNo) - Number(b.lineNo));
  return Object.fromEntries(
    plan.lines.flatMap((line, index) => (sorted[index] ? [[line.lineId, sorted[index].recordNo]] : [])),
  );
}

function toSynced(plan: SyncPlan, doc: IntacctPurchasingDocument, how: "created" | "adopted" | "replayed"): SendResult {
  return {
    status: "synced",
    key: doc.docId,
    recordNo: doc.recordNo,
    state: doc.state,
    lineKeys: mapLineKeys(plan, doc.entries),
    how,
  };
}

async function readBackDocument(
  client: IntacctClient,
  plan: SyncPlan,
  key: string | undefined,
  how: "created" | "replayed",
): Promise<SendResult> {
  const docId = key ?? `${plan.definition}-${plan.documentNo}`;
  // The write is done; a failing read-back must not turn it into "failed". Unknown makes the next attempt
  // look the document up and adopt it.
  const doc = await client
    .readPurchasingDocument(docId, { docParId: plan.definition })
    .then((found) => found ?? findDocument(client, plan))
    .catch(() => undefined);
  if (!doc)
    return {
      status: "unknown",
      code: "read-back",
      message:
        "Sage Intacct accepted the document but it could not be read back yet. Retry to confirm; nothing will be posted twice.",
      internal: `read-back of ${docId} found nothing`,
    };
  return toSynced(plan, doc, how);
}

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

async function sendPurchasing(client: IntacctClient, plan: SyncPlan, controlId: string): Promise<WriteOutcome> {
  const header = {
    controlId,
    transactionType: plan.definition,
    dateCreated: isoDate(plan.header.date),
    vendorId: plan.vendor?.id ?? "",
    documentNo: plan.documentNo,
    referenceNo: plan.header.referenceNo,
    message: plan.header.description,
    returnToContactName: "",
    payToContactName: "",
  };
  switch (plan.itemType) {
    case "CONTRACT":
      return client.createPurchaseOrder({
        ...header,
        dateDue: plan.header.dueDate ? isoDate(plan.header.dueDate) : undefined,
        lines: purchasingLines(plan),
      });
    case "CONTRACT_CHANGE":
      // §9: every line points at the PO by RECORDNO; a line changing an existing PO line also names that line.
      return client.createPoChangeOrder({
        ...header,
        lines: purchasingLines(plan).map((line, index) => ({
          ...line,
          relatedDocKey: plan.source?.recordNo ?? "",
          relatedDocLineKey: plan.lines[index]?.relatedLineKey ?? undefined,
        })),
      });
    default: {
      const fromPo = Boolean(plan.source);
      return client.createVendorInvoice({
        ...header,
        dateDue: plan.header.dueDate ? isoDate(plan.header.dueDate) : undefined,
        vendorDocNo: plan.header.vendorDocNo ?? undefined,
        createdFrom: fromPo ? plan.source?.key : undefined,
        lines: purchasingLines(plan).map((line, index) => ({
          ...line,
          sourceLineKey: fromPo ? (plan.lines[index]?.sourceLineKey ?? undefined) : undefined,
          retainagePercentage: plan.header.retainagePercent ?? undefined,
        })),
      });
    }
  }
}

function estimateEntries(plan: SyncPlan, wfType: "original" | "approved change") {
  return plan.lines.map((line) => ({
    taskId: line.taskId ?? undefined,
    costTypeId: line.costTypeId ?? undefined,
    accountNo: line.accountNo ?? undefined,
    amount: price(line.amountCents),
    wfType,
    effectiveDate: isoDate(plan.header.date),
    memo: `${line.costCode}${line.description && line.description !== line.costCode ? ` — ${line.description}` : ""}`.slice(
      0,
      1000,
    ),
  }));
}

async function readEstimate(
  client: IntacctClient,
  estimateId: string,
  options: { quiet?: boolean } = {},
): Promise<{ recordNo: string; status: string } | undefined> {
  const read = client.readByName({ object: "PJESTIMATE", keys: [estimateId] });
  // After a successful write a failed read only costs us the RECORDNO, never the outcome.
  const [record] = options.quiet ? await read.catch(() => []) : await read;
  if (!record) return undefined;
  return { recordNo: field(record, "RECORDNO"), status: field(record, "STATUS") };
}

async function sendEstimate(
  client: IntacctClient,
  plan: SyncPlan,
  controlId: string,
  reconcile: boolean,
): Promise<SendResult> {
  const resend = { resend: reconcile };
  if (plan.itemType === "BUDGET") {
    if (reconcile) {
      const existing = await readEstimate(client, plan.documentNo);
      if (existing)
        return {
          status: "synced",
          key: plan.documentNo,
          recordNo: existing.recordNo,
          state: existing.status || "active",
          lineKeys: {},
          how: "adopted",
        };
    }
    const outcome = await client.createProjectEstimate({
      controlId,
      estimateId: plan.documentNo,
      projectId: plan.project.id,
      description: plan.header.description,
      estimateDate: isoDate(plan.header.date),
      entries: estimateEntries(plan, "original"),
    });
    if (outcome.status !== "done") return fromError(outcome.status, outcome.error, resend);
    const estimate = await readEstimate(client, plan.documentNo, { quiet: true });
    return {
      status: "synced",
      key: outcome.key ?? plan.documentNo,
      recordNo: estimate?.recordNo ?? outcome.recordNo ?? "",
      state: estimate?.status || "active",
      lineKeys: {},
      how: outcome.replayed ? "replayed" : "created",
    };
  }
  // Budget change: new "approved change" entries on the budget's estimate (§10: an update appends entries without
  // RECORDNO). An unknown outcome is settled by resending with the same controlid: uniqueid=true makes Intacct
  // refuse a second application, which the client reports as done (replayed).
  const outcome = await client.updateProjectEstimate({
    controlId,
    estimateId: plan.source?.key ?? plan.documentNo,
    entries: estimateEntries(plan, "approved change"),
  });
  if (outcome.status !== "done") return fromError(outcome.status, outcome.error, resend);
  const estimate = await readEstimate(client, plan.source?.key ?? plan.documentNo, { quiet: true });
  return {
    status: "synced",
    key: plan.source?.key ?? plan.documentNo,
    recordNo: estimate?.recordNo ?? plan.source?.recordNo ?? "",
    state: estimate?.status || "active",
    lineKeys: {},
    how: outcome.replayed ? "replayed" : "created",
  };
}

// `reconcile`: the previous attempt's outcome is unknown. Look the document up first and adopt it if it landed;
// otherwise resend with the same controlid, which Intacct refuses to apply twice.
export async function sendSyncPlan(
  client: IntacctClient,
  plan: SyncPlan,
  options: { controlId: string; reconcile: boolean },
): Promise<SendResult> {
  try {
    if (plan.itemType === "BUDGET" || plan.itemType === "BUDGET_CHANGE")
      return await sendEstimate(client, plan, options.controlId, options.reconcile);
    if (options.reconcile) {
      const existing = await findDocument(client, plan);
      if (existing) return toSynced(plan, existing, "adopted");
    }
    const outcome = await sendPurchasing(client, plan, options.controlId);
    if (outcome.status !== "done") return fromError(outcome.status, outcome.error, { resend: options.reconcile });
    return await readBackDocument(client, plan, outcome.key, outcome.replayed ? "replayed" : "created");
  } catch (error) {
    // Reads (reconcile, read-back) throw typed errors; a failed read after a successful write is "unknown".
    const typed = error as Partial<IntacctError>;
    if (typed && typeof typed.userMessage === "string") {
      const base = { code: typed.code ?? "unknown", message: typed.userMessage, internal: String(typed.message) };
      if (typed.maybeCommitted || options.reconcile) return { status: "unknown", ...base };
      return { status: "failed", ...base, retryable: isTransient(typed), retryAfterMs: typed.retryAfterMs };
    }
    throw error;
  }
}

// A complete accounting provider that keeps its documents in memory. It proves the provider boundary (lib/sync's
// own tests run against it, never against Intacct code), and it is the smallest worked example of what a second
// accounting system must implement. It behaves like a careful ledger: a control id runs at most once, a document
// number is unique per kind, and faults can be queued to play refusals, lost replies and outages.
import type { ItemType } from "@/lib/generated/prisma/enums";
import type {
  AccountingProvider,
  ProviderExchange,
  ProviderPlan,
  RemoteBill,
  StatusChange,
  SyncItem,
} from "../provider";
import type { Blocker, ConnectionView, SendResult, SyncPlan } from "../types";

export type LedgerDocument = {
  key: string;
  recordNo: string;
  itemType: ItemType;
  documentNo: string;
  controlId: string;
  vendor: string | null;
  totalCents: number;
  lineKeys: Record<string, string>;
  sourceKey: string | null;
  /** What the accountant has done to it since (see `accountant`). */
  state: string;
  vendorId: string | null;
  lines: { key: string; amountCents: number; costCode: string | null }[];
  /** The ledger's clock when the document last changed (a counter: every change ticks it). */
  modified: number;
  bill: (RemoteBill & { modified: number }) | null;
};

/** The accountant's side of the ledger, for tests: what people do to documents after we sent them. */
export type LedgerAccountant = {
  approve: (key: string) => void;
  decline: (key: string) => void;
  /** Pays part or all of the document's bill (approve an invoice first). */
  pay: (key: string, cents: number, paidAt?: Date) => void;
  changeLine: (key: string, lineIndex: number, cents: number) => void;
  /** Deletes one line of the document (a budget's estimate entry, deleted on its own). */
  removeLine: (key: string, lineIndex: number) => void;
  changeVendor: (key: string, vendorId: string) => void;
  remove: (key: string) => void;
};
/**
 * refuse: the ledger refuses the document (nothing posted). lose-reply: the document is posted but the answer is
 * lost. unreachable: the ledger cannot be reached (nothing posted). down: opening a session fails.
 */
export type LedgerFault = "refuse" | "lose-reply" | "unreachable" | "down";

const DOCUMENTS: Record<ItemType, { documentType: string; prefix: string }> = {
  CONTRACT: { documentType: "Purchase order", prefix: "PO" },
  CONTRACT_CHANGE: { documentType: "Change order", prefix: "CO" },
  INVOICE: { documentType: "Bill", prefix: "BILL" },
  BUDGET: { documentType: "Budget", prefix: "BUD" },
  BUDGET_CHANGE: { documentType: "Budget revision", prefix: "BREV" },
};

export type InMemoryProvider = AccountingProvider & {
  documents: () => LedgerDocument[];
  /** Documents deleted by the accountant. */
  deletedDocuments: () => LedgerDocument[];
  accountant: LedgerAccountant;
  queueFault: (fault: LedgerFault) => void;
  /** Requests that reached the ledger (each send and each lookup), for asserting what was resent. */
  requests: () => string[];
};

function documentNoFor(item: SyncItem): string {
  if (item.itemType === "CONTRACT_CHANGE" || item.itemType === "INVOICE")
    return `${item.contractNumber}-${item.number}`;
  if (item.itemType === "BUDGET" || item.itemType === "BUDGET_CHANGE") return `${item.project.number}-${item.number}`;
  return item.number;
}

function planItem(item: SyncItem): ProviderPlan {
  const blockers: Blocker[] = [];
  if (item.vendor === null && (item.itemType === "CONTRACT" || item.itemType === "INVOICE")) {
    blockers.push({ message: "A vendor is required." });
  }
  const prior = item.prerequisite?.sync;
  const plan: SyncPlan = {
    itemType: item.itemType,
    documentType: DOCUMENTS[item.itemType].documentType,
    definition: DOCUMENTS[item.itemType].prefix,
    documentNo: documentNoFor(item),
    vendor: item.vendor ? { id: item.vendor.name, name: item.vendor.name } : null,
    project: { id: item.project.number, name: item.project.name },
    entity: null,
    glAccount: null,
    lines: item.lines.map((line) => ({
      lineId: line.id,
      description: line.description,
      costCode: `${line.costCode.code} ${line.costCode.name}`,
      taskId: line.costCode.code,
      costTypeId: null,
      itemId: null,
      accountNo: null,
      amountCents: Number(line.amountCents),
      warning: null,
      relatedLineKey: line.changesLineId ? (prior?.lineKeys[line.changesLineId] ?? null) : null,
      sourceLineKey: line.billsLineId ? (prior?.lineKeys[line.billsLineId] ?? null) : null,
    })),
    warnings: [],
    location: "In-memory ledger",
    source: prior?.state === "SYNCED" ? { key: prior.key, recordNo: prior.recordNo } : null,
    header: {
      date: item.dates.document,
      dueDate: item.dates.due ?? item.dates.document,
      description: item.title,
      referenceNo: item.number,
      vendorDocNo: null,
      retainagePercent: null,
    },
  };
  return { plan, blockers };
}

const CONNECTED: ConnectionView = {
  provider: "SAGE_INTACCT",
  status: "CONNECTED",
  credentials: {},
  hasSecrets: true,
  lastCheckedAt: null,
  lastSuccessAt: null,
  lastError: "",
  probes: [],
  options: { transactionDefinitions: [], items: [], costTypes: [] },
  settings: {},
};

export function createInMemoryProvider(): InMemoryProvider {
  const ledger = new Map<string, LedgerDocument>();
  const executed = new Set<string>();
  const faults: LedgerFault[] = [];
  const requests: string[] = [];
  const deleted: { doc: LedgerDocument; at: number }[] = [];
  let sequence = 0;
  let clock = 0;
  const tick = () => ++clock;

  const keyOf = (plan: SyncPlan) => `${plan.definition}-${plan.documentNo}`;
  const findByNumber = (plan: SyncPlan) => ledger.get(keyOf(plan));
  const synced = (doc: LedgerDocument, how: "created" | "adopted"): SendResult => ({
    status: "synced",
    key: doc.key,
    recordNo: doc.recordNo,
    state: "Open",
    lineKeys: doc.lineKeys,
    how,
  });

  function post(plan: SyncPlan, controlId: string): LedgerDocument {
    const recordNo = String(++sequence);
    const doc: LedgerDocument = {
      key: keyOf(plan),
      recordNo,
      itemType: plan.itemType,
      documentNo: plan.documentNo,
      controlId,
      vendor: plan.vendor?.name ?? null,
      totalCents: plan.lines.reduce((sum, line) => sum + line.amountCents, 0),
      lineKeys: Object.fromEntries(plan.lines.map((line, i) => [line.lineId, `${recordNo}.${i + 1}`])),
      sourceKey: plan.source?.key ?? null,
      state: plan.itemType === "INVOICE" ? "Submitted" : "Open",
      vendorId: plan.vendor?.id ?? null,
      lines: plan.lines.map((line, i) => ({
        key: `${recordNo}.${i + 1}`,
        amountCents: line.amountCents,
        costCode: line.taskId,
      })),
      modified: tick(),
      bill: null,
    };
    ledger.set(doc.key, doc);
    executed.add(controlId);
    return doc;
  }

  function send(plan: SyncPlan, controlId: string, report: (e: ProviderExchange) => void): SendResult {
    requests.push(`send ${controlId}`);
    const fault = faults.shift();
    const exchange = (response: string | null) =>
      report({
        request: `send ${plan.documentNo} as ${controlId}`,
        response,
        status: 200,
        durationMs: 0,
        errorCode: null,
      });
    if (fault === "unreachable") {
      exchange(null);
      return {
        status: "failed",
        code: "unreachable",
        message: "The ledger could not be reached.",
        internal: fault,
        retryable: true,
      };
    }
    if (fault === "refuse") {
      exchange("refused");
      return { status: "failed", code: "refused", message: "The ledger refused the document.", internal: fault };
    }
    // A control id runs once: a resend of one that ran is refused, and that refusal proves nothing was posted now.
    if (executed.has(controlId)) {
      exchange("control id already executed");
      return {
        status: "unknown",
        code: "replayed",
        message: "The ledger has already run this request.",
        internal: controlId,
      };
    }
    if (findByNumber(plan)) {
      exchange("duplicate document number");
      return {
        status: "failed",
        code: "duplicate",
        message: `Document ${plan.documentNo} already exists.`,
        internal: plan.documentNo,
      };
    }
    const doc = post(plan, controlId);
    if (fault === "lose-reply") {
      exchange(null);
      return { status: "unknown", code: "timeout", message: "The ledger did not answer in time.", internal: fault };
    }
    exchange(`posted ${doc.key}`);
    return synced(doc, "created");
  }

  function requireDoc(key: string): LedgerDocument {
    const doc = ledger.get(key);
    if (!doc) throw new Error(`No document ${key} in the ledger.`);
    return doc;
  }
  function totalOf(doc: LedgerDocument): number {
    return doc.lines.reduce((sum, line) => sum + line.amountCents, 0);
  }
  function newBill(doc: LedgerDocument): RemoteBill & { modified: number } {
    const total = totalOf(doc);
    return {
      key: `B${++sequence}`,
      state: "Posted",
      totalCents: total,
      paidCents: 0,
      dueCents: total,
      paidAt: null,
      modified: tick(),
    };
  }
  // Changing a document recreates its bill (as Intacct does for a Vendor Invoice), unless payments are applied.
  function changed(doc: LedgerDocument): void {
    if (doc.bill && doc.bill.paidCents > 0) throw new Error(`${doc.key} has payments applied and cannot change.`);
    doc.totalCents = totalOf(doc);
    doc.modified = tick();
    if (doc.bill) doc.bill = newBill(doc);
  }
  const accountant: LedgerAccountant = {
    approve(key) {
      const doc = requireDoc(key);
      doc.state = "Approved";
      doc.modified = tick();
      if (doc.itemType === "INVOICE" && !doc.bill) doc.bill = newBill(doc);
    },
    decline(key) {
      const doc = requireDoc(key);
      doc.state = "Declined";
      doc.modified = tick();
    },
    pay(key, cents, paidAt = new Date()) {
      const doc = requireDoc(key);
      const bill = doc.bill;
      if (!bill) throw new Error(`${key} has no bill to pay.`);
      if (cents <= 0 || cents > bill.dueCents) throw new Error(`Cannot pay ${cents} of ${bill.dueCents} due.`);
      bill.paidCents += cents;
      bill.dueCents -= cents;
      bill.state = bill.dueCents === 0 ? "Paid" : "Partially Paid";
      bill.paidAt = new Date(Date.UTC(paidAt.getUTCFullYear(), paidAt.getUTCMonth(), paidAt.getUTCDate()));
      bill.modified = tick();
    },
    changeLine(key, lineIndex, cents) {
      const doc = requireDoc(key);
      const line = doc.lines[lineIndex];
      if (!line) throw new Error(`${key} has no line ${lineIndex + 1}.`);
      line.amountCents = cents;
      changed(doc);
    },
    removeLine(key, lineIndex) {
      const doc = requireDoc(key);
      if (!doc.lines[lineIndex]) throw new Error(`${key} has no line ${lineIndex + 1}.`);
      doc.lines.splice(lineIndex, 1);
      changed(doc);
    },
    changeVendor(key, vendorId) {
      const doc = requireDoc(key);
      doc.vendorId = vendorId;
      changed(doc);
    },
    remove(key) {
      const doc = requireDoc(key);
      ledger.delete(key);
      deleted.push({ doc, at: tick() });
    },
  };

  return {
    accountant,
    deletedDocuments: () => deleted.map((d) => d.doc),
    // One "request" for the changes since the mark, one more for the documents that changed (their lines).
    async checkStatus(_db, _companyId, input) {
      if (faults[0] === "down" || faults[0] === "unreachable") {
        faults.shift();
        throw Object.assign(new Error("ledger down"), { userMessage: "The ledger is down.", code: "down" });
      }
      requests.push("status");
      const mark = Number(input.marks.ledger ?? 0) || 0;
      const docs = [...ledger.values()].filter((d) => d.modified > mark);
      const bills = [...ledger.values()].filter((d) => d.bill && d.bill.modified > mark);
      const gone = deleted.filter((d) => d.at > mark);
      const known = await input.findKnown({
        keys: [...new Set([...docs, ...bills].map((d) => d.key))],
        recordNos: gone.map((d) => d.doc.recordNo),
        billKeys: bills.map((d) => d.bill!.key),
      });
      const changes: StatusChange[] = [];
      let requestCount = 1;
      const readDocs = known.filter((k) => {
        const doc = ledger.get(k.key);
        return doc && doc.modified > mark && String(doc.modified) !== k.remoteModifiedAt;
      });
      if (readDocs.length > 0) {
        requests.push(`read ${readDocs.length}`);
        requestCount += 1;
      }
      for (const k of known) {
        const gonePast = gone.find((d) => d.doc.recordNo === k.recordNo && d.doc.key === k.key);
        if (gonePast) {
          changes.push({ recordId: k.recordId, kind: "deleted" });
          continue;
        }
        const doc = ledger.get(k.key);
        if (!doc) continue;
        const readWhole = readDocs.includes(k);
        const billMoved = doc.bill !== null && doc.bill.modified > mark;
        if (!readWhole && !billMoved) continue;
        const bill = doc.bill ? (({ modified: _m, ...rest }) => rest)(doc.bill) : null;
        changes.push({
          recordId: k.recordId,
          kind: "updated",
          ...(readWhole
            ? {
                document: {
                  key: doc.key,
                  recordNo: doc.recordNo,
                  state: doc.state,
                  vendorId: doc.vendorId,
                  totalCents: doc.totalCents,
                  lines: doc.lines.map((line) => ({ ...line })),
                  modifiedAt: String(doc.modified),
                },
              }
            : {}),
          bill: bill ? { ...bill } : readWhole ? null : undefined,
        });
      }
      return { changes, marks: { ledger: String(clock) }, requests: requestCount };
    },
    metadata: {
      provider: "SAGE_INTACCT",
      slug: "in-memory",
      name: "the in-memory ledger",
      description: "A ledger in memory.",
    },
    describeItemType: (itemType) => ({
      documentType: DOCUMENTS[itemType].documentType,
      location: "In-memory ledger",
    }),
    describeDocument: (itemType, key) => `${DOCUMENTS[itemType].documentType} ${key}`,
    getConnection: async () => CONNECTED,
    planFromCache: async (_db, item) => planItem(item),
    async openSession(_db, _companyId, options = {}) {
      if (faults[0] === "down") {
        faults.shift();
        throw Object.assign(new Error("ledger down"), {
          userMessage: "The ledger is down.",
          code: "down",
        });
      }
      const report = options.onExchange ?? (() => undefined);
      const lookup = (plan: SyncPlan) => {
        requests.push(`lookup ${plan.documentNo}`);
        const existing = findByNumber(plan);
        return existing ? synced(existing, "adopted") : undefined;
      };
      return {
        plan: async (item) => planItem(item),
        async send(plan, { controlId, reconcile }) {
          return (reconcile && lookup(plan)) || send(plan, controlId, report);
        },
        // Many documents in one request: a lookup first for each that reconciles, then one request whose faults
        // hit it whole (unreachable: nothing posted; lose-reply: all posted, no answer) or, a refusal, one document.
        async sendMany(batch) {
          const results: (SendResult | undefined)[] = batch.map((r) => (r.reconcile ? lookup(r.plan) : undefined));
          const pending = batch.flatMap((r, index) => (results[index] ? [] : [{ ...r, index }]));
          if (!pending.length) return results as SendResult[];
          requests.push(`request of ${pending.length}`);
          const whole = faults[0] === "unreachable" || faults[0] === "lose-reply" ? faults.shift() : undefined;
          if (whole === "unreachable") {
            report({
              request: `request of ${pending.length}`,
              response: null,
              status: null,
              durationMs: 0,
              errorCode: "unreachable",
            });
            for (const { index } of pending)
              results[index] = {
                status: "failed",
                code: "unreachable",
                message: "The ledger could not be reached.",
                internal: whole,
                retryable: true,
              };
            return results as SendResult[];
          }
          for (const { plan, controlId, index } of pending) {
            const result = send(plan, controlId, (exchange) => report({ ...exchange, controlId }));
            results[index] =
              whole === "lose-reply" && result.status === "synced"
                ? { status: "unknown", code: "timeout", message: "The ledger did not answer in time.", internal: whole }
                : result;
          }
          return results as SendResult[];
        },
      };
    },
    searchReferences: async () => [],
    documents: () => [...ledger.values()],
    queueFault: (fault) => void faults.push(fault),
    requests: () => [...requests],
  };
}

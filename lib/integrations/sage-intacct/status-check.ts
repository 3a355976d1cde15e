// The status check for Sage Intacct (§9, §15): one request asks PODOCUMENT (our definitions), APBILL,
// PJESTIMATEENTRY and AUDITHISTORY (deletions) what changed since each object's high-water mark; only then are the
// changed documents read whole (lines, to compare with what we sent) and their bills. Marks are Intacct's own clock
// text ('mm/dd/yyyy HH:MM:SS', §7), moved to the newest stamp seen less an overlap, so a record committed late in
// the same second is read again (and found unchanged) rather than missed.
import "server-only";
import type { Db } from "@/lib/db/client";
import {
  auditRecordNo,
  formatGenericTimestamp,
  isDeletion,
  type IntacctApBill,
  type IntacctClient,
  type IntacctDocumentDetail,
} from "@/lib/intacct";
import type {
  KnownDocument,
  RemoteBill,
  RemoteDocument,
  StatusChange,
  StatusCheckInput,
  StatusCheckResult,
} from "@/lib/integrations/provider";
import { getIntacctClientForCompany } from "./client-factory";
import { DEFAULT_DEFINITIONS } from "./metadata";
import { getIntacctConnectionView } from "./service";

const STATUS_REQUEST_TIMEOUT_MS = Number(process.env.INTACCT_SYNC_TIMEOUT_MS ?? 20_000);
/** How far a mark stays behind the newest stamp seen: a transaction stamped earlier but committed later is read. */
export const MARK_OVERLAP_MS = 60_000;
const OBJECTS = ["PODOCUMENT", "APBILL", "AUDITHISTORY", "PJESTIMATEENTRY"] as const;
type MarkObject = (typeof OBJECTS)[number];

const STAMP = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/;
const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Intacct's 'mm/dd/yyyy HH:MM:SS' as milliseconds, read as UTC (we send and compare it the same way, §7). */
export function parseStamp(text: string | undefined): number | null {
  const match = STAMP.exec(text?.trim() ?? "");
  if (!match) return null;
  const [, mm, dd, yyyy, hh, mi, ss] = match.map(Number) as number[];
  return Date.UTC(yyyy!, mm! - 1, dd!, hh!, mi!, ss!);
}

/** A calendar date 'mm/dd/yyyy' as UTC midnight, or null. */
export function parseCalendarDate(text: string | undefined): Date | null {
  const match = DATE.exec(text?.trim() ?? "");
  if (!match) return null;
  const [, mm, dd, yyyy] = match.map(Number) as number[];
  return new Date(Date.UTC(yyyy!, mm! - 1, dd!));
}

/** An Intacct decimal ("1234.5", "-12.30") as integer cents, without floating point. */
export function parseCents(text: string | undefined): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text?.trim() ?? "");
  if (!match) return 0;
  const [, sign, whole, fraction = ""] = match;
  // Beyond two decimals Intacct rounds half up; so do we.
  const cents =
    Number(whole) * 100 + Number(fraction.padEnd(3, "0").slice(0, 2)) + (Number(fraction[2] ?? 0) >= 5 ? 1 : 0);
  return sign ? -cents : cents;
}

function toRemoteBill(bill: IntacctApBill): RemoteBill {
  return {
    key: bill.recordNo,
    state: bill.state,
    totalCents: parseCents(bill.totalEntered),
    paidCents: parseCents(bill.totalPaid),
    dueCents: parseCents(bill.totalDue),
    paidAt: parseCents(bill.totalPaid) > 0 ? parseCalendarDate(bill.whenPaid) : null,
  };
}

/**
 * The document's stamp, if it can be trusted to change with the next edit: WHENMODIFIED has whole seconds, so a
 * document read in the second it was stamped could be edited again in that second under the same stamp. Such a
 * read stores no stamp, and the next check (which still sees it, inside the mark's overlap) reads it again.
 */
export function settledStamp(stamp: string | undefined, serverTime: number | null): string {
  const ms = parseStamp(stamp);
  if (ms === null || serverTime === null || serverTime < ms + 1000) return "";
  return stamp ?? "";
}

function toRemoteDocument(doc: IntacctDocumentDetail, serverTime: number | null): RemoteDocument {
  return {
    key: doc.docId,
    recordNo: doc.recordNo,
    state: doc.state,
    vendorId: doc.vendorId || null,
    totalCents: parseCents(doc.total),
    lines: doc.lines.map((line) => ({
      key: line.recordNo,
      amountCents: parseCents(line.total),
      costCode: line.taskId || null,
    })),
    modifiedAt: settledStamp(doc.whenModified, serverTime),
  };
}

/** The new mark: the newest stamp seen less the overlap, never behind the old mark. */
function advanceMark(old: string, stamps: (string | undefined)[]): string {
  const oldMs = parseStamp(old) ?? 0;
  let newest: number | null = null;
  for (const stamp of stamps) {
    const ms = parseStamp(stamp);
    if (ms !== null && (newest === null || ms > newest)) newest = ms;
  }
  if (newest === null) return old;
  const next = newest - MARK_OVERLAP_MS;
  return next > oldMs ? formatGenericTimestamp(new Date(next)) : old;
}

export async function checkIntacctStatus(
  db: Db,
  companyId: string,
  input: StatusCheckInput,
  clientOverride?: IntacctClient,
): Promise<StatusCheckResult> {
  // Both read our database (not a transaction): side by side, before the first request.
  const [connection, client] = await Promise.all([
    getIntacctConnectionView(db, companyId),
    clientOverride ??
      getIntacctClientForCompany(db, companyId, { timeoutMs: STATUS_REQUEST_TIMEOUT_MS, maxRetries: 1 }),
  ]);
  const settings = { ...DEFAULT_DEFINITIONS, ...connection.settings };
  const definitions: string[] = [
    settings.purchaseOrderDefinition,
    settings.changeOrderDefinition,
    settings.vendorInvoiceDefinition,
  ];
  const docParIds = [...new Set(definitions.filter(Boolean))];
  const fallback = formatGenericTimestamp(input.since);
  const marks = Object.fromEntries(OBJECTS.map((o) => [o, input.marks[o] || fallback])) as Record<MarkObject, string>;

  const probe = await client.probeStatus({ docParIds, since: marks });
  let requests = probe.requests;

  const deletions = probe.deletions.filter((entry) => isDeletion(entry) && entry.objectType === "podocument");
  const deletedRecordNos = deletions.map(auditRecordNo).filter(Boolean);
  // An estimate entry deleted on its own names only itself (§15): the budget (or change) whose line it was is found
  // by the entry keys the send stored, and its estimate is read again even though no entry of it was modified.
  const deletedEntries = new Set(
    probe.deletions
      .filter((entry) => isDeletion(entry) && entry.objectType === "pjestimateentry")
      .map(auditRecordNo)
      .filter(Boolean),
  );
  // A bill created by purchasing carries the document's number [I]: the invoice it may belong to, to be confirmed by
  // reading that invoice (its PRRECORDKEY) — a bill entered straight into AP matches nothing and costs nothing.
  const billGuesses = probe.bills.map((bill) => `${settings.vendorInvoiceDefinition}-${bill.recordId}`);
  const estimateIds = [...new Set(probe.estimateEntries.map((entry) => entry.estimateId))];
  const known = await input.findKnown({
    keys: [...new Set([...probe.documents.map((d) => d.docId), ...billGuesses, ...estimateIds])],
    recordNos: deletedRecordNos,
    billKeys: probe.bills.map((bill) => bill.recordNo),
    lineKeys: [...deletedEntries],
  });

  const byKey = new Map<string, KnownDocument[]>();
  for (const doc of known) byKey.set(doc.key, [...(byKey.get(doc.key) ?? []), doc]);
  const byRecordNo = new Map(known.filter((d) => d.recordNo).map((d) => [d.recordNo, d]));
  const byBill = new Map(known.filter((d) => d.billKey).map((d) => [d.billKey, d]));
  const billByRecordNo = new Map(probe.bills.map((bill) => [bill.recordNo, bill]));

  const changes: StatusChange[] = [];
  const deleted = new Set<string>();
  for (const recordNo of deletedRecordNos) {
    const doc = byRecordNo.get(recordNo);
    if (!doc || deleted.has(doc.recordId)) continue;
    deleted.add(doc.recordId);
    changes.push({ recordId: doc.recordId, kind: "deleted" });
  }

  // Documents to read whole: modified since we last read them, or the probable owner of a new bill.
  const toRead = new Map<string, KnownDocument>();
  for (const status of probe.documents) {
    for (const doc of byKey.get(status.docId) ?? []) {
      if (deleted.has(doc.recordId) || status.whenModified === doc.remoteModifiedAt) continue;
      toRead.set(doc.key, doc);
    }
  }
  probe.bills.forEach((bill, index) => {
    if (byBill.has(bill.recordNo)) return;
    for (const doc of byKey.get(billGuesses[index]!) ?? []) if (!deleted.has(doc.recordId)) toRead.set(doc.key, doc);
  });
  const isEstimate = (doc: KnownDocument) => doc.itemType === "BUDGET" || doc.itemType === "BUDGET_CHANGE";
  const lostAnEntry = new Set(
    known.filter((doc) => isEstimate(doc) && doc.lineKeys.some((key) => deletedEntries.has(key))).map((d) => d.key),
  );
  const estimatesToRead = [...new Set([...estimateIds, ...lostAnEntry])].filter((id) =>
    (byKey.get(id) ?? []).some(isEstimate),
  );

  const details = await client.readStatusDetails({ docIds: [...toRead.keys()], estimateIds: estimatesToRead });
  requests += details.requests;

  // Bills named by a document's PRRECORDKEY that the probe did not return (created before the mark): read them too.
  const missingBills = details.documents
    .map((doc) => doc.prRecordKey ?? "")
    .filter((key) => key && !billByRecordNo.has(key) && byBill.get(key) === undefined);
  if (missingBills.length > 0) {
    const more = await client.readStatusDetails({ billRecordNos: missingBills });
    requests += more.requests;
    for (const bill of more.bills) billByRecordNo.set(bill.recordNo, bill);
  }

  const handled = new Set<string>();
  for (const doc of details.documents) {
    const ours = toRead.get(doc.docId);
    if (!ours) continue;
    handled.add(ours.recordId);
    const billKey = doc.prRecordKey ?? "";
    const bill = billKey ? billByRecordNo.get(billKey) : undefined;
    changes.push({
      recordId: ours.recordId,
      kind: "updated",
      document: toRemoteDocument(doc, details.serverTime),
      // No bill (any more), the bill as read, or — the same bill, not moved — unchanged.
      bill: !billKey ? null : bill ? toRemoteBill(bill) : undefined,
    });
  }
  // A document we went to read and did not find was deleted after the probe's audit window: the next check's
  // AUDITHISTORY read reports it, so nothing is concluded from its absence here.

  // Bills that moved on their own (payments): the document did not change.
  for (const bill of probe.bills) {
    const ours = byBill.get(bill.recordNo);
    if (!ours || handled.has(ours.recordId) || deleted.has(ours.recordId)) continue;
    handled.add(ours.recordId);
    changes.push({ recordId: ours.recordId, kind: "updated", bill: toRemoteBill(bill) });
  }

  // Estimates: the entries of each changed estimate, as lines.
  const entriesByEstimate = new Map<string, typeof details.estimateEntries>();
  for (const entry of details.estimateEntries)
    entriesByEstimate.set(entry.estimateId, [...(entriesByEstimate.get(entry.estimateId) ?? []), entry]);
  for (const estimateId of estimatesToRead) {
    const entries = entriesByEstimate.get(estimateId) ?? [];
    const modifiedAt = entries.reduce(
      (newest, e) => ((parseStamp(e.whenModified) ?? 0) > (parseStamp(newest) ?? 0) ? e.whenModified : newest),
      "",
    );
    for (const ours of byKey.get(estimateId) ?? []) {
      // A deleted entry leaves no newer stamp behind: such an estimate is compared whatever its stamp.
      const unchanged = modifiedAt === ours.remoteModifiedAt && !lostAnEntry.has(estimateId);
      if (deleted.has(ours.recordId) || handled.has(ours.recordId) || unchanged) continue;
      handled.add(ours.recordId);
      changes.push({
        recordId: ours.recordId,
        kind: "updated",
        document: {
          key: estimateId,
          recordNo: ours.recordNo,
          state: "",
          vendorId: null,
          totalCents: entries.reduce((sum, e) => sum + parseCents(e.amount), 0),
          lines: entries.map((e) => ({
            key: e.recordNo,
            amountCents: parseCents(e.amount),
            costCode: e.taskId || null,
          })),
          modifiedAt: settledStamp(modifiedAt, details.serverTime),
        },
      });
    }
  }

  return {
    changes,
    marks: {
      PODOCUMENT: advanceMark(
        marks.PODOCUMENT,
        probe.documents.map((d) => d.whenModified),
      ),
      APBILL: advanceMark(
        marks.APBILL,
        probe.bills.map((b) => b.whenModified),
      ),
      AUDITHISTORY: advanceMark(
        marks.AUDITHISTORY,
        probe.deletions.map((d) => d.accessTime),
      ),
      PJESTIMATEENTRY: advanceMark(
        marks.PJESTIMATEENTRY,
        probe.estimateEntries.map((e) => e.whenModified),
      ),
    },
    requests,
  };
}

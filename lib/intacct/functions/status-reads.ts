import { z } from "zod";
import { parseInput, type IntacctFunction } from "../function";
import { readField, readOptionalField, type XmlRecord } from "../xml-parse";
import { buildQuery, buildReadByName, MAX_QUERY_PAGE_SIZE, type QueryFilter } from "./read-functions";

/**
 * Reads behind the status check (§9, §15): what became of documents we sent. One request asks every object for what
 * changed since a high-water mark (`buildStatusProbe`); the changed documents are then read whole
 * (`buildReadPurchasingDocuments`) and, where needed, their AP bills (`buildReadApBills`).
 */

/** §7: query/readByQuery timestamps are 'mm/dd/yyyy HH:MM:SS'. */
export const ZIntacctTimestamp = z
  .string()
  .regex(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/, "expected 'mm/dd/yyyy HH:MM:SS'");

const ZId = z.string().min(1);

// ─── APBILL (§9, §15: the bill a Vendor Invoice creates, found through the document's PRRECORDKEY) ──────────────

export type IntacctApBill = {
  recordNo: string;
  /** The bill number; a bill created by purchasing carries the document's number [I]. */
  recordId: string;
  vendorId: string;
  /** Posted, Partially Paid, Paid, … */
  state: string;
  totalEntered: string;
  totalPaid: string;
  totalDue: string;
  /** 'mm/dd/yyyy' of the (latest) payment; absent until paid. */
  whenPaid?: string;
  whenModified?: string;
};

export const AP_BILL_FIELDS = [
  "RECORDNO",
  "RECORDID",
  "VENDORID",
  "STATE",
  "TOTALENTERED",
  "TOTALPAID",
  "TOTALDUE",
  "WHENPAID",
  "WHENMODIFIED",
];

export function toApBill(record: XmlRecord): IntacctApBill {
  return {
    recordNo: readField(record, "RECORDNO"),
    recordId: readField(record, "RECORDID"),
    vendorId: readField(record, "VENDORID"),
    state: readField(record, "STATE"),
    totalEntered: readField(record, "TOTALENTERED"),
    totalPaid: readField(record, "TOTALPAID"),
    totalDue: readField(record, "TOTALDUE"),
    whenPaid: readOptionalField(record, "WHENPAID"),
    whenModified: readOptionalField(record, "WHENMODIFIED"),
  };
}

// ─── AUDITHISTORY (§15: deletions leave no WHENMODIFIED; the audit trail is their only trace) ───────────────────

export type IntacctAuditEntry = {
  /** Lower case object name: 'podocument', 'pjestimateentry', … */
  objectType: string;
  /** The record's key, as the audit trail writes it (its RECORDNO, possibly with a suffix: '123--REC'). */
  objectKey: string;
  /** What the audit trail shows for the record: the DOCID of a purchasing document [I]. */
  objectDesc?: string;
  /** Filters take the code ('D'); replies may show the name ('Deleted'). */
  accessMode: string;
  accessTime: string;
};

export const AUDIT_HISTORY_FIELDS = ["OBJECTTYPE", "OBJECTKEY", "OBJECTDESC", "ACCESSMODE", "ACCESSTIME"];

export function toAuditEntry(record: XmlRecord): IntacctAuditEntry {
  return {
    objectType: readField(record, "OBJECTTYPE").toLowerCase(),
    objectKey: readField(record, "OBJECTKEY"),
    objectDesc: readOptionalField(record, "OBJECTDESC"),
    accessMode: readField(record, "ACCESSMODE"),
    accessTime: readField(record, "ACCESSTIME"),
  };
}

/** The RECORDNO inside an audit OBJECTKEY ('123--REC' or '123'). */
export function auditRecordNo(entry: Pick<IntacctAuditEntry, "objectKey">): string {
  return entry.objectKey.split("--")[0]?.trim() ?? "";
}

export function isDeletion(entry: Pick<IntacctAuditEntry, "accessMode">): boolean {
  const mode = entry.accessMode.trim().toLowerCase();
  return mode === "d" || mode === "deleted";
}

// ─── PODOCUMENT headers and PJESTIMATEENTRY rows as the probe selects them ───────────────────────────────────────

export type IntacctDocumentStatus = {
  recordNo: string;
  docId: string;
  docParId: string;
  state: string;
  vendorId: string;
  prRecordKey?: string;
  total?: string;
  whenModified: string;
};

export const DOCUMENT_STATUS_FIELDS = [
  "RECORDNO",
  "DOCID",
  "DOCPARID",
  "STATE",
  "VENDORID",
  "PRRECORDKEY",
  "TOTAL",
  "WHENMODIFIED",
];

export function toDocumentStatus(record: XmlRecord): IntacctDocumentStatus {
  return {
    recordNo: readField(record, "RECORDNO"),
    docId: readField(record, "DOCID"),
    docParId: readField(record, "DOCPARID"),
    state: readField(record, "STATE"),
    vendorId: readField(record, "VENDORID"),
    prRecordKey: readOptionalField(record, "PRRECORDKEY"),
    total: readOptionalField(record, "TOTAL"),
    whenModified: readField(record, "WHENMODIFIED"),
  };
}

export type IntacctEstimateEntryStatus = {
  recordNo: string;
  estimateId: string;
  wfType: string;
  amount: string;
  taskId?: string;
  memo?: string;
  whenModified: string;
};

export const ESTIMATE_ENTRY_STATUS_FIELDS = [
  "RECORDNO",
  "PJESTIMATEID",
  "WFTYPE",
  "AMOUNT",
  "TASKID",
  "MEMO",
  "WHENMODIFIED",
];

export function toEstimateEntryStatus(record: XmlRecord): IntacctEstimateEntryStatus {
  return {
    recordNo: readField(record, "RECORDNO"),
    estimateId: readField(record, "PJESTIMATEID"),
    wfType: readField(record, "WFTYPE"),
    amount: readField(record, "AMOUNT"),
    taskId: readOptionalField(record, "TASKID"),
    memo: readOptionalField(record, "MEMO"),
    whenModified: readField(record, "WHENMODIFIED"),
  };
}

// ─── the probe: one request, one query per object ────────────────────────────────────────────────────────────────

export const ZStatusProbeInput = z.object({
  /** Our transaction definitions (DOCPARID): other purchasing documents of the company are none of our business. */
  docParIds: z.array(ZId).min(1).max(100),
  /** Per object, the high-water mark (the server's own clock): only what changed after it is returned. */
  since: z.object({
    PODOCUMENT: ZIntacctTimestamp,
    APBILL: ZIntacctTimestamp,
    AUDITHISTORY: ZIntacctTimestamp,
    /** Omit when the company has no synced estimates. */
    PJESTIMATEENTRY: ZIntacctTimestamp.optional(),
  }),
  pageSize: z.number().int().min(1).max(MAX_QUERY_PAGE_SIZE).default(MAX_QUERY_PAGE_SIZE),
});
export type StatusProbeInput = z.input<typeof ZStatusProbeInput>;

/** The objects of the probe, in the order of its functions (and of the results). */
export type StatusProbeObject = "PODOCUMENT" | "APBILL" | "AUDITHISTORY" | "PJESTIMATEENTRY";

const after = (field: string, value: string): QueryFilter => ({ field, op: "greaterthan", value });

/**
 * One object's query of the probe, from `offset` on (§7 offset paging). Ordered by the modification time, then
 * RECORDNO, so a page boundary never skips or repeats a record.
 */
export function buildStatusProbeQuery(
  object: StatusProbeObject,
  input: z.output<typeof ZStatusProbeInput>,
  offset = 0,
): IntacctFunction {
  const page = { pageSize: input.pageSize, offset };
  switch (object) {
    case "PODOCUMENT":
      return buildQuery({
        object,
        select: DOCUMENT_STATUS_FIELDS,
        filter: {
          and: [
            after("WHENMODIFIED", input.since.PODOCUMENT),
            { field: "DOCPARID", op: "in", values: input.docParIds },
          ],
        },
        orderBy: [{ field: "WHENMODIFIED" }, { field: "RECORDNO" }],
        ...page,
      });
    case "APBILL":
      return buildQuery({
        object,
        select: AP_BILL_FIELDS,
        filter: after("WHENMODIFIED", input.since.APBILL),
        orderBy: [{ field: "WHENMODIFIED" }, { field: "RECORDNO" }],
        ...page,
      });
    case "AUDITHISTORY":
      return buildQuery({
        object,
        select: AUDIT_HISTORY_FIELDS,
        filter: {
          and: [
            { field: "OBJECTTYPE", op: "in", values: ["podocument", "pjestimateentry"] },
            { field: "ACCESSMODE", op: "equalto", value: "D" },
            after("ACCESSTIME", input.since.AUDITHISTORY),
          ],
        },
        orderBy: [{ field: "ACCESSTIME" }],
        ...page,
      });
    case "PJESTIMATEENTRY":
      return buildQuery({
        object,
        select: ESTIMATE_ENTRY_STATUS_FIELDS,
        filter: after("WHENMODIFIED", input.since.PJESTIMATEENTRY ?? input.since.PODOCUMENT),
        orderBy: [{ field: "WHENMODIFIED" }, { field: "RECORDNO" }],
        ...page,
      });
  }
}

/**
 * The status check's first request (§7 query, §15): PODOCUMENT of our definitions, APBILL and PJESTIMATEENTRY
 * modified after their marks, and AUDITHISTORY deletions of purchasing documents and estimate entries after its
 * mark: one function per object, all in one request, so a check that finds nothing costs one round trip.
 */
export function buildStatusProbe(params: StatusProbeInput): {
  input: z.output<typeof ZStatusProbeInput>;
  objects: StatusProbeObject[];
  functions: IntacctFunction[];
} {
  const input = parseInput(ZStatusProbeInput, params, "status check");
  const objects: StatusProbeObject[] = ["PODOCUMENT", "APBILL", "AUDITHISTORY"];
  if (input.since.PJESTIMATEENTRY) objects.push("PJESTIMATEENTRY");
  return { input, objects, functions: objects.map((object) => buildStatusProbeQuery(object, input)) };
}

// ─── the follow-up reads, ≤ 100 keys per function (§2) ───────────────────────────────────────────────────────────

const ZKeys = z.array(ZId).min(1).max(100);

/** Purchasing documents by DOCID with their lines (readByName returns the entries with every field, §7). */
export function buildReadPurchasingDocuments(docIds: readonly string[]): IntacctFunction {
  const keys = parseInput(ZKeys, [...docIds], "purchasing documents to read");
  return buildReadByName({ object: "PODOCUMENT", keys });
}

/** A purchasing document's line as the status check reads it. */
export type IntacctDocumentLine = { recordNo: string; docId: string; lineNo: string; total: string; taskId?: string };

export const DOCUMENT_LINE_FIELDS = ["RECORDNO", "DOCHDRID", "LINE_NO", "TOTAL", "TASKID"];

export function toDocumentLine(record: XmlRecord): IntacctDocumentLine {
  return {
    recordNo: readField(record, "RECORDNO"),
    docId: readField(record, "DOCHDRID"),
    lineNo: readField(record, "LINE_NO"),
    total: readField(record, "TOTAL"),
    taskId: readOptionalField(record, "TASKID"),
  };
}

/**
 * The headers of purchasing documents by DOCID, with only the fields the status check compares (`query`, §7): far
 * less to send and parse than readByName's every field of every line.
 */
export function buildQueryDocumentHeaders(docIds: readonly string[]): IntacctFunction {
  const keys = parseInput(ZKeys, [...docIds], "purchasing documents to read");
  return buildQuery({
    object: "PODOCUMENT",
    select: DOCUMENT_STATUS_FIELDS,
    filter: { field: "DOCID", op: "in", values: keys },
    pageSize: keys.length,
  });
}

/** Their lines (PODOCUMENTENTRY by DOCHDRID), from `offset` on: a page holds 2,000 (§7), a document may hold more. */
export function buildQueryDocumentLines(docIds: readonly string[], offset = 0): IntacctFunction {
  const keys = parseInput(ZKeys, [...docIds], "purchasing document lines to read");
  return buildQuery({
    object: "PODOCUMENTENTRY",
    select: DOCUMENT_LINE_FIELDS,
    filter: { field: "DOCHDRID", op: "in", values: keys },
    orderBy: [{ field: "RECORDNO" }],
    pageSize: MAX_QUERY_PAGE_SIZE,
    offset,
  });
}

/** AP bills by RECORDNO. */
export function buildReadApBills(recordNos: readonly string[]): IntacctFunction {
  const keys = parseInput(ZKeys, [...recordNos], "AP bills to read");
  return buildQuery({
    object: "APBILL",
    select: AP_BILL_FIELDS,
    filter: { field: "RECORDNO", op: "in", values: keys },
    pageSize: keys.length,
  });
}

/** The entries of estimates by PJESTIMATEID. */
export function buildReadEstimateEntries(estimateIds: readonly string[]): IntacctFunction {
  const keys = parseInput(ZKeys, [...estimateIds], "estimates to read");
  return buildQuery({
    object: "PJESTIMATEENTRY",
    select: ESTIMATE_ENTRY_STATUS_FIELDS,
    filter: { field: "PJESTIMATEID", op: "in", values: keys },
    orderBy: [{ field: "RECORDNO" }],
    pageSize: MAX_QUERY_PAGE_SIZE,
  });
}

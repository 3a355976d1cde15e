// What happens behind a purchasing document once it leaves the API: a vendor invoice posts an AP bill (APBILL,
// reached through the document's PRRECORDKEY), payments (APPYMT + APPYMTDETAIL) pay the bill, and every change
// leaves an AUDITHISTORY row — the only place a deletion shows (docs/intacct/gateway.md §9, §15).
// Gateway handlers and the accountant endpoints (accountant.ts) share these rules, so an approval through the XML
// `approve` function and one through POST /__mock/accountant end in the same state.
import { formatTimestamp } from "./dates";
import { ACCESSMODE_CODES } from "./schema";
import type { CompanyState, Row } from "./store";

export type AuditMode = keyof typeof ACCESSMODE_CODES;
/** Who did it: the gateway user through the API, or the accountant in Intacct's screens. */
export type Actor = { userId: string; source: "api" | "ui" };

/**
 * One audit-trail row. OBJECTTYPE is the lower-case object name and OBJECTKEY '<RECORDNO>--REC', as a third-party
 * connector reads them (§15); ACCESSMODE is stored as Intacct shows it ("Deleted") and filtered by its letter.
 */
export function recordAudit(
  company: CompanyState,
  entry: { objectType: string; row: Row; mode: AuditMode; now: Date; actor: Actor; description?: string },
): Row {
  const table = company.tables.AUDITHISTORY;
  const recordNo = String(table.nextRecordNo);
  return table.insert({
    RECORDNO: recordNo,
    // [I] IDs look like '103:9' in Sage's REST samples; the mock keeps the shape with its own numbers.
    ID: `1:${recordNo}`,
    OBJECTTYPE: entry.objectType.toLowerCase(),
    OBJECTKEY: `${entry.row.RECORDNO ?? ""}--REC`,
    OBJECTDESC: entry.description ?? "",
    ACCESSMODE: ACCESSMODE_CODES[entry.mode],
    ACCESSTIME: formatTimestamp(entry.now),
    USERID: entry.actor.userId,
    SOURCE: entry.actor.source,
  });
}

export function toCents(amount: string | undefined): number {
  const n = Number(amount || "0");
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Only a definition of the Invoice class posts to Accounts Payable (the seed's "Vendor Invoice"). */
export function postsToPayables(company: CompanyState, doc: Row): boolean {
  return company.tables.PODOCUMENTPARAMS.findOne("DOCID", doc.DOCPARID ?? "")?.DOCCLASS === "Invoice";
}

/** States in which a document has posted: not a draft, not waiting for (or refused) approval. */
export const POSTED_STATES = ["Pending", "Approved", "Closed", "Partially Converted", "Converted", "In Progress"];

export function findBill(company: CompanyState, doc: Row): Row | undefined {
  if (!doc.PRRECORDKEY) return undefined;
  return company.tables.APBILL.findOne("RECORDNO", doc.PRRECORDKEY);
}

/**
 * Creates the AP bill of a posted vendor invoice and points the document's PRRECORDKEY at it. Safe inside a gateway
 * request (insert/update only), so a rolled-back transaction drops the bill with the document.
 */
export function postBill(company: CompanyState, doc: Row, now: Date, actor: Actor): Row {
  const stamp = formatTimestamp(now);
  const total = formatCents(toCents(doc.TOTAL));
  const bill = company.tables.APBILL.insert({
    RECORDTYPE: "apbill",
    // [I] A bill created by purchasing carries the document's number and the vendor's own invoice number.
    RECORDID: doc.DOCNO ?? "",
    VENDORID: doc.VENDORID ?? "",
    VENDORNAME: doc.VENDORNAME ?? "",
    DOCNUMBER: doc.VENDORDOCNO || doc.PONUMBER || "",
    DESCRIPTION: doc.MESSAGE ?? "",
    STATE: "Posted",
    WHENCREATED: doc.WHENCREATED ?? "",
    WHENPOSTED: doc.WHENPOSTED || doc.WHENCREATED || "",
    WHENDUE: doc.WHENDUE ?? "",
    WHENPAID: "",
    TERMNAME: doc.TERMNAME ?? "",
    BASECURR: doc.BASECURR || "USD",
    CURRENCY: doc.CURRENCY || "USD",
    TOTALENTERED: total,
    TOTALPAID: "0.00",
    TOTALDUE: total,
    TRX_TOTALENTERED: total,
    TRX_TOTALPAID: "0.00",
    TRX_TOTALDUE: total,
    AUWHENCREATED: stamp,
    WHENMODIFIED: stamp,
    MEGAENTITYID: doc.MEGAENTITYID ?? "",
    MEGAENTITYNAME: doc.MEGAENTITYNAME ?? "",
  });
  company.tables.PODOCUMENT.update(doc, { PRRECORDKEY: bill.RECORDNO ?? "" });
  recordAudit(company, { objectType: "APBILL", row: bill, mode: "C", now, actor, description: bill.RECORDID });
  return bill;
}

/**
 * Submitted (or Partially Approved) → Approved / Declined. Approval is when a vendor invoice under an approval
 * policy posts, so it gets its bill here (§9: transactions waiting for approval do not post) [I].
 */
export function decideDocument(
  company: CompanyState,
  doc: Row,
  target: "Approved" | "Declined",
  now: Date,
  actor: Actor,
): { bill?: Row } {
  company.tables.PODOCUMENT.update(doc, { STATE: target, WHENMODIFIED: formatTimestamp(now) });
  recordAudit(company, { objectType: "PODOCUMENT", row: doc, mode: "M", now, actor, description: doc.DOCID });
  if (target !== "Approved" || !postsToPayables(company, doc) || findBill(company, doc)) return {};
  return { bill: postBill(company, doc, now, actor) };
}

export const AWAITING_APPROVAL = ["Submitted", "Partially Approved"];

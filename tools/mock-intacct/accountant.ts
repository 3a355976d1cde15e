// POST /__mock/accountant — what an accountant does in Intacct's screens after our app sent a document: approve or
// decline it, post it, pay its bill, change it, delete it. Each action follows Intacct's rules (a Submitted document
// is locked, a bill cannot be paid past what is due, a paid or converted document cannot be edited or deleted) and
// leaves the traces a client can read back through the gateway: STATE and WHENMODIFIED on PODOCUMENT, the APBILL
// behind PRRECORDKEY (recreated under a new RECORDNO when an invoice changes), APPYMT, AUDITHISTORY
// (docs/intacct/gateway.md §9, §15). Shapes are documented in README.md.
import { z } from "zod";
import { formatDate, formatTimestamp, parseIntacctDate } from "./dates";
import {
  AWAITING_APPROVAL,
  decideDocument,
  findBill,
  formatCents,
  postBill,
  POSTED_STATES,
  postsToPayables,
  recordAudit,
  toCents,
  type Actor,
} from "./payables";
import { refreshConvertedSource, remainingQuantity } from "./po-transactions";
import type { CompanyState, Row } from "./store";

const DECIMAL = /^\d{1,9}(\.\d{1,2})?$/;
const Amount = z.string().regex(DECIMAL, "amount must be a decimal string such as '1250.00' (at most 2 decimals)");
const Company = { company: z.string().min(1).optional(), user: z.string().optional() };
const Base = { ...Company, docid: z.string().trim().min(1) };
const EntryKey = { ...Company, recordno: z.string().regex(/^\d+$/, "recordno must be a PJESTIMATEENTRY RECORDNO") };

export const AccountantActionSchema = z.discriminatedUnion("action", [
  z.strictObject({ ...Base, action: z.literal("approve"), comment: z.string().optional() }),
  z.strictObject({ ...Base, action: z.literal("decline"), comment: z.string().optional() }),
  z.strictObject({ ...Base, action: z.literal("post") }),
  z.strictObject({
    ...Base,
    action: z.literal("pay"),
    amount: Amount,
    date: z
      .string()
      .refine((value) => /^\d{2}\/\d{2}\/\d{4}$/.test(value) && parseIntacctDate(value) !== undefined, {
        message: "date must be a real date written MM/DD/YYYY",
      })
      .optional(),
  }),
  z
    .strictObject({
      ...Base,
      action: z.literal("change"),
      line: z.number().int().min(1).optional(),
      amount: Amount.optional(),
      vendorid: z.string().trim().min(1).optional(),
    })
    .refine((input) => (input.line === undefined) === (input.amount === undefined), {
      message: "line and amount go together",
    })
    .refine((input) => input.amount !== undefined || input.vendorid !== undefined, {
      message: "change needs line + amount, or vendorid",
    }),
  z.strictObject({ ...Base, action: z.literal("delete") }),
  z.strictObject({ ...EntryKey, action: z.literal("change-estimate-entry"), amount: Amount }),
  z.strictObject({ ...EntryKey, action: z.literal("delete-estimate-entry") }),
]);
export type AccountantAction = z.infer<typeof AccountantActionSchema>;

/** A refusal: 400 (Intacct would refuse it) or 404 (no such document). */
export class AccountantError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export type AccountantResult = {
  ok: true;
  action: string;
  document: DocumentWithLines | null;
  bill?: Row | null;
  previousBill?: Row;
  payment?: Row & { details: Row[] };
  audit: Row[];
  comment?: string;
};
type DocumentWithLines = Row & { entries: Row[] };

export type EstimateEntryResult = {
  ok: true;
  action: string;
  estimate: Row & { entries: Row[] };
  entry: Row | null;
  audit: Row[];
};

const LOCKED_FOR_EDIT = ["Submitted", "Partially Approved", "In Progress", "Converted", "Partially Converted"];

function withLines(company: CompanyState, doc: Row): DocumentWithLines {
  const entries = company.tables.PODOCUMENTENTRY.findAll("DOCHDRNO", doc.RECORDNO ?? "").map((line) => ({ ...line }));
  return { ...doc, entries } as unknown as DocumentWithLines;
}

function requireDocument(company: CompanyState, docId: string): Row {
  const doc = company.tables.PODOCUMENT.findOne("DOCID", docId);
  if (!doc) throw new AccountantError(404, `No transaction '${docId}' in company ${company.companyId}.`);
  return doc;
}

function refuseIfPaid(company: CompanyState, doc: Row, what: string): void {
  const bill = findBill(company, doc);
  if (bill && toCents(bill.TOTALPAID) > 0)
    throw new AccountantError(
      400,
      `${doc.DOCID} cannot be ${what}: its AP bill ${bill.RECORDNO} has payments applied (${bill.TOTALPAID} paid).`,
    );
}

/** Runs one action against a company's live tables. Outside any gateway request, so no snapshot is open. */
export function runAccountantAction(
  company: CompanyState,
  input: AccountantAction,
  now: Date,
): AccountantResult | EstimateEntryResult {
  const actor: Actor = { userId: input.user ?? "accountant", source: "ui" };
  const auditFrom = company.tables.AUDITHISTORY.rows.length;
  if (input.action === "change-estimate-entry" || input.action === "delete-estimate-entry") {
    const estimate = changeEstimateEntry(company, input, now, actor);
    return {
      ok: true,
      action: input.action,
      ...estimate,
      audit: company.tables.AUDITHISTORY.rows.slice(auditFrom),
    };
  }
  const doc = requireDocument(company, input.docid);
  const result = (extra: Partial<AccountantResult>): AccountantResult => {
    const live = company.tables.PODOCUMENT.findOne("DOCID", input.docid);
    return {
      ok: true,
      action: input.action,
      document: live ? withLines(company, live) : null,
      ...extra,
      audit: company.tables.AUDITHISTORY.rows.slice(auditFrom),
    };
  };

  switch (input.action) {
    case "approve":
    case "decline": {
      if (!AWAITING_APPROVAL.includes(doc.STATE ?? ""))
        throw new AccountantError(400, `Transaction ${doc.DOCID} is not awaiting approval; its state is ${doc.STATE}.`);
      const { bill } = decideDocument(company, doc, input.action === "approve" ? "Approved" : "Declined", now, actor);
      return result({ bill: bill ?? null, comment: input.comment });
    }
    case "post": {
      if (!postsToPayables(company, doc))
        throw new AccountantError(
          400,
          `${doc.DOCID} is a ${doc.DOCPARID}; only a transaction definition of the Invoice class creates an AP bill.`,
        );
      if (!POSTED_STATES.includes(doc.STATE ?? ""))
        throw new AccountantError(
          400,
          `${doc.DOCID} is ${doc.STATE} and cannot post${AWAITING_APPROVAL.includes(doc.STATE ?? "") ? "; approve it first" : ""}.`,
        );
      const existing = findBill(company, doc);
      if (existing) return result({ bill: { ...existing } });
      return result({ bill: { ...postBill(company, doc, now, actor) } });
    }
    case "pay":
      return result(payBill(company, doc, input.amount, input.date ?? formatDate(now), now, actor));
    case "change":
      return result(changeDocument(company, doc, input, now, actor));
    case "delete":
      deleteDocument(company, doc, now, actor);
      return result({});
  }
}

function payBill(
  company: CompanyState,
  doc: Row,
  amount: string,
  date: string,
  now: Date,
  actor: Actor,
): Pick<AccountantResult, "bill" | "payment"> {
  const bill = findBill(company, doc);
  if (!bill)
    throw new AccountantError(
      400,
      `${doc.DOCID} has no AP bill to pay (state ${doc.STATE}); ${postsToPayables(company, doc) ? "approve or post it first" : "only vendor invoices create bills"}.`,
    );
  const cents = toCents(amount);
  const due = toCents(bill.TOTALDUE);
  if (cents <= 0) throw new AccountantError(400, "A payment must be more than 0.00.");
  if (cents > due)
    throw new AccountantError(
      400,
      `The payment ${formatCents(cents)} is more than the ${formatCents(due)} due on bill ${bill.RECORDNO}.`,
    );
  const stamp = formatTimestamp(now);
  const t = company.tables;
  const payment = t.APPYMT.insert({
    RECORDTYPE: "appayment",
    VENDORID: bill.VENDORID ?? "",
    VENDORNAME: bill.VENDORNAME ?? "",
    PAYMENTMETHOD: "EFT",
    FINANCIALENTITY: "CHK-OPERATING",
    DOCNUMBER: "",
    DESCRIPTION: `Payment of bill ${bill.RECORDID || bill.RECORDNO}`,
    STATE: "Complete",
    PAYMENTDATE: date,
    WHENPAID: date,
    WHENCREATED: date,
    BASECURR: bill.BASECURR ?? "USD",
    CURRENCY: bill.CURRENCY ?? "USD",
    TOTALENTERED: formatCents(cents),
    TOTALPAID: formatCents(cents),
    AUWHENCREATED: stamp,
    WHENMODIFIED: stamp,
    MEGAENTITYID: bill.MEGAENTITYID ?? "",
    MEGAENTITYNAME: bill.MEGAENTITYNAME ?? "",
  });
  const detail = t.APPYMTDETAIL.insert({
    PAYMENTKEY: payment.RECORDNO ?? "",
    RECORDKEY: bill.RECORDNO ?? "",
    PAYMENTAMOUNT: formatCents(cents),
    TRX_PAYMENTAMOUNT: formatCents(cents),
    PAYMENTDATE: date,
    WHENCREATED: stamp,
    WHENMODIFIED: stamp,
  });
  const paid = toCents(bill.TOTALPAID) + cents;
  const left = due - cents;
  t.APBILL.update(bill, {
    TOTALPAID: formatCents(paid),
    TOTALDUE: formatCents(left),
    TRX_TOTALPAID: formatCents(paid),
    TRX_TOTALDUE: formatCents(left),
    STATE: left === 0 ? "Paid" : "Partially Paid",
    // [I] WHENPAID follows the latest payment; once Paid it is the date the bill was paid in full.
    WHENPAID: date,
    WHENMODIFIED: stamp,
  });
  recordAudit(company, { objectType: "APPYMT", row: payment, mode: "C", now, actor });
  recordAudit(company, { objectType: "APBILL", row: bill, mode: "M", now, actor, description: bill.RECORDID });
  const paymentView = { ...payment, details: [{ ...detail }] } as unknown as Row & { details: Row[] };
  return { bill: { ...bill }, payment: paymentView };
}

function changeDocument(
  company: CompanyState,
  doc: Row,
  input: Extract<AccountantAction, { action: "change" }>,
  now: Date,
  actor: Actor,
): Pick<AccountantResult, "bill" | "previousBill"> {
  const t = company.tables;
  // DOC-PO: update_potransaction is refused while a document is Submitted, In Progress or (partially) converted;
  // the screens lock the same documents.
  if (LOCKED_FOR_EDIT.includes(doc.STATE ?? ""))
    throw new AccountantError(400, `${doc.DOCID} is ${doc.STATE} and locked for editing.`);
  refuseIfPaid(company, doc, "changed");
  const stamp = formatTimestamp(now);
  const patch: Row = { WHENMODIFIED: stamp };
  if (input.vendorid !== undefined) {
    const vendor = t.VENDOR.findOne("VENDORID", input.vendorid);
    if (!vendor || vendor.STATUS !== "active")
      throw new AccountantError(400, `Invalid Vendor '${input.vendorid}' specified.`);
    patch.VENDORID = vendor.VENDORID ?? "";
    patch.VENDORNAME = vendor.NAME ?? "";
  }
  const lines = t.PODOCUMENTENTRY.findAll("DOCHDRNO", doc.RECORDNO ?? "")
    .slice()
    .sort((a, b) => Number(a.LINE_NO) - Number(b.LINE_NO));
  if (input.line !== undefined && input.amount !== undefined) {
    const line = lines[input.line - 1];
    if (!line)
      throw new AccountantError(400, `${doc.DOCID} has ${lines.length} line(s); there is no line ${input.line}.`);
    const cents = toCents(input.amount);
    const quantity = Number(line.QUANTITY || "0");
    // Our sync writes an amount as the quantity at a price of 1.00 (§9), so such a line changes its quantity, as
    // an accountant would; any other line keeps its quantity and changes its price.
    const linePatch: Row =
      toCents(line.PRICE) === 100 || quantity === 0
        ? { QUANTITY: String(cents / 100), PRICE: "1.00", UIPRICE: "1.00" }
        : { PRICE: String(cents / 100 / quantity), UIPRICE: String(cents / 100 / quantity) };
    const source = convertedSourceLine(company, line);
    if (source && linePatch.QUANTITY !== undefined) {
      // A converted line may not take more of its source line than is left there, its own share included.
      const left = remainingQuantity(company, source) + quantity;
      if (Number(linePatch.QUANTITY) > left + 1e-9)
        throw new AccountantError(
          400,
          `Line ${input.line}: the quantity ${linePatch.QUANTITY} exceeds the quantity ${String(left)} left to convert on source line ${source.RECORDNO}.`,
        );
    }
    t.PODOCUMENTENTRY.update(line, {
      ...linePatch,
      TOTAL: formatCents(cents),
      UIVALUE: formatCents(cents),
      WHENMODIFIED: stamp,
    });
    const total = formatCents(lines.reduce((sum, l) => sum + toCents(l.TOTAL), 0));
    patch.SUBTOTAL = total;
    patch.TOTAL = total;
  }
  t.PODOCUMENT.update(doc, patch);
  recordAudit(company, { objectType: "PODOCUMENT", row: doc, mode: "M", now, actor, description: doc.DOCID });
  // A converted line that now takes less (or more) moves its source between Partially Converted and Converted.
  for (const sourceDoc of sourceDocuments(company, lines)) refreshConvertedSource(company, sourceDoc, stamp);

  // DOC-PO: updating a vendor invoice deletes its AP bill and creates a new one under a new RECORDNO.
  const previous = findBill(company, doc);
  if (!previous) return {};
  t.APBILL.remove([previous]);
  recordAudit(company, { objectType: "APBILL", row: previous, mode: "D", now, actor, description: previous.RECORDID });
  const bill = postBill(company, doc, now, actor);
  return { bill: { ...bill }, previousBill: { ...previous } };
}

/** The source line a converted line draws on (sourcelinekey, or sourcedoclineid for several sources — §9). */
function convertedSourceLine(company: CompanyState, line: Row): Row | undefined {
  const key = line.SOURCELINEKEY || line.SOURCEDOCLINEID || "";
  return key ? company.tables.PODOCUMENTENTRY.findOne("RECORDNO", key) : undefined;
}

function sourceDocuments(company: CompanyState, lines: Row[]): Set<Row> {
  const sources = new Set<Row>();
  for (const line of lines) {
    const sourceLine = convertedSourceLine(company, line);
    const source = sourceLine ? company.tables.PODOCUMENT.findOne("RECORDNO", sourceLine.DOCHDRNO ?? "") : undefined;
    if (source && source.RECORDNO !== line.DOCHDRNO) sources.add(source);
  }
  return sources;
}

function deleteDocument(company: CompanyState, doc: Row, now: Date, actor: Actor): void {
  const t = company.tables;
  const lines = t.PODOCUMENTENTRY.findAll("DOCHDRNO", doc.RECORDNO ?? "");
  // A document that later documents were converted from, or that change orders change, cannot go first.
  const dependents = new Set<string>();
  for (const line of lines)
    for (const field of ["SOURCELINEKEY", "SOURCEDOCLINEID"])
      for (const child of t.PODOCUMENTENTRY.findAll(field, line.RECORDNO ?? "")) dependents.add(child.DOCHDRID ?? "");
  for (const child of t.PODOCUMENTENTRY.findAll("RELATEDDOCKEY", doc.RECORDNO ?? ""))
    if (child.DOCHDRNO !== doc.RECORDNO) dependents.add(child.DOCHDRID ?? "");
  if (dependents.size > 0)
    throw new AccountantError(
      400,
      `${doc.DOCID} cannot be deleted: ${[...dependents].join(", ")} ${dependents.size === 1 ? "was" : "were"} created from it. Delete ${dependents.size === 1 ? "that" : "those"} first.`,
    );
  refuseIfPaid(company, doc, "deleted");

  // The sources this document converted, to put back in Pending / Partially Converted once it is gone.
  const sources = sourceDocuments(company, lines);
  const bill = findBill(company, doc);
  if (bill) {
    t.APBILL.remove([bill]);
    recordAudit(company, { objectType: "APBILL", row: bill, mode: "D", now, actor, description: bill.RECORDID });
  }
  t.PODOCUMENTENTRY.remove(lines);
  t.PODOCUMENT.remove([doc]);
  company.deletedDocuments ??= [];
  company.deletedDocuments.push({
    header: { ...doc },
    entries: lines.map((line) => ({ ...line })),
    ...(bill ? { bill: { ...bill } } : {}),
    deletedAt: formatTimestamp(now),
  });
  // Deleting does not touch anyone's WHENMODIFIED: this row is the only trace (§15).
  recordAudit(company, { objectType: "PODOCUMENT", row: doc, mode: "D", now, actor, description: doc.DOCID });
  const stamp = formatTimestamp(now);
  for (const source of sources) refreshConvertedSource(company, source, stamp);
}

/**
 * An accountant edits or removes a line of a project estimate in Intacct. The estimate's TOTALAMOUNT and
 * WHENMODIFIED move with it [I]; a removed line leaves only its AUDITHISTORY row (§15). Finalized estimates are
 * locked (§10).
 */
function changeEstimateEntry(
  company: CompanyState,
  input: Extract<AccountantAction, { action: "change-estimate-entry" | "delete-estimate-entry" }>,
  now: Date,
  actor: Actor,
): Pick<EstimateEntryResult, "estimate" | "entry"> {
  const t = company.tables;
  const entry = t.PJESTIMATEENTRY.findOne("RECORDNO", input.recordno);
  if (!entry)
    throw new AccountantError(404, `No project estimate line ${input.recordno} in company ${company.companyId}.`);
  const estimate = t.PJESTIMATE.findOne("RECORDNO", entry.PJESTIMATEKEY ?? "");
  if (!estimate) throw new AccountantError(404, `Project estimate line ${input.recordno} has no estimate.`);
  if (estimate.STATUS === "finalized")
    throw new AccountantError(400, `Project Estimate '${estimate.PJESTIMATEID}' is finalized and cannot be changed.`);
  const stamp = formatTimestamp(now);
  if (input.action === "change-estimate-entry") {
    // AMOUNT wins over QTY × UNITCOST (§10), so the accountant's amount stands on its own.
    t.PJESTIMATEENTRY.update(entry, { AMOUNT: formatCents(toCents(input.amount)), WHENMODIFIED: stamp });
    recordAudit(company, { objectType: "PJESTIMATEENTRY", row: entry, mode: "M", now, actor });
  } else {
    t.PJESTIMATEENTRY.remove([entry]);
    recordAudit(company, { objectType: "PJESTIMATEENTRY", row: entry, mode: "D", now, actor });
  }
  const entries = t.PJESTIMATEENTRY.findAll("PJESTIMATEKEY", estimate.RECORDNO ?? "");
  t.PJESTIMATE.update(estimate, {
    TOTALAMOUNT: formatCents(entries.reduce((sum, e) => sum + toCents(e.AMOUNT), 0)),
    WHENMODIFIED: stamp,
  });
  const live = t.PJESTIMATEENTRY.findOne("RECORDNO", input.recordno);
  return {
    estimate: { ...estimate, entries: entries.map((e) => ({ ...e })) } as unknown as Row & { entries: Row[] },
    entry: live ? { ...live } : null,
  };
}

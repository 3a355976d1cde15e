import { z } from "zod";
import { ZControlId, parseInput, type IntacctFunction } from "../function";
import type { XmlNode } from "../xml-build";
import { readField, readList, readOptionalField, type XmlRecord } from "../xml-parse";
import { formatDecimal, formatLegacyDate, type CalendarDate } from "../xml-values";

const ZDecimal = z.union([z.number().finite(), z.string().min(1)]);
const ZDate = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")]);
const ZId = z.string().min(1);

export const ZPurchasingLine = z
  .object({
    itemId: ZId,
    itemDescription: z.string().optional(),
    warehouseId: ZId.optional(),
    quantity: ZDecimal,
    unit: ZId.optional(),
    price: ZDecimal.optional(),
    /** Conversion (§9): the source line's RECORDNO when the header has createdFrom. */
    sourceLineKey: ZId.optional(),
    locationId: ZId.optional(),
    departmentId: ZId.optional(),
    memo: z.string().optional(),
    customFields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()).optional(),
    projectId: ZId.optional(),
    taskId: ZId.optional(),
    costTypeId: ZId.optional(),
    customerId: ZId.optional(),
    vendorId: ZId.optional(),
    employeeId: ZId.optional(),
    classId: ZId.optional(),
    contractId: ZId.optional(),
    billable: z.boolean().optional(),
    retainagePercentage: ZDecimal.optional(),
    /** Change orders (§9): RECORDNO of the source document… */
    relatedDocKey: ZId.optional(),
    /** …and of the line being changed (omit to add a new line to the source). */
    relatedDocLineKey: ZId.optional(),
    sourceDocId: ZId.optional(),
    sourceDocLineId: ZId.optional(),
  })
  .superRefine((line, context) => {
    // §9: taskid needs projectid; costtypeid needs projectid + taskid.
    if (line.taskId && !line.projectId) context.addIssue({ code: "custom", path: ["taskId"], message: "taskId needs projectId" });
    if (line.costTypeId && !line.taskId) context.addIssue({ code: "custom", path: ["costTypeId"], message: "costTypeId needs taskId (and projectId)" });
    if (line.relatedDocLineKey && !line.relatedDocKey) context.addIssue({ code: "custom", path: ["relatedDocLineKey"], message: "relatedDocLineKey needs relatedDocKey" });
  });
export type PurchasingLineInput = z.input<typeof ZPurchasingLine>;

const ZPurchasingHeader = z.object({
  /** Stable id derived from the caller's record (e.g. `vi:${invoice.id}:v${invoice.version}`): the idempotency key (§6). */
  controlId: ZControlId,
  /** §9: the tenant's transaction definition name (DOCPARID). */
  transactionType: ZId,
  dateCreated: ZDate,
  datePosted: ZDate.optional(),
  vendorId: ZId,
  /** Blank = auto-numbered (§9). Set it to make reconciliation by findPurchasingDocument possible. */
  documentNo: ZId.optional(),
  referenceNo: z.string().optional(),
  vendorDocNo: z.string().optional(),
  termName: ZId.optional(),
  dateDue: ZDate.optional(),
  message: z.string().optional(),
  shippingMethod: z.string().optional(),
  /** §9: empty contact name = the vendor's default. */
  returnToContactName: z.string().optional(),
  payToContactName: z.string().optional(),
  externalId: z.string().optional(),
  baseCurrency: ZId.optional(),
  currency: ZId.optional(),
  exchangeRateDate: ZDate.optional(),
  exchangeRateType: ZId.optional(),
  exchangeRate: ZDecimal.optional(),
  customFields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()).optional(),
  state: z.enum(["Draft", "Pending", "Closed"]).optional(),
  projectId: ZId.optional(),
  lines: z.array(ZPurchasingLine).min(1),
});

export const ZPurchaseOrderInput = ZPurchasingHeader.extend({ transactionType: ZId.default("Purchase Order") });
export type PurchaseOrderInput = z.input<typeof ZPurchaseOrderInput>;

export const ZVendorInvoiceInput = ZPurchasingHeader.extend({
  transactionType: ZId.default("Vendor Invoice"),
  /** §9: the source DOCID (e.g. "Purchase Order-PO0213") when converting a PO; lines then carry sourceLineKey. */
  createdFrom: ZId.optional(),
});
export type VendorInvoiceInput = z.input<typeof ZVendorInvoiceInput>;

export const ZPoChangeOrderInput = ZPurchasingHeader.extend({
  /** §9: tenant-specific change-order definition ("Change-001" in the docs) — no default on purpose. */
  transactionType: ZId,
  lines: z
    .array(ZPurchasingLine)
    .min(1)
    .superRefine((lines, context) => {
      lines.forEach((line, index) => {
        if (!line.relatedDocKey) context.addIssue({ code: "custom", path: [index, "relatedDocKey"], message: "a change-order line needs relatedDocKey (source RECORDNO)" });
      });
    }),
});
export type PoChangeOrderInput = z.input<typeof ZPoChangeOrderInput>;

type PurchasingInput = z.output<typeof ZPurchasingHeader> & { createdFrom?: string };

const decimal = (field: string, value: number | string | undefined) => (value === undefined ? undefined : formatDecimal(field, value));
const legacyDate = (value: CalendarDate | undefined): XmlNode | undefined => (value === undefined ? undefined : formatLegacyDate(value));

function toCustomFields(fields: Record<string, string> | undefined): XmlNode | undefined {
  if (!fields || Object.keys(fields).length === 0) return undefined;
  return { customfield: Object.entries(fields).map(([name, value]) => ({ customfieldname: name, customfieldvalue: value })) };
}

function toLineNode(line: z.output<typeof ZPurchasingLine>): XmlNode {
  // §9 line order (XSD sequence). taskid/costtypeid sit right after projectid [I, as the 2022 .NET SDK does];
  // the other newer fields (retainage, related*, source*) are appended after billable [I].
  // Optional elements are omitted, not sent empty; insertion order is element order.
  const node: XmlNode = {};
  const put = (name: string, value: XmlNode[string]) => {
    if (value !== undefined) node[name] = value;
  };
  put("itemid", line.itemId);
  put("itemdesc", line.itemDescription);
  put("warehouseid", line.warehouseId);
  put("quantity", formatDecimal("quantity", line.quantity));
  put("unit", line.unit);
  put("price", decimal("price", line.price));
  put("sourcelinekey", line.sourceLineKey);
  put("locationid", line.locationId);
  put("departmentid", line.departmentId);
  put("memo", line.memo);
  put("customfields", toCustomFields(line.customFields));
  put("projectid", line.projectId);
  put("taskid", line.taskId);
  put("costtypeid", line.costTypeId);
  put("customerid", line.customerId);
  put("vendorid", line.vendorId);
  put("employeeid", line.employeeId);
  put("classid", line.classId);
  put("contractid", line.contractId);
  put("billable", line.billable === undefined ? undefined : String(line.billable));
  put("retainagepercentage", decimal("retainagePercentage", line.retainagePercentage));
  put("relateddockey", line.relatedDocKey);
  put("relateddoclinekey", line.relatedDocLineKey);
  put("sourcedocid", line.sourceDocId);
  put("sourcedoclineid", line.sourceDocLineId);
  return node;
}

function toPurchasingFunction(input: PurchasingInput): IntacctFunction {
  // §9 header order (XSD sequence): transactiontype, datecreated, dateposted, createdfrom, vendorid, documentno,
  // referenceno, vendordocno, termname, datedue, message, shippingmethod, returnto, payto, externalid, currency…,
  // customfields, state, projectid, potransitems.
  const body: XmlNode = {};
  const put = (name: string, value: XmlNode[string]) => {
    if (value !== undefined) body[name] = value;
  };
  put("transactiontype", input.transactionType);
  put("datecreated", legacyDate(input.dateCreated));
  put("dateposted", legacyDate(input.datePosted));
  put("createdfrom", input.createdFrom);
  put("vendorid", input.vendorId);
  put("documentno", input.documentNo);
  put("referenceno", input.referenceNo);
  put("vendordocno", input.vendorDocNo);
  put("termname", input.termName);
  put("datedue", legacyDate(input.dateDue));
  put("message", input.message);
  put("shippingmethod", input.shippingMethod);
  put("returnto", { contactname: input.returnToContactName ?? "" });
  put("payto", { contactname: input.payToContactName ?? "" });
  put("externalid", input.externalId);
  put("basecurr", input.baseCurrency);
  put("currency", input.currency);
  put("exchratedate", legacyDate(input.exchangeRateDate));
  put("exchratetype", input.exchangeRateType);
  put("exchrate", decimal("exchangeRate", input.exchangeRate));
  put("customfields", toCustomFields(input.customFields));
  put("state", input.state);
  put("projectid", input.projectId);
  put("potransitems", { potransitem: input.lines.map(toLineNode) });
  return { name: "create_potransaction", controlId: input.controlId, kind: "write", body: { create_potransaction: body } };
}

export function buildCreatePurchaseOrder(input: PurchaseOrderInput): IntacctFunction {
  return toPurchasingFunction(parseInput(ZPurchaseOrderInput, input, "purchase order"));
}

export function buildCreateVendorInvoice(input: VendorInvoiceInput): IntacctFunction {
  return toPurchasingFunction(parseInput(ZVendorInvoiceInput, input, "vendor invoice"));
}

export function buildCreatePoChangeOrder(input: PoChangeOrderInput): IntacctFunction {
  return toPurchasingFunction(parseInput(ZPoChangeOrderInput, input, "PO change order"));
}

// ─── reading purchasing documents ────────────────────────────────────────────────────────────────────────────

export type IntacctPurchasingEntry = {
  /** The line's RECORDNO: what sourcelinekey and relateddoclinekey point at (§9). */
  recordNo: string;
  /** §7: generic read numbers lines from 0. */
  lineNo: string;
  itemId: string;
  quantity: string;
  price: string;
  total: string;
  memo?: string;
  locationId?: string;
  departmentId?: string;
  projectId?: string;
  taskId?: string;
  costTypeId?: string;
};

export type IntacctPurchasingDocument = {
  recordNo: string;
  docId: string;
  docNo: string;
  docParId: string;
  state: string;
  vendorId: string;
  /** §9: the AP bill created by a Vendor Invoice definition. */
  prRecordKey?: string;
  createdFrom?: string;
  total?: string;
  whenModified?: string;
  entries: IntacctPurchasingEntry[];
};

function findEntries(record: XmlRecord): XmlRecord[] {
  // The entries wrapper is not pinned down by the docs: accept ENTRIES or PODOCUMENTENTRIES holding
  // podocumententry/PODOCUMENTENTRY elements, one or many.
  for (const wrapper of ["PODOCUMENTENTRIES", "ENTRIES", "podocumententries"]) {
    const node = record[wrapper];
    if (node === undefined || typeof node === "string") continue;
    for (const container of readList(node)) {
      for (const name of ["podocumententry", "PODOCUMENTENTRY"]) {
        if (container[name] !== undefined) return readList(container[name]);
      }
    }
  }
  return [];
}

export function toPurchasingDocument(record: XmlRecord): IntacctPurchasingDocument {
  return {
    recordNo: readField(record, "RECORDNO"),
    docId: readField(record, "DOCID"),
    docNo: readField(record, "DOCNO"),
    docParId: readField(record, "DOCPARID"),
    state: readField(record, "STATE"),
    vendorId: readField(record, "VENDORID") || readField(record, "CUSTVENDID"),
    prRecordKey: readOptionalField(record, "PRRECORDKEY"),
    createdFrom: readOptionalField(record, "CREATEDFROM"),
    total: readOptionalField(record, "TOTAL"),
    whenModified: readOptionalField(record, "WHENMODIFIED"),
    entries: findEntries(record).map((entry) => ({
      recordNo: readField(entry, "RECORDNO"),
      lineNo: readField(entry, "LINE_NO"),
      itemId: readField(entry, "ITEMID"),
      quantity: readField(entry, "QUANTITY"),
      price: readField(entry, "PRICE"),
      total: readField(entry, "TOTAL"),
      memo: readOptionalField(entry, "MEMO"),
      locationId: readOptionalField(entry, "LOCATIONID"),
      departmentId: readOptionalField(entry, "DEPARTMENTID"),
      projectId: readOptionalField(entry, "PROJECTID"),
      taskId: readOptionalField(entry, "TASKID"),
      costTypeId: readOptionalField(entry, "COSTTYPEID"),
    })),
  };
}

export const PURCHASING_DOCUMENT_SUMMARY_FIELDS = ["RECORDNO", "DOCID", "DOCNO", "DOCPARID", "STATE", "VENDORID", "PRRECORDKEY", "CREATEDFROM", "TOTAL", "WHENMODIFIED"];

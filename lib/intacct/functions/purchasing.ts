import { z } from "zod";
import { ZControlId, parseInput, type IntacctFunction } from "../function";
import { sparseObject } from "../sparse-object";
import type { XmlNode } from "../xml-build";
import { readField, readList, readOptionalField, type XmlRecord } from "../xml-parse";
import { formatDecimal, formatLegacyDate, type CalendarDate } from "../xml-values";

const ZDecimal = z.union([z.number().finite(), z.string().min(1)]);
const ZDate = z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")]);
const ZId = z.string().min(1);

const ZPurchasingLineFields = z.object({
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
});

// A line sets about five of these fields: sparseObject validates only the ones present (same result, same issues).
export const ZPurchasingLine = sparseObject(ZPurchasingLineFields, (line, context) => {
  // §9: taskid needs projectid; costtypeid needs projectid + taskid.
  if (line.taskId && !line.projectId)
    context.addIssue({ code: "custom", path: ["taskId"], message: "taskId needs projectId" });
  if (line.costTypeId && !line.taskId)
    context.addIssue({ code: "custom", path: ["costTypeId"], message: "costTypeId needs taskId (and projectId)" });
  if (line.relatedDocLineKey && !line.relatedDocKey)
    context.addIssue({ code: "custom", path: ["relatedDocLineKey"], message: "relatedDocLineKey needs relatedDocKey" });
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
  /**
   * §9: always sent. The XSD requires datedue (Sage's table lets termname stand in for it) and SDK-PHP refuses
   * to build a create without it, so every purchasing document we create says when it is due.
   */
  dateDue: ZDate,
  message: z.string().optional(),
  shippingMethod: z.string().optional(),
  /** §9: empty contact name = the vendor's default. */
  returnToContactName: z.string().optional(),
  payToContactName: z.string().optional(),
  externalId: z.string().optional(),
  baseCurrency: ZId.optional(),
  /** §9: with a currency, exactly one of exchangeRateType (optionally with exchangeRateDate) or exchangeRate. */
  currency: ZId.optional(),
  exchangeRateDate: ZDate.optional(),
  exchangeRateType: ZId.optional(),
  exchangeRate: ZDecimal.optional(),
  customFields: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.string()).optional(),
  state: z.enum(["Draft", "Pending", "Closed"]).optional(),
  projectId: ZId.optional(),
  lines: z.array(ZPurchasingLine).min(1),
});

// §9: after currency the XSD takes a choice: (exchratedate?, exchratetype) or exchrate. Never both, never neither.
function refineHeader(header: z.output<typeof ZPurchasingHeader>, context: z.RefinementCtx): void {
  const hasType = header.exchangeRateType !== undefined;
  const hasRate = header.exchangeRate !== undefined;
  if (header.exchangeRateDate !== undefined && !hasType)
    context.addIssue({
      code: "custom",
      path: ["exchangeRateDate"],
      message: "exchangeRateDate goes with exchangeRateType",
    });
  if (hasType && hasRate)
    context.addIssue({
      code: "custom",
      path: ["exchangeRate"],
      message: "give exchangeRateType or exchangeRate, not both",
    });
  if (header.currency === undefined && (hasType || hasRate))
    context.addIssue({ code: "custom", path: ["currency"], message: "an exchange rate needs a currency" });
  if (header.currency !== undefined && !hasType && !hasRate)
    context.addIssue({
      code: "custom",
      path: ["currency"],
      message: "a currency needs exchangeRateType (optionally with exchangeRateDate) or exchangeRate",
    });
}

// The headers are sparse too (about 8 of 27 keys set). Their shapes stay plain objects so that `.extend()` works.
const ZPurchaseOrderFields = ZPurchasingHeader.extend({ transactionType: ZId.default("Purchase Order") });
export const ZPurchaseOrderInput = sparseObject(ZPurchaseOrderFields, refineHeader);
export type PurchaseOrderInput = z.input<typeof ZPurchaseOrderInput>;

const ZVendorInvoiceFields = ZPurchasingHeader.extend({
  transactionType: ZId.default("Vendor Invoice"),
  /** §9: the source DOCID (e.g. "Purchase Order-PO0213") when converting a PO; lines then carry sourceLineKey. */
  createdFrom: ZId.optional(),
});
export const ZVendorInvoiceInput = sparseObject(ZVendorInvoiceFields, refineHeader);
export type VendorInvoiceInput = z.input<typeof ZVendorInvoiceInput>;

const ZPoChangeOrderFields = ZPurchasingHeader.extend({
  /** §9: tenant-specific change-order definition ("Change-001" in the docs) — no default on purpose. */
  transactionType: ZId,
  lines: z
    .array(ZPurchasingLine)
    .min(1)
    .superRefine((lines, context) => {
      lines.forEach((line, index) => {
        if (!line.relatedDocKey)
          context.addIssue({
            code: "custom",
            path: [index, "relatedDocKey"],
            message: "a change-order line needs relatedDocKey (source RECORDNO)",
          });
      });
    }),
});
export const ZPoChangeOrderInput = sparseObject(ZPoChangeOrderFields, refineHeader);
export type PoChangeOrderInput = z.input<typeof ZPoChangeOrderInput>;

type PurchasingInput = z.output<typeof ZPurchasingHeader> & { createdFrom?: string };

const decimal = (field: string, value: number | string | undefined) =>
  value === undefined ? undefined : formatDecimal(field, value);
const legacyDate = (value: CalendarDate | undefined): XmlNode | undefined =>
  value === undefined ? undefined : formatLegacyDate(value);

function toCustomFields(fields: Record<string, string> | undefined): XmlNode | undefined {
  if (!fields || Object.keys(fields).length === 0) return undefined;
  return {
    customfield: Object.entries(fields).map(([name, value]) => ({ customfieldname: name, customfieldvalue: value })),
  };
}

/** Sets an element only when it has a value: optional elements are omitted, not sent empty. */
function put(node: XmlNode, name: string, value: XmlNode[string]): void {
  if (value !== undefined) node[name] = value;
}

function toLineNode(line: z.output<typeof ZPurchasingLine>): XmlNode {
  // §9 line order (XSD sequence). taskid/costtypeid sit right after projectid [I, as the 2022 .NET SDK does];
  // the other newer fields (retainage, related*, source*) are appended after billable [I].
  // Optional elements are omitted, not sent empty; insertion order is element order.
  const node: XmlNode = {};
  put(node, "itemid", line.itemId);
  put(node, "itemdesc", line.itemDescription);
  put(node, "warehouseid", line.warehouseId);
  put(node, "quantity", formatDecimal("quantity", line.quantity));
  put(node, "unit", line.unit);
  put(node, "price", decimal("price", line.price));
  put(node, "sourcelinekey", line.sourceLineKey);
  put(node, "locationid", line.locationId);
  put(node, "departmentid", line.departmentId);
  put(node, "memo", line.memo);
  put(node, "customfields", toCustomFields(line.customFields));
  put(node, "projectid", line.projectId);
  put(node, "taskid", line.taskId);
  put(node, "costtypeid", line.costTypeId);
  put(node, "customerid", line.customerId);
  put(node, "vendorid", line.vendorId);
  put(node, "employeeid", line.employeeId);
  put(node, "classid", line.classId);
  put(node, "contractid", line.contractId);
  put(node, "billable", line.billable === undefined ? undefined : String(line.billable));
  put(node, "retainagepercentage", decimal("retainagePercentage", line.retainagePercentage));
  put(node, "relateddockey", line.relatedDocKey);
  put(node, "relateddoclinekey", line.relatedDocLineKey);
  put(node, "sourcedocid", line.sourceDocId);
  put(node, "sourcedoclineid", line.sourceDocLineId);
  return node;
}

function toPurchasingFunction(input: PurchasingInput): IntacctFunction {
  // §9 header order (XSD sequence): transactiontype, datecreated, dateposted, createdfrom, vendorid, documentno,
  // referenceno, vendordocno, termname, datedue, message, shippingmethod, returnto, payto, externalid, currency…,
  // customfields, state, projectid, potransitems.
  const body: XmlNode = {};
  put(body, "transactiontype", input.transactionType);
  put(body, "datecreated", legacyDate(input.dateCreated));
  put(body, "dateposted", legacyDate(input.datePosted));
  put(body, "createdfrom", input.createdFrom);
  put(body, "vendorid", input.vendorId);
  put(body, "documentno", input.documentNo);
  put(body, "referenceno", input.referenceNo);
  put(body, "vendordocno", input.vendorDocNo);
  put(body, "termname", input.termName);
  put(body, "datedue", formatLegacyDate(input.dateDue));
  put(body, "message", input.message);
  put(body, "shippingmethod", input.shippingMethod);
  put(body, "returnto", { contactname: input.returnToContactName ?? "" });
  put(body, "payto", { contactname: input.payToContactName ?? "" });
  put(body, "externalid", input.externalId);
  put(body, "basecurr", input.baseCurrency);
  put(body, "currency", input.currency);
  put(body, "exchratedate", legacyDate(input.exchangeRateDate));
  put(body, "exchratetype", input.exchangeRateType);
  put(body, "exchrate", decimal("exchangeRate", input.exchangeRate));
  put(body, "customfields", toCustomFields(input.customFields));
  put(body, "state", input.state);
  put(body, "projectid", input.projectId);
  put(body, "potransitems", { potransitem: input.lines.map(toLineNode) });
  return {
    name: "create_potransaction",
    controlId: input.controlId,
    kind: "write",
    body: { create_potransaction: body },
  };
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

export const PURCHASING_DOCUMENT_SUMMARY_FIELDS = [
  "RECORDNO",
  "DOCID",
  "DOCNO",
  "DOCPARID",
  "STATE",
  "VENDORID",
  "PRRECORDKEY",
  "CREATEDFROM",
  "TOTAL",
  "WHENMODIFIED",
];

// create_potransaction (legacy, fixed element order — docs/intacct/gateway.md §9) and approve/decline for PODOCUMENT.
// Element order and required elements are schema checks (control-level XL03000003, see errors.ts); references
// and values are business checks that fail only the function with BL01001973-style errors.
import type { FunctionContext, FunctionOutput } from "./context";
import { buildUtc, formatDate, formatTimestamp } from "./dates";
import {
  buildError,
  BUSINESS_ERRORNO,
  duplicateError,
  invalidReference,
  ResultError,
  SchemaError,
  unknownObjectError,
  type IntacctErrorDetail,
} from "./errors";
import { AWAITING_APPROVAL, decideDocument, postBill, POSTED_STATES, recordAudit, type Actor } from "./payables";
import { checkSequence, type SeqItem } from "./sequence-check";
import type { CompanyState, Row } from "./store";
import { el, findChild, findChildren, readChildText, type XmlNode } from "./xml";

const DATE_PARTS: SeqItem[] = [
  { name: "year", required: true },
  { name: "month", required: true },
  { name: "day", required: true },
];
const CONTACT: SeqItem[] = [{ name: "contactname", required: true }];

/**
 * potransitem order from the XSD; the newer Construction fields are placed as docs/intacct/gateway.md §9 infers: taskid and
 * costtypeid right after projectid, the rest after billable in the order the docs list them. Exported so client
 * code and its tests can build lines in exactly this order.
 */
export const POTRANSITEM_ORDER = [
  "itemid",
  "itemdesc",
  "taxable",
  "warehouseid",
  "quantity",
  "unit",
  "linelevelsimpletaxtype",
  "price",
  "sourcelinekey",
  "overridetaxamount",
  "deliverto",
  "tax",
  "locationid",
  "departmentid",
  "memo",
  "itemdetails",
  "form1099",
  "form1099type",
  "form1099box",
  "customfields",
  "projectid",
  "taskid",
  "costtypeid",
  "customerid",
  "vendorid",
  "employeeid",
  "classid",
  "contractid",
  "billable",
  "retainagepercentage",
  "relateddockey",
  "relateddoclinekey",
  "sourcedocid",
  "sourcedoclineid",
  "conversiontype",
] as const;

const COMPLEX_LINE_ELEMENTS: Record<string, SeqItem> = {
  itemid: { name: "itemid", required: true },
  quantity: { name: "quantity", required: true },
  deliverto: { name: "deliverto", children: CONTACT },
  itemdetails: { name: "itemdetails", any: true },
  customfields: { name: "customfields", any: true },
};

const LINE_SPEC: SeqItem[] = POTRANSITEM_ORDER.map((name) => COMPLEX_LINE_ELEMENTS[name] ?? { name });

/** create_potransaction header order (docs/intacct/gateway.md §9). */
export const CREATE_POTRANSACTION_ORDER = [
  "transactiontype",
  "datecreated",
  "dateposted",
  "createdfrom",
  "vendorid",
  "documentno",
  "referenceno",
  "vendordocno",
  "termname",
  "datedue",
  "message",
  "shippingmethod",
  "returnto",
  "payto",
  "deliverto",
  "supdocid",
  "externalid",
  "basecurr",
  "currency",
  "exchratedate",
  "exchratetype",
  "exchrate",
  "customfields",
  "state",
  "projectid",
  "potransitems",
  "subtotals",
] as const;

const COMPLEX_HEADER_ELEMENTS: Record<string, SeqItem> = {
  transactiontype: { name: "transactiontype", required: true },
  datecreated: { name: "datecreated", required: true, children: DATE_PARTS },
  dateposted: { name: "dateposted", children: DATE_PARTS },
  vendorid: { name: "vendorid", required: true },
  datedue: { name: "datedue", children: DATE_PARTS },
  returnto: { name: "returnto", required: true, children: CONTACT },
  payto: { name: "payto", required: true, children: CONTACT },
  deliverto: { name: "deliverto", children: CONTACT },
  exchratedate: { name: "exchratedate", children: DATE_PARTS },
  customfields: { name: "customfields", any: true },
  state: { name: "state", enumValues: ["Draft", "Pending", "Closed"] },
  potransitems: {
    name: "potransitems",
    required: true,
    children: [{ name: "potransitem", required: true, repeat: true, children: LINE_SPEC }],
  },
  subtotals: { name: "subtotals", any: true },
};

const HEADER_SPEC: SeqItem[] = CREATE_POTRANSACTION_ORDER.map((name) => COMPLEX_HEADER_ELEMENTS[name] ?? { name });

const CURRENCY_BLOCK = ["basecurr", "currency", "exchratedate", "exchratetype", "exchrate"];

export function validateCreatePoTransactionSchema(node: XmlNode): void {
  checkSequence(node, HEADER_SPEC);
  // The XSD requires datedue outright; Sage's field table says termname may stand in for it ("required if not
  // using datedue", docs/intacct/gateway.md §9). The mock takes the lenient reading but refuses a create with neither, the way
  // the gateway refuses any schema violation: the whole request, at control level.
  if (!hasChild(node, "datedue") && !hasChild(node, "termname"))
    throw new SchemaError(
      "Error 1871: Element 'create_potransaction': Missing child element(s). Expected is one of ( termname, datedue ).",
    );
  // §9, XSD: ( basecurr?, currency, ( ( exchratedate?, exchratetype ) | exchrate ) )? — a currency takes exactly
  // one rate: a rate type (optionally dated) or a rate, never both and never neither.
  const currencyBlock: string[] = [];
  for (const name of CURRENCY_BLOCK) if (hasChild(node, name)) currencyBlock.push(name);
  if (currencyBlock.length === 0) return;
  if (!hasChild(node, "currency"))
    throw new SchemaError(
      `Error 1871: Element '${currencyBlock[currencyBlock.length - 1]}': This element is not expected. Expected is ( currency ).`,
    );
  if (hasChild(node, "exchratetype") && hasChild(node, "exchrate"))
    throw new SchemaError("Error 1871: Element 'exchrate': This element is not expected.");
  if (hasChild(node, "exchratedate") && !hasChild(node, "exchratetype"))
    throw new SchemaError("Error 1871: Element 'exchratedate': Missing sibling element. Expected is ( exchratetype ).");
  if (!hasChild(node, "exchratetype") && !hasChild(node, "exchrate"))
    throw new SchemaError(
      "Error 1871: Element 'currency': Missing sibling element(s). Expected is one of ( exchratedate, exchratetype, exchrate ).",
    );
}

const VALID_TERMS = ["Net 15", "Net 30", "Net 45", "Net 60", "Due on Receipt"];

function hasChild(node: XmlNode, name: string): boolean {
  return findChild(node, name) !== undefined;
}

function readText(node: XmlNode, name: string): string {
  return (readChildText(node, name) ?? "").trim();
}

// The helpers below are module functions and a class rather than closures made per call: a 100-invoice request
// calls them 100 times or more, and under tsx (which keeps function names) each closure also costs an
// Object.defineProperty.

/** A potransitem of the request being created. */
class LineInput {
  constructor(
    readonly index: number,
    readonly node: XmlNode,
  ) {}

  text(name: string): string {
    return readText(this.node, name);
  }
}

function failWith(errors: IntacctErrorDetail[], description2: string): void {
  errors.push(buildError(BUSINESS_ERRORNO, description2));
}

function addInvalid(errors: IntacctErrorDetail[], label: string, value: string): void {
  failWith(errors, `Invalid ${label} '${value}' specified.`);
}

function couldNotCreate(): IntacctErrorDetail {
  return buildError(BUSINESS_ERRORNO, "Could not create Document record!");
}

function parseDateParts(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const year = Number(readText(node, "year"));
  const month = Number(readText(node, "month"));
  const day = Number(readText(node, "day"));
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return "";
  const ms = buildUtc(year, month, day);
  return ms === undefined ? "" : formatDate(new Date(ms));
}

function formatMoney(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

function isActive(row: Row | undefined): row is Row {
  return row !== undefined && row.STATUS === "active";
}

function findDefinition(company: CompanyState, name: string): Row | undefined {
  for (const row of company.tables.PODOCUMENTPARAMS.rows) if (row.DOCID === name && row.STATUS === "active") return row;
  return undefined;
}

/** Document numbers are unique per definition; the DOCNO index keeps this O(1) as documents pile up. */
function isDocNoTaken(company: CompanyState, docParId: string, docNo: string): boolean {
  for (const row of company.tables.PODOCUMENT.findAll("DOCNO", docNo)) if (row.DOCPARID === docParId) return true;
  return false;
}

function allocateDocNo(company: CompanyState, definition: Row): string {
  const prefix = definition.DOCNOPREFIX ?? "";
  let next = Number(definition.NEXTDOCNO ?? "1") || 1;
  let docNo = `${prefix}${String(next).padStart(4, "0")}`;
  while (isDocNoTaken(company, definition.DOCID ?? "", docNo)) {
    next++;
    docNo = `${prefix}${String(next).padStart(4, "0")}`;
  }
  company.tables.PODOCUMENTPARAMS.update(definition, { NEXTDOCNO: String(next + 1) });
  return docNo;
}

/** Is `locationId` the session's entity or a location under it? */
function isLocationInEntity(company: CompanyState, locationId: string, entityId: string): boolean {
  let current: Row | undefined = company.tables.LOCATION.findOne("LOCATIONID", locationId);
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.LOCATIONID === entityId) return true;
    current = current.PARENTID ? company.tables.LOCATION.findOne("LOCATIONID", current.PARENTID) : undefined;
  }
  return false;
}

function validateLine(
  ctx: FunctionContext,
  line: LineInput,
  context: { definition: Row; source?: Row; vendorId: string },
): IntacctErrorDetail[] {
  const { company } = ctx;
  const t = company.tables;
  const errors: IntacctErrorDetail[] = [];
  const at = `Line ${line.index + 1}: `;

  const itemId = line.text("itemid");
  if (!isActive(t.ITEM.findOne("ITEMID", itemId))) addInvalid(errors, "Item", itemId);

  const quantity = line.text("quantity");
  if (quantity === "" || Number.isNaN(Number(quantity))) failWith(errors, `${at}Invalid quantity '${quantity}'.`);
  const price = line.text("price");
  if (price !== "" && Number.isNaN(Number(price))) failWith(errors, `${at}Invalid price '${price}'.`);
  const retainage = line.text("retainagepercentage");
  if (retainage !== "" && (Number.isNaN(Number(retainage)) || Number(retainage) < 0 || Number(retainage) > 100)) {
    failWith(errors, `${at}Invalid retainage percentage '${retainage}'.`);
  }

  const locationId = line.text("locationid");
  if (locationId !== "") {
    if (!isActive(t.LOCATION.findOne("LOCATIONID", locationId))) addInvalid(errors, "Location", locationId);
    else if (ctx.locationId !== "" && !isLocationInEntity(company, locationId, ctx.locationId))
      addInvalid(errors, "Location", locationId);
  } else if (ctx.locationId === "") {
    // Top-level sessions in a multi-entity company must say where each line belongs (docs/intacct/gateway.md §8).
    failWith(errors, `${at}Location is required for transactions created at the top level of a multi-entity company.`);
  }

  const departmentId = line.text("departmentid");
  if (departmentId !== "" && !isActive(t.DEPARTMENT.findOne("DEPARTMENTID", departmentId)))
    addInvalid(errors, "Department", departmentId);

  const projectId = line.text("projectid");
  const taskId = line.text("taskid");
  const costTypeId = line.text("costtypeid");
  let projectValid = false;
  if (projectId !== "") {
    const project = t.PROJECT.findOne("PROJECTID", projectId);
    projectValid =
      !!project && (ctx.locationId === "" || !project.MEGAENTITYID || project.MEGAENTITYID === ctx.locationId);
    if (!projectValid) addInvalid(errors, "Project", projectId);
  }
  if (taskId !== "" && projectId === "")
    failWith(errors, `${at}Task '${taskId}' requires a project: specify projectid on the line.`);
  if (costTypeId !== "" && (taskId === "" || projectId === ""))
    failWith(
      errors,
      `${at}Cost type '${costTypeId}' requires a project and a task: specify projectid and taskid on the line.`,
    );
  // Tasks are checked within the project, cost types within the task (docs/intacct/gateway.md §8 WBS).
  if (taskId !== "" && projectValid) {
    const task = t.TASK.findAll("TASKID", taskId).find((r) => r.PROJECTID === projectId);
    if (!task) addInvalid(errors, "Task", taskId);
    else if (costTypeId !== "") {
      const costType = t.COSTTYPE.findAll("TASKKEY", task.RECORDNO ?? "").find((r) => r.COSTTYPEID === costTypeId);
      if (!costType) addInvalid(errors, "Cost Type", costTypeId);
    }
  }
  const lineVendor = line.text("vendorid");
  if (lineVendor !== "" && !t.VENDOR.findOne("VENDORID", lineVendor)) addInvalid(errors, "Vendor", lineVendor);

  const sourceLineKey = line.text("sourcelinekey");
  if (sourceLineKey !== "") {
    const sourceLine = t.PODOCUMENTENTRY.findOne("RECORDNO", sourceLineKey);
    if (!context.source || !sourceLine || sourceLine.DOCHDRNO !== context.source.RECORDNO)
      addInvalid(errors, "Source Line", sourceLineKey);
  }

  // Change orders reference the original by RECORDNO (docs/intacct/gateway.md §9 "Change orders").
  const relatedDocKey = line.text("relateddockey");
  const relatedLineKey = line.text("relateddoclinekey");
  const isChangeOrder = context.definition.CHANGEMANAGEMENT === "Change order";
  if (isChangeOrder && relatedDocKey === "")
    failWith(
      errors,
      `${at}relateddockey is required on lines of change order definition '${context.definition.DOCID}'.`,
    );
  if (!isChangeOrder && (relatedDocKey !== "" || relatedLineKey !== "")) {
    failWith(
      errors,
      `${at}relateddockey/relateddoclinekey are only valid on a change order definition; '${context.definition.DOCID}' is not one.`,
    );
  }
  if (isChangeOrder && relatedDocKey !== "") {
    const related = t.PODOCUMENT.findOne("RECORDNO", relatedDocKey);
    const relatedDef = related ? t.PODOCUMENTPARAMS.findOne("DOCID", related.DOCPARID ?? "") : undefined;
    if (!related || relatedDef?.CHANGEMANAGEMENT !== "Source") addInvalid(errors, "Related Document", relatedDocKey);
    else if (related.VENDORID !== context.vendorId)
      failWith(
        errors,
        `${at}Related document '${related.DOCID}' belongs to vendor '${related.VENDORID}', not '${context.vendorId}'.`,
      );
    else if (relatedLineKey !== "") {
      const relatedLine = t.PODOCUMENTENTRY.findOne("RECORDNO", relatedLineKey);
      if (!relatedLine || relatedLine.DOCHDRNO !== related.RECORDNO)
        addInvalid(errors, "Related Document Line", relatedLineKey);
    }
  }
  return errors;
}

export function createPoTransaction(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  const { company } = ctx;
  const t = company.tables;
  const errors: IntacctErrorDetail[] = [];

  const definitionName = readText(node, "transactiontype");
  const definition = findDefinition(company, definitionName);
  if (!definition)
    throw new ResultError([
      buildError(BUSINESS_ERRORNO, `Invalid Transaction Definition '${definitionName}' specified.`),
      couldNotCreate(),
    ]);

  const dateCreated = parseDateParts(findChild(node, "datecreated"));
  if (!dateCreated) addInvalid(errors, "Date Created", "datecreated");
  const datePosted = parseDateParts(findChild(node, "dateposted"));
  if (datePosted === "") addInvalid(errors, "GL Posting Date", "dateposted");
  const dateDue = parseDateParts(findChild(node, "datedue"));
  if (dateDue === "") addInvalid(errors, "Due Date", "datedue");

  const vendorId = readText(node, "vendorid");
  const vendor = t.VENDOR.findOne("VENDORID", vendorId);
  // Inactive vendors cannot take new transactions.
  if (!isActive(vendor)) addInvalid(errors, "Vendor", vendorId);

  const termName = readText(node, "termname");
  if (termName !== "" && !VALID_TERMS.includes(termName)) addInvalid(errors, "Term", termName);
  for (const currencyField of ["basecurr", "currency"]) {
    const value = readText(node, currencyField);
    if (value !== "" && value !== "USD") addInvalid(errors, "Currency", value);
  }
  for (const contactField of ["returnto", "payto", "deliverto"]) {
    const contact = readChildText(findChild(node, contactField), "contactname")?.trim() ?? "";
    // An empty contactname means the vendor default (docs/intacct/gateway.md §9).
    if (contact !== "" && !t.VENDOR.findOne("DISPLAYCONTACT.CONTACTNAME", contact))
      addInvalid(errors, "Contact", contact);
  }
  const headerProjectId = readText(node, "projectid");
  if (headerProjectId !== "" && !t.PROJECT.findOne("PROJECTID", headerProjectId))
    addInvalid(errors, "Project", headerProjectId);

  // Conversion (docs/intacct/gateway.md §9): one source names its DOCID in the header's createdfrom and each line its source
  // line's RECORDNO in sourcelinekey; several sources name both on each line, in sourcedocid and sourcedoclineid.
  const allowedSources = (definition.CONVERTFROM ?? "").split("#~#").filter(Boolean);
  const checkSource = (docId: string): Row | undefined => {
    const candidate = t.PODOCUMENT.findOne("DOCID", docId);
    if (!candidate) addInvalid(errors, "Created From document", docId);
    else if (!allowedSources.includes(candidate.DOCPARID ?? "")) {
      errors.push(
        buildError(BUSINESS_ERRORNO, `A '${definition.DOCID}' cannot be created from a '${candidate.DOCPARID}'.`),
      );
    } else if (candidate.VENDORID !== vendorId) {
      errors.push(
        buildError(
          BUSINESS_ERRORNO,
          `The source document '${docId}' belongs to vendor '${candidate.VENDORID}', not '${vendorId}'.`,
        ),
      );
    } else if (!CONVERTIBLE_STATES.includes(candidate.STATE ?? "")) {
      // Intacct help, "Convert a purchasing transaction": only Pending or Partially Converted transactions convert.
      errors.push(
        buildError(BUSINESS_ERRORNO, `The source document '${docId}' is ${candidate.STATE} and cannot be converted.`),
      );
    } else return candidate;
    return undefined;
  };
  const createdFrom = readText(node, "createdfrom");
  const source = createdFrom !== "" ? checkSource(createdFrom) : undefined;

  let documentNo = readText(node, "documentno");
  if (documentNo !== "" && isDocNoTaken(company, definition.DOCID ?? "", documentNo)) {
    throw duplicateError(definition.DOCID ?? "Document", documentNo);
  }

  const lineNodes = findChildren(findChild(node, "potransitems"), "potransitem");
  const lines: LineInput[] = [];
  for (const [index, lineNode] of lineNodes.entries()) lines.push(new LineInput(index, lineNode));
  for (const line of lines) errors.push(...validateLine(ctx, line, { definition, source, vendorId }));
  const lineSources = checkLineSources(lines, { createdFrom, checkSource, errors, company });
  if (errors.length === 0) errors.push(...checkConvertedQuantities(company, lines));
  if (errors.length > 0) throw new ResultError([...errors, couldNotCreate()]);

  if (documentNo === "") documentNo = allocateDocNo(company, definition);
  const docId = `${definition.DOCID}-${documentNo}`;
  const requested = readText(node, "state");
  // Submitted = awaiting approval; a definition with an approval policy puts every non-draft there (§9).
  const state =
    requested === "Draft"
      ? "Draft"
      : definition.ENABLEAPPROVAL === "true"
        ? "Submitted"
        : requested || definition.DEFAULTSTATE || "Pending";
  const now = formatTimestamp(ctx.now);
  const entityName = ctx.locationId ? (t.LOCATIONENTITY.findOne("LOCATIONID", ctx.locationId)?.NAME ?? "") : "";

  let changeLogNumber = "";
  if (definition.CHANGEMANAGEMENT === "Change order") {
    const related = t.PODOCUMENT.findOne("RECORDNO", lines[0]?.text("relateddockey") ?? "");
    if (related) {
      changeLogNumber = String(Number(related.CHANGELOGNUMBER || "0") + 1);
      t.PODOCUMENT.update(related, { CHANGELOGNUMBER: changeLogNumber, WHENMODIFIED: now });
    }
  }

  const header = t.PODOCUMENT.insert({
    DOCID: docId,
    DOCNO: documentNo,
    DOCPARID: definition.DOCID ?? "",
    DOCPARKEY: definition.RECORDNO ?? "",
    STATE: state,
    WHENCREATED: dateCreated ?? "",
    WHENPOSTED: datePosted ?? "",
    WHENDUE: dateDue ?? "",
    VENDORID: vendorId,
    VENDORNAME: vendor?.NAME ?? "",
    PONUMBER: readText(node, "referenceno"),
    VENDORDOCNO: readText(node, "vendordocno"),
    TERMNAME: termName || (vendor?.TERMNAME ?? ""),
    MESSAGE: readText(node, "message"),
    "CONTACT.CONTACTNAME":
      readChildText(findChild(node, "returnto"), "contactname")?.trim() ||
      (vendor?.["DISPLAYCONTACT.CONTACTNAME"] ?? ""),
    "BILLTO.CONTACTNAME":
      readChildText(findChild(node, "payto"), "contactname")?.trim() || (vendor?.["DISPLAYCONTACT.CONTACTNAME"] ?? ""),
    EXTERNALID: readText(node, "externalid"),
    BASECURR: readText(node, "basecurr") || "USD",
    CURRENCY: readText(node, "currency") || "USD",
    PROJECTID: headerProjectId,
    CREATEDFROM: createdFrom,
    CHANGELOGNUMBER: changeLogNumber,
    SUBTOTAL: "0.00",
    TOTAL: "0.00",
    PRRECORDKEY: "",
    AUWHENCREATED: now,
    WHENMODIFIED: now,
    MEGAENTITYID: ctx.locationId,
    MEGAENTITYNAME: entityName,
  });

  let total = 0;
  for (const line of lines) {
    const quantity = Number(line.text("quantity"));
    const price = line.text("price") === "" ? 0 : Number(line.text("price"));
    const lineTotal = quantity * price;
    total += lineTotal;
    const item = t.ITEM.findOne("ITEMID", line.text("itemid"));
    t.PODOCUMENTENTRY.insert({
      DOCHDRNO: header.RECORDNO ?? "",
      DOCHDRID: docId,
      DOCPARID: definition.DOCID ?? "",
      // Generic reads number PO lines from 0 (docs/intacct/gateway.md §7).
      LINE_NO: String(line.index),
      ITEMID: line.text("itemid"),
      ITEMNAME: item?.NAME ?? "",
      ITEMDESC: line.text("itemdesc"),
      QUANTITY: String(quantity),
      UNIT: line.text("unit") || "Each",
      PRICE: formatMoney(price),
      UIPRICE: formatMoney(price),
      TOTAL: formatMoney(lineTotal),
      UIVALUE: formatMoney(lineTotal),
      LOCATIONID: line.text("locationid") || ctx.locationId,
      DEPARTMENTID: line.text("departmentid"),
      MEMO: line.text("memo"),
      PROJECTID: line.text("projectid"),
      TASKID: line.text("taskid"),
      COSTTYPEID: line.text("costtypeid"),
      VENDORID: line.text("vendorid"),
      RETAINAGEPERCENTAGE: line.text("retainagepercentage"),
      RELATEDDOCKEY: line.text("relateddockey"),
      RELATEDDOCLINEKEY: line.text("relateddoclinekey"),
      SOURCELINEKEY: line.text("sourcelinekey"),
      SOURCEDOCID: line.text("sourcedocid"),
      SOURCEDOCLINEID: line.text("sourcedoclineid"),
      WHENCREATED: now,
      WHENMODIFIED: now,
      MEGAENTITYID: ctx.locationId,
      MEGAENTITYNAME: entityName,
    });
  }
  // The header was inserted by this function, so a rollback drops it whole; update() keeps the indexes right.
  t.PODOCUMENT.update(header, { SUBTOTAL: formatMoney(total), TOTAL: formatMoney(total) });
  const actor: Actor = { userId: ctx.userId, source: "api" };
  recordAudit(company, { objectType: "PODOCUMENT", row: header, mode: "C", now: ctx.now, actor, description: docId });
  // A vendor invoice posts its AP bill once it is neither a draft nor waiting for approval (§9, §15).
  if (definition.DOCCLASS === "Invoice" && POSTED_STATES.includes(state)) postBill(company, header, ctx.now, actor);

  for (const converted of new Set([...(source ? [source] : []), ...lineSources]))
    markSourceConverted(company, converted, now);
  return { payload: [el("key", docId)] };
}

/**
 * Multi-source conversion (docs/intacct/gateway.md §9): each line names its source document (sourcedocid, a DOCID) and the
 * source line (sourcedoclineid, its RECORDNO [I]). The header's createdfrom is for one source only, so the two
 * forms are not mixed. Returns the source documents the lines convert.
 */
function checkLineSources(
  lines: LineInput[],
  context: {
    createdFrom: string;
    checkSource: (docId: string) => Row | undefined;
    errors: IntacctErrorDetail[];
    company: CompanyState;
  },
): Row[] {
  const { errors, company } = context;
  const sources = new Map<string, Row | undefined>();
  for (const line of lines) {
    const at = `Line ${line.index + 1}: `;
    const docId = line.text("sourcedocid");
    const lineId = line.text("sourcedoclineid");
    if (docId === "" && lineId === "") continue;
    if (context.createdFrom !== "") {
      errors.push(
        buildError(
          BUSINESS_ERRORNO,
          `${at}sourcedocid/sourcedoclineid convert from several documents; with createdfrom, use sourcelinekey.`,
        ),
      );
      continue;
    }
    if (line.text("sourcelinekey") !== "") {
      errors.push(buildError(BUSINESS_ERRORNO, `${at}give sourcelinekey (with createdfrom) or sourcedocid, not both.`));
      continue;
    }
    if (docId === "" || lineId === "") {
      errors.push(buildError(BUSINESS_ERRORNO, `${at}sourcedocid and sourcedoclineid go together.`));
      continue;
    }
    if (!sources.has(docId)) sources.set(docId, context.checkSource(docId));
    const sourceDoc = sources.get(docId);
    if (!sourceDoc) continue;
    const sourceLine = company.tables.PODOCUMENTENTRY.findOne("RECORDNO", lineId);
    if (!sourceLine || sourceLine.DOCHDRNO !== sourceDoc.RECORDNO)
      errors.push(buildError(BUSINESS_ERRORNO, `Invalid Source Document Line '${lineId}' specified.`));
  }
  return [...sources.values()].filter((row): row is Row => row !== undefined);
}

/** A conversion moves the source to Converted once every line's quantity was converted, else Partially Converted (§9). */
function markSourceConverted(company: CompanyState, source: Row, now: string): void {
  // Change-order lines that change a line of their source count on that line, not as lines of their own.
  const sourceLines = company.tables.PODOCUMENTENTRY.findAll("DOCHDRNO", source.RECORDNO ?? "").filter(
    (line) => !line.RELATEDDOCLINEKEY,
  );
  const all =
    sourceLines.length > 0 && sourceLines.every((line) => remainingQuantity(company, line) <= QUANTITY_EPSILON);
  company.tables.PODOCUMENT.update(source, { STATE: all ? "Converted" : "Partially Converted", WHENMODIFIED: now });
}

/**
 * A source whose conversion went away (the converted document was deleted): Pending again when nothing of it is
 * converted any more, else Partially Converted or Converted as markSourceConverted decides.
 */
export function refreshConvertedSource(company: CompanyState, source: Row, now: string): void {
  if (source.STATE !== "Converted" && source.STATE !== "Partially Converted") return;
  const lines = company.tables.PODOCUMENTENTRY.findAll("DOCHDRNO", source.RECORDNO ?? "");
  const converted = lines.some(
    (line) =>
      company.tables.PODOCUMENTENTRY.findAll("SOURCELINEKEY", line.RECORDNO ?? "").length > 0 ||
      company.tables.PODOCUMENTENTRY.findAll("SOURCEDOCLINEID", line.RECORDNO ?? "").length > 0,
  );
  if (!converted) company.tables.PODOCUMENT.update(source, { STATE: "Pending", WHENMODIFIED: now });
  else markSourceConverted(company, source, now);
}

const CONVERTIBLE_STATES = ["Pending", "Partially Converted"];
const QUANTITY_EPSILON = 1e-9;

/**
 * What is left to convert on a source line: its quantity, plus what change orders added to it (lines naming it as
 * relateddoclinekey), minus what conversions already took (lines naming it as sourcelinekey). [I] Intacct tracks
 * converted quantity per line ("Convert part of a transaction" converts less than the line's quantity).
 */
export function remainingQuantity(company: CompanyState, sourceLine: Row): number {
  const t = company.tables;
  const key = sourceLine.RECORDNO ?? "";
  const changed = t.PODOCUMENTENTRY.findAll("RELATEDDOCLINEKEY", key).reduce(
    (sum, line) => sum + Number(line.QUANTITY || 0),
    0,
  );
  const converted = [
    ...t.PODOCUMENTENTRY.findAll("SOURCELINEKEY", key),
    ...t.PODOCUMENTENTRY.findAll("SOURCEDOCLINEID", key),
  ].reduce((sum, line) => sum + Number(line.QUANTITY || 0), 0);
  return Number(sourceLine.QUANTITY || 0) + changed - converted;
}

/**
 * A conversion may not take more of a source line than is left on it (lines of one request counted together). A
 * change-order line that changes a line of its source document adds to that line, so it is converted through it
 * and is not a source line of its own [I].
 */
function checkConvertedQuantities(company: CompanyState, lines: LineInput[]): IntacctErrorDetail[] {
  const errors: IntacctErrorDetail[] = [];
  const taken = new Map<string, number>();
  for (const line of lines) {
    const key = line.text("sourcelinekey") || line.text("sourcedoclineid");
    if (key === "") continue;
    const sourceLine = company.tables.PODOCUMENTENTRY.findOne("RECORDNO", key);
    if (!sourceLine) continue;
    if (sourceLine.RELATEDDOCLINEKEY) {
      errors.push(
        buildError(
          BUSINESS_ERRORNO,
          `Line ${line.index + 1}: source line ${key} changes line ${sourceLine.RELATEDDOCLINEKEY} of its source document; convert that line instead.`,
        ),
      );
      continue;
    }
    const total = (taken.get(key) ?? 0) + Number(line.text("quantity"));
    taken.set(key, total);
    const remaining = remainingQuantity(company, sourceLine);
    if (total > remaining + QUANTITY_EPSILON) {
      errors.push(
        buildError(
          BUSINESS_ERRORNO,
          `Line ${line.index + 1}: the quantity ${line.text("quantity")} exceeds the quantity ${formatQuantity(remaining)} left to convert on source line ${key}.`,
        ),
      );
    }
  }
  return errors;
}

const formatQuantity = (value: number) => String(Math.round(value * 10_000) / 10_000);

function changeApprovalState(node: XmlNode, ctx: FunctionContext, target: "Approved" | "Declined"): FunctionOutput {
  const record = node.children[0];
  if (!record) throw new ResultError([buildError(BUSINESS_ERRORNO, `${node.name} needs a PODOCUMENT element.`)]);
  if (record.name !== "PODOCUMENT") throw unknownObjectError(record.name);
  const docId = readText(record, "DOCID");
  const doc = ctx.company.tables.PODOCUMENT.findOne("DOCID", docId);
  if (!doc) throw invalidReference("Document", docId);
  if (!AWAITING_APPROVAL.includes(doc.STATE ?? "")) {
    throw new ResultError([
      buildError(BUSINESS_ERRORNO, `Transaction ${docId} is not awaiting approval; its state is ${doc.STATE}.`),
    ]);
  }
  decideDocument(ctx.company, doc, target, ctx.now, { userId: ctx.userId, source: "api" });
  return {
    payload: [
      el("data", [el("podocument", [el("RECORDNO", doc.RECORDNO ?? ""), el("DOCID", docId)])], {
        listtype: "objects",
        count: 1,
      }),
    ],
  };
}

export function approvePoDocument(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  return changeApprovalState(node, ctx, "Approved");
}

export function declinePoDocument(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  return changeApprovalState(node, ctx, "Declined");
}

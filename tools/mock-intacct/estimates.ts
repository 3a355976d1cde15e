// Generic create/update (docs/intacct/gateway.md §2 "generic vs legacy", §10 project estimates). Generic functions take
// UPPERCASE elements in any order and answer <data listtype="objects"> with one lowercase element per record.
// PJESTIMATE and PJESTIMATEENTRY are written here; VENDOR, PROJECT and TASK creates live in object-writes.ts.
import type { FunctionContext, FunctionOutput } from "./context";
import { formatDate, formatTimestamp, parseIntacctDate } from "./dates";
import {
  buildError,
  BUSINESS_ERRORNO,
  duplicateError,
  ResultError,
  unknownObjectError,
  type IntacctErrorDetail,
} from "./errors";
import { createProject, createTask, createVendor } from "./object-writes";
import { findObjectDef } from "./schema";
import type { CompanyState, Row } from "./store";
import { el, findChild, type XmlNode, type XmlOut } from "./xml";

export const WFTYPES = ["original", "revision", "forecast", "pending change", "approved change", "other"] as const;
const POSTTO_VALUES = ["First period", "All periods", "Estimate date", "Effective date"];
const ESTIMATE_STATUSES = ["active", "inactive", "finalized"];

const HEADER_FIELDS = new Set([
  "RECORDNO",
  "PJESTIMATEID",
  "PROJECTID",
  "DESCRIPTION",
  "ISPRIMARY",
  "POSTED",
  "PJESTIMATETYPENAME",
  "GLBUDGETID",
  "ESTIMATEDATE",
  "POSTTO",
  "STATUS",
  "ENTRIES",
]);
const ENTRY_FIELDS = new Set([
  "RECORDNO",
  "PJESTIMATEID",
  "TASKID",
  "COSTTYPEID",
  "ACCOUNTNO",
  "AMOUNT",
  "QTY",
  "UNITCOST",
  "PRODUCTIONUNITS",
  "EUOM",
  "MEMO",
  "WFTYPE",
  "LOCATIONID",
  "DEPARTMENTID",
  "CUSTOMERID",
  "EMPLOYEEID",
  "ITEMID",
  "CONTRACTID",
  "VENDORID",
  "CLASSID",
  "EFFECTIVEDATE",
]);

type Collector = {
  errors: IntacctErrorDetail[];
  fail(description2: string): void;
  invalid(label: string, value: string): void;
};

function createCollector(): Collector {
  const errors: IntacctErrorDetail[] = [];
  return {
    errors,
    fail: (d) => errors.push(buildError(BUSINESS_ERRORNO, d)),
    invalid: (label, value) => errors.push(buildError(BUSINESS_ERRORNO, `Invalid ${label} '${value}' specified.`)),
  };
}

function readFields(record: XmlNode, allowed: Set<string>, c: Collector): Map<string, string> {
  const values = new Map<string, string>();
  for (const child of record.children) {
    if (!allowed.has(child.name)) {
      c.fail(`${child.name} is not a valid field of ${record.name}.`);
      continue;
    }
    if (child.name !== "ENTRIES") values.set(child.name, child.text.trim());
  }
  return values;
}

function isActive(row: Row | undefined): row is Row {
  return row !== undefined && row.STATUS === "active";
}

function formatMoney(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

function readBoolean(value: string | undefined, field: string, c: Collector): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "true" || value === "T") return true;
  if (value === "false" || value === "F") return false;
  c.invalid(field, value);
  return undefined;
}

/** Validates one entry against the estimate's project; returns the row fields to store. */
function buildEntryRow(
  ctx: FunctionContext,
  values: Map<string, string>,
  project: Row,
  c: Collector,
  existing?: Row,
): Row {
  const t = ctx.company.tables;
  const get = (f: string) => values.get(f) ?? existing?.[f] ?? "";
  const wfType = get("WFTYPE") || "original";
  if (!(WFTYPES as readonly string[]).includes(wfType)) c.invalid("WFTYPE", wfType);
  const accountNo = get("ACCOUNTNO");
  if (accountNo !== "" && !isActive(t.GLACCOUNT.findOne("ACCOUNTNO", accountNo))) c.invalid("GL Account", accountNo);
  const taskId = get("TASKID");
  const costTypeId = get("COSTTYPEID");
  if (costTypeId !== "" && taskId === "") c.fail(`Cost type '${costTypeId}' requires a task: specify TASKID.`);
  if (taskId !== "") {
    const task = t.TASK.findAll("TASKID", taskId).find((r) => r.PROJECTID === project.PROJECTID);
    if (!task) c.invalid("Task", taskId);
    else if (
      costTypeId !== "" &&
      !t.COSTTYPE.findAll("TASKKEY", task.RECORDNO ?? "").some((r) => r.COSTTYPEID === costTypeId)
    ) {
      c.invalid("Cost Type", costTypeId);
    }
  }
  const refs: [string, "DEPARTMENT" | "ITEM" | "VENDOR" | "LOCATION", string][] = [
    ["DEPARTMENTID", "DEPARTMENT", "Department"],
    ["ITEMID", "ITEM", "Item"],
    ["VENDORID", "VENDOR", "Vendor"],
    ["LOCATIONID", "LOCATION", "Location"],
  ];
  for (const [field, object, label] of refs) {
    const value = get(field);
    if (value !== "" && !isActive(t[object].findOne(field, value))) c.invalid(label, value);
  }
  const numbers: Record<string, number | undefined> = {};
  for (const f of ["AMOUNT", "QTY", "UNITCOST", "PRODUCTIONUNITS"]) {
    const raw = get(f);
    if (raw === "") continue;
    const n = Number(raw);
    if (Number.isNaN(n)) c.invalid(f, raw);
    else numbers[f] = n;
  }
  if (numbers.PRODUCTIONUNITS !== undefined && taskId === "") c.fail("PRODUCTIONUNITS requires a TASKID.");
  // AMOUNT wins over QTY × UNITCOST (docs/intacct/gateway.md §10).
  let amount = numbers.AMOUNT;
  if (amount === undefined && numbers.QTY !== undefined && numbers.UNITCOST !== undefined)
    amount = numbers.QTY * numbers.UNITCOST;
  if (amount === undefined && numbers.PRODUCTIONUNITS === undefined)
    c.fail("Each estimate entry needs AMOUNT, or QTY and UNITCOST, or PRODUCTIONUNITS.");
  const effectiveDate = get("EFFECTIVEDATE");
  if (effectiveDate !== "" && parseIntacctDate(effectiveDate) === undefined) c.invalid("EFFECTIVEDATE", effectiveDate);

  const row: Row = {};
  for (const f of ENTRY_FIELDS) if (f !== "RECORDNO" && f !== "PJESTIMATEID") row[f] = get(f);
  row.WFTYPE = wfType;
  row.AMOUNT = formatMoney(amount ?? 0);
  return row;
}

function entityOf(ctx: FunctionContext): { MEGAENTITYID: string; MEGAENTITYNAME: string } {
  const name = ctx.locationId
    ? (ctx.company.tables.LOCATIONENTITY.findOne("LOCATIONID", ctx.locationId)?.NAME ?? "")
    : "";
  return { MEGAENTITYID: ctx.locationId, MEGAENTITYNAME: name };
}

function recomputeTotal(company: CompanyState, estimate: Row): void {
  const entries = company.tables.PJESTIMATEENTRY.findAll("PJESTIMATEKEY", estimate.RECORDNO ?? "");
  company.tables.PJESTIMATE.update(estimate, {
    TOTALAMOUNT: formatMoney(entries.reduce((sum, e) => sum + Number(e.AMOUNT || "0"), 0)),
  });
}

function insertEntries(ctx: FunctionContext, estimate: Row, entryRows: Row[]): void {
  const now = formatTimestamp(ctx.now);
  for (const entry of entryRows) {
    ctx.company.tables.PJESTIMATEENTRY.insert({
      PJESTIMATEKEY: estimate.RECORDNO ?? "",
      PJESTIMATEID: estimate.PJESTIMATEID ?? "",
      PROJECTID: estimate.PROJECTID ?? "",
      ...entry,
      WHENCREATED: now,
      WHENMODIFIED: now,
      ...entityOf(ctx),
    });
  }
}

function findEstimateProject(ctx: FunctionContext, projectId: string, c: Collector): Row | undefined {
  if (projectId === "") {
    c.fail("PROJECTID is required.");
    return undefined;
  }
  const project = ctx.company.tables.PROJECT.findOne("PROJECTID", projectId);
  if (!project || (ctx.locationId !== "" && project.MEGAENTITYID && project.MEGAENTITYID !== ctx.locationId)) {
    c.invalid("Project", projectId);
    return undefined;
  }
  return project;
}

function validateHeaderValues(values: Map<string, string>, c: Collector): void {
  const postTo = values.get("POSTTO");
  if (postTo && !POSTTO_VALUES.includes(postTo)) c.invalid("POSTTO", postTo);
  const status = values.get("STATUS");
  if (status && !ESTIMATE_STATUSES.includes(status)) c.invalid("STATUS", status);
  const date = values.get("ESTIMATEDATE");
  if (date && parseIntacctDate(date) === undefined) c.invalid("ESTIMATEDATE", date);
  readBoolean(values.get("ISPRIMARY"), "ISPRIMARY", c);
  readBoolean(values.get("POSTED"), "POSTED", c);
}

/** One primary estimate per project; the first one is primary automatically (docs/intacct/gateway.md §10). */
function applyPrimary(company: CompanyState, estimate: Row, requested: boolean | undefined): void {
  const others = company.tables.PJESTIMATE.findAll("PROJECTID", estimate.PROJECTID ?? "").filter((e) => e !== estimate);
  const hasPrimary = others.some((e) => e.ISPRIMARY === "true");
  if (requested === true || (!hasPrimary && requested !== false)) {
    for (const other of others) company.tables.PJESTIMATE.update(other, { ISPRIMARY: "false" });
    company.tables.PJESTIMATE.update(estimate, { ISPRIMARY: "true" });
  } else if (requested === false) company.tables.PJESTIMATE.update(estimate, { ISPRIMARY: "false" });
}

function readEntryNodes(record: XmlNode): XmlNode[] {
  const entries = findChild(record, "ENTRIES");
  return entries ? entries.children : [];
}

function nextEstimateId(company: CompanyState): string {
  let n = company.tables.PJESTIMATE.rows.length + 1;
  let id = `EST-${String(n).padStart(4, "0")}`;
  while (company.tables.PJESTIMATE.findOne("PJESTIMATEID", id)) id = `EST-${String(++n).padStart(4, "0")}`;
  return id;
}

function createEstimate(ctx: FunctionContext, record: XmlNode): XmlOut {
  const c = createCollector();
  const values = readFields(record, HEADER_FIELDS, c);
  const project = findEstimateProject(ctx, values.get("PROJECTID") ?? "", c);
  validateHeaderValues(values, c);
  const estimateId = values.get("PJESTIMATEID") || "";
  if (estimateId !== "" && ctx.company.tables.PJESTIMATE.findOne("PJESTIMATEID", estimateId))
    throw duplicateError("Project Estimate", estimateId);
  const entryRows: Row[] = [];
  for (const entryNode of readEntryNodes(record)) {
    if (entryNode.name !== "PJESTIMATEENTRY") {
      c.fail(`ENTRIES may only contain PJESTIMATEENTRY, not ${entryNode.name}.`);
      continue;
    }
    const entryValues = readFields(entryNode, ENTRY_FIELDS, c);
    if (project) entryRows.push(buildEntryRow(ctx, entryValues, project, c));
  }
  if (c.errors.length > 0 || !project)
    throw new ResultError([...c.errors, buildError(BUSINESS_ERRORNO, "Could not create Project Estimate record!")]);

  const now = formatTimestamp(ctx.now);
  const estimate = ctx.company.tables.PJESTIMATE.insert({
    PJESTIMATEID: estimateId || nextEstimateId(ctx.company),
    PROJECTID: project.PROJECTID ?? "",
    PROJECTNAME: project.NAME ?? "",
    DESCRIPTION: values.get("DESCRIPTION") ?? "",
    ISPRIMARY: "false",
    POSTED: readBoolean(values.get("POSTED"), "POSTED", c) ? "true" : "false",
    PJESTIMATETYPENAME: values.get("PJESTIMATETYPENAME") ?? "",
    GLBUDGETID: values.get("GLBUDGETID") ?? "",
    ESTIMATEDATE: values.get("ESTIMATEDATE") || formatDate(ctx.now),
    POSTTO: values.get("POSTTO") ?? "",
    STATUS: values.get("STATUS") || "active",
    TOTALAMOUNT: "0.00",
    WHENCREATED: now,
    WHENMODIFIED: now,
    ...entityOf(ctx),
  });
  applyPrimary(ctx.company, estimate, readBoolean(values.get("ISPRIMARY"), "ISPRIMARY", c));
  insertEntries(ctx, estimate, entryRows);
  recomputeTotal(ctx.company, estimate);
  return el("pjestimate", [el("RECORDNO", estimate.RECORDNO ?? ""), el("PJESTIMATEID", estimate.PJESTIMATEID ?? "")]);
}

function findEstimateForWrite(ctx: FunctionContext, recordNo: string, estimateId: string, verb: string): Row {
  const t = ctx.company.tables.PJESTIMATE;
  const estimate =
    recordNo !== ""
      ? t.findOne("RECORDNO", recordNo)
      : estimateId !== ""
        ? t.findOne("PJESTIMATEID", estimateId)
        : undefined;
  if (!estimate) {
    throw new ResultError([
      buildError(BUSINESS_ERRORNO, `Cannot find Project Estimate with key '${recordNo || estimateId}' to ${verb}.`),
    ]);
  }
  // Finalized estimates are locked (docs/intacct/gateway.md §10).
  if (estimate.STATUS === "finalized") {
    throw new ResultError([
      buildError(BUSINESS_ERRORNO, `Project Estimate '${estimate.PJESTIMATEID}' is finalized and cannot be changed.`),
    ]);
  }
  return estimate;
}

function updateEstimate(ctx: FunctionContext, record: XmlNode): XmlOut {
  const c = createCollector();
  const values = readFields(record, HEADER_FIELDS, c);
  const estimate = findEstimateForWrite(ctx, values.get("RECORDNO") ?? "", values.get("PJESTIMATEID") ?? "", "update");
  if (values.has("PROJECTID") && values.get("PROJECTID") !== estimate.PROJECTID)
    c.fail("PROJECTID of an estimate cannot be changed.");
  validateHeaderValues(values, c);
  const project = ctx.company.tables.PROJECT.findOne("PROJECTID", estimate.PROJECTID ?? "");
  const newEntries: Row[] = [];
  const changedEntries: { row: Row; values: Row }[] = [];
  for (const entryNode of readEntryNodes(record)) {
    const entryValues = readFields(entryNode, ENTRY_FIELDS, c);
    const recordNo = entryValues.get("RECORDNO") ?? "";
    if (!project) continue;
    if (recordNo === "") {
      // New entries have no RECORDNO; an update cannot delete entries (docs/intacct/gateway.md §10).
      newEntries.push(buildEntryRow(ctx, entryValues, project, c));
      continue;
    }
    const existing = ctx.company.tables.PJESTIMATEENTRY.findOne("RECORDNO", recordNo);
    if (!existing || existing.PJESTIMATEKEY !== estimate.RECORDNO) {
      c.invalid("Estimate Entry", recordNo);
      continue;
    }
    changedEntries.push({ row: existing, values: buildEntryRow(ctx, entryValues, project, c, existing) });
  }
  if (c.errors.length > 0)
    throw new ResultError([...c.errors, buildError(BUSINESS_ERRORNO, "Could not update Project Estimate record!")]);

  const now = formatTimestamp(ctx.now);
  const headerPatch: Row = {};
  for (const f of ["DESCRIPTION", "PJESTIMATETYPENAME", "GLBUDGETID", "ESTIMATEDATE", "POSTTO", "STATUS"]) {
    const v = values.get(f);
    if (v !== undefined) headerPatch[f] = v;
  }
  const posted = readBoolean(values.get("POSTED"), "POSTED", c);
  if (posted !== undefined) headerPatch.POSTED = posted ? "true" : "false";
  ctx.company.tables.PJESTIMATE.update(estimate, headerPatch);
  const primary = readBoolean(values.get("ISPRIMARY"), "ISPRIMARY", c);
  if (primary !== undefined) applyPrimary(ctx.company, estimate, primary);
  for (const { row, values: v } of changedEntries)
    ctx.company.tables.PJESTIMATEENTRY.update(row, { ...v, WHENMODIFIED: now });
  insertEntries(ctx, estimate, newEntries);
  recomputeTotal(ctx.company, estimate);
  ctx.company.tables.PJESTIMATE.update(estimate, { WHENMODIFIED: now });
  return el("pjestimate", [el("RECORDNO", estimate.RECORDNO ?? ""), el("PJESTIMATEID", estimate.PJESTIMATEID ?? "")]);
}

function createEntry(ctx: FunctionContext, record: XmlNode): XmlOut {
  const c = createCollector();
  const values = readFields(record, ENTRY_FIELDS, c);
  // A standalone entry needs its estimate (docs/intacct/gateway.md §10).
  const estimateId = values.get("PJESTIMATEID") ?? "";
  if (estimateId === "")
    throw new ResultError([buildError(BUSINESS_ERRORNO, "PJESTIMATEID is required to create a PJESTIMATEENTRY.")]);
  const estimate = findEstimateForWrite(ctx, "", estimateId, "add entries to");
  const project = ctx.company.tables.PROJECT.findOne("PROJECTID", estimate.PROJECTID ?? "");
  if (!project)
    throw new ResultError([buildError(BUSINESS_ERRORNO, `Project of estimate '${estimateId}' no longer exists.`)]);
  const row = buildEntryRow(ctx, values, project, c);
  if (c.errors.length > 0)
    throw new ResultError([
      ...c.errors,
      buildError(BUSINESS_ERRORNO, "Could not create Project Estimate Entry record!"),
    ]);
  insertEntries(ctx, estimate, [row]);
  recomputeTotal(ctx.company, estimate);
  const entries = ctx.company.tables.PJESTIMATEENTRY.rows;
  const created = entries[entries.length - 1];
  return el("pjestimateentry", [el("RECORDNO", created?.RECORDNO ?? "")]);
}

function updateEntry(ctx: FunctionContext, record: XmlNode): XmlOut {
  const c = createCollector();
  const values = readFields(record, ENTRY_FIELDS, c);
  const recordNo = values.get("RECORDNO") ?? "";
  const existing = ctx.company.tables.PJESTIMATEENTRY.findOne("RECORDNO", recordNo);
  if (!existing)
    throw new ResultError([
      buildError(BUSINESS_ERRORNO, `Cannot find Project Estimate Entry with key '${recordNo}' to update.`),
    ]);
  const estimate = findEstimateForWrite(ctx, existing.PJESTIMATEKEY ?? "", "", "update");
  const project = ctx.company.tables.PROJECT.findOne("PROJECTID", estimate.PROJECTID ?? "");
  const row = project ? buildEntryRow(ctx, values, project, c, existing) : undefined;
  if (c.errors.length > 0 || !row)
    throw new ResultError([
      ...c.errors,
      buildError(BUSINESS_ERRORNO, "Could not update Project Estimate Entry record!"),
    ]);
  ctx.company.tables.PJESTIMATEENTRY.update(existing, { ...row, WHENMODIFIED: formatTimestamp(ctx.now) });
  recomputeTotal(ctx.company, estimate);
  return el("pjestimateentry", [el("RECORDNO", existing.RECORDNO ?? "")]);
}

type RecordWriter = (ctx: FunctionContext, record: XmlNode) => XmlOut;
const CREATORS: Record<string, RecordWriter> = {
  PJESTIMATE: createEstimate,
  PJESTIMATEENTRY: createEntry,
  VENDOR: createVendor,
  PROJECT: createProject,
  TASK: createTask,
};
const UPDATERS: Record<string, RecordWriter> = { PJESTIMATE: updateEstimate, PJESTIMATEENTRY: updateEntry };

function runGenericWrite(
  node: XmlNode,
  ctx: FunctionContext,
  writers: Record<string, RecordWriter>,
  verb: string,
): FunctionOutput {
  const written: XmlOut[] = [];
  for (const record of node.children) {
    const writer = writers[record.name];
    if (!writer) {
      if (!findObjectDef(record.name) || record.name !== record.name.toUpperCase())
        throw unknownObjectError(record.name);
      throw new ResultError([buildError(BUSINESS_ERRORNO, `The mock does not support ${verb} for ${record.name}.`)]);
    }
    written.push(writer(ctx, record));
  }
  if (written.length === 0) throw new ResultError([buildError(BUSINESS_ERRORNO, `${verb} needs at least one record.`)]);
  return { payload: [el("data", written, { listtype: "objects", count: written.length })] };
}

export function genericCreate(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  return runGenericWrite(node, ctx, CREATORS, "create");
}

export function genericUpdate(node: XmlNode, ctx: FunctionContext): FunctionOutput {
  return runGenericWrite(node, ctx, UPDATERS, "update");
}

/** A failed generic write still carries an empty objects list (docs/intacct/gateway.md §3). */
export const EMPTY_OBJECTS_PAYLOAD: XmlOut[] = [el("data", [], { listtype: "objects", count: 0 })];

// Generic `create` of the master data a construction connector exports (docs/intacct/gateway.md §2 generic functions, §8):
// VENDOR, PROJECT and TASK, with the validation Intacct applies to each. A failed record fails its function with the
// reasons and Intacct's "Could not create X record!" closing error; nothing of it is stored.
import type { FunctionContext } from "./context";
import { formatTimestamp } from "./dates";
import { buildError, BUSINESS_ERRORNO, duplicateError, ResultError, type IntacctErrorDetail } from "./errors";
import type { Row } from "./store";
import { el, findChild, type XmlNode, type XmlOut } from "./xml";

// §8: TASKID ≤ 20 characters; VENDORID and PROJECTID ≤ 20 as well (Intacct's id fields).
const MAX_ID = 20;
const PROJECT_CATEGORIES = ["Contract", "Capitalized", "Internal Billable", "Internal Non-billable"];
const PROJECT_STATUSES = ["Not Started", "In Progress", "On Hold", "Completed"];
const TASK_STATUSES = ["Not Started", "Planned", "In Progress", "Completed", "On Hold"];

type Errors = { list: IntacctErrorDetail[]; fail(text: string): void };

function createErrors(): Errors {
  const list: IntacctErrorDetail[] = [];
  return { list, fail: (text) => list.push(buildError(BUSINESS_ERRORNO, text)) };
}

/** UPPERCASE fields in any order (§2); a nested element (DISPLAYCONTACT.MAILADDRESS) becomes dotted names. */
function readRecord(record: XmlNode, allowed: Set<string>, e: Errors, prefix = ""): Map<string, string> {
  const values = new Map<string, string>();
  for (const child of record.children) {
    const name = `${prefix}${child.name}`;
    if (child.children.length > 0) {
      for (const [k, v] of readRecord(child, allowed, e, `${name}.`)) values.set(k, v);
      continue;
    }
    if (!allowed.has(name)) {
      e.fail(`${name} is not a valid field of ${record.name}.`);
      continue;
    }
    values.set(name, child.text.trim());
  }
  return values;
}

function requireId(values: Map<string, string>, field: string, label: string, e: Errors): string {
  const id = values.get(field) ?? "";
  if (id === "") e.fail(`Required field ${field} (${label}) is missing.`);
  else if (id.length > MAX_ID) e.fail(`${label} '${id}' is longer than ${MAX_ID} characters.`);
  return id;
}

function fail(e: Errors, what: string): never {
  throw new ResultError([...e.list, buildError(BUSINESS_ERRORNO, `Could not create ${what} record!`)]);
}

function entityName(ctx: FunctionContext, locationId: string): string {
  return locationId ? (ctx.company.tables.LOCATIONENTITY.findOne("LOCATIONID", locationId)?.NAME ?? "") : "";
}

function readStatus(values: Map<string, string>, e: Errors): string {
  const status = values.get("STATUS") || "active";
  if (status !== "active" && status !== "inactive") e.fail(`Invalid STATUS '${status}' specified.`);
  return status;
}

const VENDOR_FIELDS = new Set([
  "VENDORID",
  "NAME",
  "STATUS",
  "VENDTYPE",
  "TAXID",
  "TERMNAME",
  "CURRENCY",
  "ONHOLD",
  "DISPLAYCONTACT.PRINTAS",
  "DISPLAYCONTACT.COMPANYNAME",
  "DISPLAYCONTACT.PHONE1",
  "DISPLAYCONTACT.EMAIL1",
  "DISPLAYCONTACT.MAILADDRESS.ADDRESS1",
  "DISPLAYCONTACT.MAILADDRESS.ADDRESS2",
  "DISPLAYCONTACT.MAILADDRESS.CITY",
  "DISPLAYCONTACT.MAILADDRESS.STATE",
  "DISPLAYCONTACT.MAILADDRESS.ZIP",
  "DISPLAYCONTACT.MAILADDRESS.COUNTRY",
]);

/**
 * VENDOR: VENDORID (the mock has no vendor numbering, so it is required) and NAME are required, the id must be new,
 * and the display contact needs PRINTAS; Intacct names the contact it creates "NAME(VENDORID)".
 */
export function createVendor(ctx: FunctionContext, record: XmlNode): XmlOut {
  const e = createErrors();
  const values = readRecord(record, VENDOR_FIELDS, e);
  const t = ctx.company.tables;
  const vendorId = requireId(values, "VENDORID", "Vendor ID", e);
  const name = values.get("NAME") ?? "";
  if (name === "") e.fail("Required field NAME (Vendor Name) is missing.");
  if (findChild(record, "DISPLAYCONTACT") && !values.get("DISPLAYCONTACT.PRINTAS"))
    e.fail("Required field PRINTAS (Print As) of the contact is missing.");
  const termName = values.get("TERMNAME") ?? "";
  const status = readStatus(values, e);
  if (e.list.length > 0) fail(e, "Vendor");
  if (t.VENDOR.findOne("VENDORID", vendorId)) throw duplicateError("Vendor", vendorId);
  const now = formatTimestamp(ctx.now);
  const contact = (field: string) => values.get(`DISPLAYCONTACT.${field}`) ?? "";
  const row = t.VENDOR.insert({
    VENDORID: vendorId,
    NAME: name,
    STATUS: status,
    VENDTYPE: values.get("VENDTYPE") ?? "",
    TAXID: values.get("TAXID") ?? "",
    TERMNAME: termName,
    CURRENCY: values.get("CURRENCY") || "USD",
    ONHOLD: values.get("ONHOLD") === "true" ? "true" : "false",
    "DISPLAYCONTACT.CONTACTNAME": `${name}(${vendorId})`,
    "DISPLAYCONTACT.PHONE1": contact("PHONE1"),
    "DISPLAYCONTACT.EMAIL1": contact("EMAIL1"),
    "DISPLAYCONTACT.MAILADDRESS.ADDRESS1": contact("MAILADDRESS.ADDRESS1"),
    "DISPLAYCONTACT.MAILADDRESS.CITY": contact("MAILADDRESS.CITY"),
    "DISPLAYCONTACT.MAILADDRESS.STATE": contact("MAILADDRESS.STATE"),
    "DISPLAYCONTACT.MAILADDRESS.ZIP": contact("MAILADDRESS.ZIP"),
    WHENCREATED: now,
    WHENMODIFIED: now,
    MEGAENTITYID: ctx.locationId,
    MEGAENTITYNAME: entityName(ctx, ctx.locationId),
  });
  return el("vendor", [el("RECORDNO", row.RECORDNO ?? ""), el("VENDORID", vendorId)]);
}

const PROJECT_FIELDS = new Set([
  "PROJECTID",
  "NAME",
  "DESCRIPTION",
  "PROJECTCATEGORY",
  "PROJECTSTATUS",
  "STATUS",
  "CUSTOMERID",
  "PARENTID",
  "LOCATIONID",
  "DEPARTMENTID",
  "BEGINDATE",
  "ENDDATE",
]);

/**
 * PROJECT: PROJECTID, NAME and PROJECTCATEGORY are required, the id must be new, and in a multi-entity company a
 * project created at the top level needs its entity (LOCATIONID, §8); at an entity it belongs to that entity.
 */
export function createProject(ctx: FunctionContext, record: XmlNode): XmlOut {
  const e = createErrors();
  const values = readRecord(record, PROJECT_FIELDS, e);
  const t = ctx.company.tables;
  const projectId = requireId(values, "PROJECTID", "Project ID", e);
  const name = values.get("NAME") ?? "";
  if (name === "") e.fail("Required field NAME (Project Name) is missing.");
  const category = values.get("PROJECTCATEGORY") ?? "";
  if (category === "") e.fail("Required field PROJECTCATEGORY (Project Category) is missing.");
  else if (!PROJECT_CATEGORIES.includes(category)) e.fail(`Invalid Project Category '${category}' specified.`);
  const projectStatus = values.get("PROJECTSTATUS") || "In Progress";
  if (!PROJECT_STATUSES.includes(projectStatus)) e.fail(`Invalid Project Status '${projectStatus}' specified.`);
  const status = readStatus(values, e);
  const multiEntity = t.LOCATIONENTITY.rows.length > 0;
  let locationId = values.get("LOCATIONID") ?? "";
  if (ctx.locationId !== "") {
    if (locationId !== "" && locationId !== ctx.locationId) e.fail(`Invalid Location '${locationId}' specified.`);
    locationId = ctx.locationId;
  } else if (locationId !== "") {
    const entity = t.LOCATIONENTITY.findOne("LOCATIONID", locationId) ?? t.LOCATION.findOne("LOCATIONID", locationId);
    if (!entity || entity.STATUS !== "active") e.fail(`Invalid Location '${locationId}' specified.`);
  } else if (multiEntity) {
    e.fail("Required field LOCATIONID (Location) is missing: a project created at the top level needs its entity.");
  }
  const parentId = values.get("PARENTID") ?? "";
  if (parentId !== "" && !t.PROJECT.findOne("PROJECTID", parentId))
    e.fail(`Invalid Parent Project '${parentId}' specified.`);
  if (e.list.length > 0) fail(e, "Project");
  if (t.PROJECT.findOne("PROJECTID", projectId)) throw duplicateError("Project", projectId);
  const now = formatTimestamp(ctx.now);
  const entity = t.LOCATIONENTITY.findOne("LOCATIONID", locationId) ? locationId : "";
  const row = t.PROJECT.insert({
    PROJECTID: projectId,
    NAME: name,
    DESCRIPTION: values.get("DESCRIPTION") ?? "",
    PROJECTCATEGORY: category,
    PROJECTSTATUS: projectStatus,
    STATUS: status,
    CUSTOMERID: values.get("CUSTOMERID") ?? "",
    PARENTID: parentId,
    BUDGETID: "",
    LOCATIONID: locationId,
    LOCATIONNAME: entityName(ctx, locationId),
    DEPARTMENTID: values.get("DEPARTMENTID") ?? "",
    BEGINDATE: values.get("BEGINDATE") ?? "",
    ENDDATE: values.get("ENDDATE") ?? "",
    WHENCREATED: now,
    WHENMODIFIED: now,
    MEGAENTITYID: entity,
    MEGAENTITYNAME: entityName(ctx, entity),
  });
  return el("project", [el("RECORDNO", row.RECORDNO ?? ""), el("PROJECTID", projectId)]);
}

const TASK_FIELDS = new Set(["TASKID", "NAME", "PROJECTID", "STANDARDTASKID", "TASKNO", "TASKSTATUS", "DESCRIPTION"]);

/**
 * TASK: the project must exist and be active (and be visible from the session's entity), the standard task (if
 * given) must exist and be active, TASKID must be new within the project. A task built from a standard task gets
 * that standard task's cost types created with it (§8, DOC-ST).
 */
export function createTask(ctx: FunctionContext, record: XmlNode): XmlOut {
  const e = createErrors();
  const values = readRecord(record, TASK_FIELDS, e);
  const t = ctx.company.tables;
  const taskId = requireId(values, "TASKID", "Task ID", e);
  const name = values.get("NAME") ?? "";
  if (name === "") e.fail("Required field NAME (Task Name) is missing.");
  const projectId = values.get("PROJECTID") ?? "";
  const project = projectId ? t.PROJECT.findOne("PROJECTID", projectId) : undefined;
  if (projectId === "") e.fail("Required field PROJECTID (Project) is missing.");
  else if (
    !project ||
    project.STATUS !== "active" ||
    (ctx.locationId !== "" && project.MEGAENTITYID && project.MEGAENTITYID !== ctx.locationId)
  )
    e.fail(`Invalid Project '${projectId}' specified.`);
  const standardTaskId = values.get("STANDARDTASKID") ?? "";
  const standard = standardTaskId ? t.STANDARDTASK.findOne("STANDARDTASKID", standardTaskId) : undefined;
  if (standardTaskId !== "" && (!standard || standard.STATUS !== "active"))
    e.fail(`Invalid Standard Task '${standardTaskId}' specified.`);
  const taskStatus = values.get("TASKSTATUS") || "In Progress";
  if (!TASK_STATUSES.includes(taskStatus)) e.fail(`Invalid Task Status '${taskStatus}' specified.`);
  if (e.list.length > 0 || !project) fail(e, "Task");
  if (t.TASK.findAll("PROJECTID", projectId).some((task) => task.TASKID === taskId))
    throw duplicateError("Task", `[${projectId}, ${taskId}]`);
  const now = formatTimestamp(ctx.now);
  const entity = { MEGAENTITYID: project.MEGAENTITYID ?? "", MEGAENTITYNAME: project.MEGAENTITYNAME ?? "" };
  const task = t.TASK.insert({
    TASKID: taskId,
    NAME: name,
    PROJECTKEY: project.RECORDNO ?? "",
    PROJECTID: projectId,
    PROJECTNAME: project.NAME ?? "",
    STANDARDTASKID: standardTaskId,
    TASKNO: values.get("TASKNO") || (standard?.TASKNO ?? ""),
    TASKSTATUS: taskStatus,
    STATUS: "active",
    WHENCREATED: now,
    WHENMODIFIED: now,
    ...entity,
  });
  for (const costTypeId of (standard?.STANDARDTASKSTANDARDCOSTTYPES ?? "").split("#~#").filter(Boolean)) {
    const sct: Row | undefined = t.STANDARDCOSTTYPE.findOne("STANDARDCOSTTYPEID", costTypeId);
    if (!sct || sct.STATUS !== "active") continue;
    t.COSTTYPE.insert({
      COSTTYPEID: costTypeId,
      NAME: sct.NAME ?? costTypeId,
      PROJECTKEY: project.RECORDNO ?? "",
      PROJECTID: projectId,
      PROJECTNAME: project.NAME ?? "",
      TASKKEY: task.RECORDNO ?? "",
      TASKID: taskId,
      TASKNAME: name,
      STANDARDCOSTTYPEID: costTypeId,
      ACCOUNTNO: sct.ACCOUNTNO ?? "",
      ITEMID: sct.ITEMID ?? "",
      STATUS: "active",
      WHENCREATED: now,
      WHENMODIFIED: now,
      ...entity,
    });
  }
  return el("task", [el("RECORDNO", task.RECORDNO ?? ""), el("TASKID", taskId)]);
}

// The objects the mock serves and their fields, in the order readers return them (docs/intacct/gateway.md §8).
// Field types drive query comparisons: numbers compare numerically, dates as dates, and coded fields (STATUS,
// ACCOUNTTYPE) are filtered by their stored code although responses show the display value (docs/intacct/gateway.md §7).

export type FieldType = "string" | "number" | "date" | "timestamp" | "boolean";
export type FieldDef = { name: string; type: FieldType; codes?: Record<string, string> };

export type OwnedList = { object: ObjectName; wrapper: string; parentField: string };

export type ObjectDef = {
  name: ObjectName;
  /** Natural key used by readByName (RECORDNO for line objects). */
  key: string;
  fields: FieldDef[];
  fieldMap: Map<string, FieldDef>;
  owned?: OwnedList;
};

export const OBJECT_NAMES = [
  "VENDOR",
  "PROJECT",
  "LOCATION",
  "LOCATIONENTITY",
  "DEPARTMENT",
  "GLACCOUNT",
  "STANDARDTASK",
  "STANDARDCOSTTYPE",
  "TASK",
  "COSTTYPE",
  "ITEM",
  "PODOCUMENTPARAMS",
  "PODOCUMENT",
  "PODOCUMENTENTRY",
  "PJESTIMATE",
  "PJESTIMATEENTRY",
  "APBILL",
  "APPYMT",
  "APPYMTDETAIL",
  "AUDITHISTORY",
] as const;
export type ObjectName = (typeof OBJECT_NAMES)[number];

const STATUS_CODES = { T: "active", F: "inactive" };
const ACCOUNTTYPE_CODES = { I: "incomestatement", N: "balancesheet" };
/**
 * AUDITHISTORY ACCESSMODE: filters take the one-letter code ('D' in a third-party connector's query), replies show
 * the name Sage's audit-trail page lists (docs/intacct/gateway.md §15).
 */
export const ACCESSMODE_CODES = { C: "Created", M: "Modified", D: "Deleted", A: "Access", W: "Workflow" };

type FieldSpec = string | [string, FieldType] | [string, FieldType, Record<string, string>];

function defineObject(name: ObjectName, key: string, specs: FieldSpec[], owned?: OwnedList): ObjectDef {
  const fields: FieldDef[] = specs.map((spec) => {
    if (typeof spec === "string") {
      if (spec === "RECORDNO") return { name: spec, type: "number" };
      if (spec === "STATUS") return { name: spec, type: "string", codes: STATUS_CODES };
      if (spec === "WHENCREATED" || spec === "WHENMODIFIED") return { name: spec, type: "timestamp" };
      return { name: spec, type: "string" };
    }
    const [fieldName, type, codes] = spec;
    return { name: fieldName, type, codes };
  });
  return { name, key, fields, fieldMap: new Map(fields.map((f) => [f.name, f])), owned };
}

const AUDIT = ["WHENCREATED", "WHENMODIFIED"];
const ENTITY = ["MEGAENTITYID", "MEGAENTITYNAME"];

export const OBJECTS: Record<ObjectName, ObjectDef> = {
  VENDOR: defineObject("VENDOR", "VENDORID", [
    "RECORDNO",
    "VENDORID",
    "NAME",
    "STATUS",
    "VENDTYPE",
    "TAXID",
    "TERMNAME",
    "CURRENCY",
    ["ONHOLD", "boolean"],
    "DISPLAYCONTACT.CONTACTNAME",
    "DISPLAYCONTACT.PHONE1",
    "DISPLAYCONTACT.EMAIL1",
    "DISPLAYCONTACT.MAILADDRESS.ADDRESS1",
    "DISPLAYCONTACT.MAILADDRESS.CITY",
    "DISPLAYCONTACT.MAILADDRESS.STATE",
    "DISPLAYCONTACT.MAILADDRESS.ZIP",
    ...AUDIT,
    ...ENTITY,
  ]),
  PROJECT: defineObject("PROJECT", "PROJECTID", [
    "RECORDNO",
    "PROJECTID",
    "NAME",
    "DESCRIPTION",
    "PROJECTCATEGORY",
    "PROJECTSTATUS",
    "STATUS",
    "CUSTOMERID",
    "PARENTID",
    "BUDGETID",
    "LOCATIONID",
    "LOCATIONNAME",
    "DEPARTMENTID",
    ["BEGINDATE", "date"],
    ["ENDDATE", "date"],
    ...AUDIT,
    ...ENTITY,
  ]),
  LOCATION: defineObject("LOCATION", "LOCATIONID", [
    "RECORDNO",
    "LOCATIONID",
    "NAME",
    "PARENTID",
    "STATUS",
    "CURRENCY",
    ...AUDIT,
  ]),
  LOCATIONENTITY: defineObject("LOCATIONENTITY", "LOCATIONID", [
    "RECORDNO",
    "LOCATIONID",
    "NAME",
    "STATUS",
    "CURRENCY",
    ...AUDIT,
  ]),
  DEPARTMENT: defineObject("DEPARTMENT", "DEPARTMENTID", [
    "RECORDNO",
    "DEPARTMENTID",
    "TITLE",
    "PARENTID",
    "STATUS",
    ...AUDIT,
  ]),
  GLACCOUNT: defineObject("GLACCOUNT", "ACCOUNTNO", [
    "RECORDNO",
    "ACCOUNTNO",
    "TITLE",
    ["ACCOUNTTYPE", "string", ACCOUNTTYPE_CODES],
    "NORMALBALANCE",
    "CLOSINGTYPE",
    "STATUS",
    ...AUDIT,
  ]),
  STANDARDTASK: defineObject("STANDARDTASK", "STANDARDTASKID", [
    "RECORDNO",
    "STANDARDTASKID",
    "NAME",
    "DESCRIPTION",
    "TASKNO",
    "STANDARDTASKSTANDARDCOSTTYPES",
    "STATUS",
    ...AUDIT,
  ]),
  STANDARDCOSTTYPE: defineObject("STANDARDCOSTTYPE", "STANDARDCOSTTYPEID", [
    "RECORDNO",
    "STANDARDCOSTTYPEID",
    "NAME",
    "DESCRIPTION",
    "ACCOUNTNO",
    "ITEMID",
    "ACCUMULATIONTYPENAME",
    "COSTUNITDESCRIPTION",
    "PARENTID",
    "STATUS",
    ...AUDIT,
  ]),
  TASK: defineObject("TASK", "TASKID", [
    "RECORDNO",
    "TASKID",
    "NAME",
    "PROJECTKEY",
    "PROJECTID",
    "PROJECTNAME",
    "STANDARDTASKID",
    "TASKNO",
    "TASKSTATUS",
    "STATUS",
    ...AUDIT,
    ...ENTITY,
  ]),
  COSTTYPE: defineObject("COSTTYPE", "COSTTYPEID", [
    "RECORDNO",
    "COSTTYPEID",
    "NAME",
    "PROJECTKEY",
    "PROJECTID",
    "PROJECTNAME",
    ["TASKKEY", "number"],
    "TASKID",
    "TASKNAME",
    "STANDARDCOSTTYPEID",
    "ACCOUNTNO",
    "ITEMID",
    "STATUS",
    ...AUDIT,
    ...ENTITY,
  ]),
  ITEM: defineObject("ITEM", "ITEMID", [
    "RECORDNO",
    "ITEMID",
    "NAME",
    "ITEMTYPE",
    "PRODUCTLINEID",
    "GLGROUP",
    "STATUS",
    ...AUDIT,
  ]),
  PODOCUMENTPARAMS: defineObject("PODOCUMENTPARAMS", "DOCID", [
    "RECORDNO",
    "DOCID",
    "DESCRIPTION",
    "DOCCLASS",
    "CATEGORY",
    ["ENABLEAPPROVAL", "boolean"],
    "CHANGEMANAGEMENT",
    "CONVERTFROM",
    "DOCNOPREFIX",
    ["NEXTDOCNO", "number"],
    "DEFAULTSTATE",
    "STATUS",
    ...AUDIT,
  ]),
  PODOCUMENT: defineObject(
    "PODOCUMENT",
    "DOCID",
    [
      "RECORDNO",
      "DOCID",
      "DOCNO",
      "DOCPARID",
      ["DOCPARKEY", "number"],
      "STATE",
      ["WHENCREATED", "date"],
      ["WHENPOSTED", "date"],
      ["WHENDUE", "date"],
      "VENDORID",
      "VENDORNAME",
      "PONUMBER",
      "VENDORDOCNO",
      "TERMNAME",
      "MESSAGE",
      "CONTACT.CONTACTNAME",
      "BILLTO.CONTACTNAME",
      "EXTERNALID",
      "BASECURR",
      "CURRENCY",
      "PROJECTID",
      "CREATEDFROM",
      ["CHANGELOGNUMBER", "number"],
      ["SUBTOTAL", "number"],
      ["TOTAL", "number"],
      ["PRRECORDKEY", "number"],
      ["AUWHENCREATED", "timestamp"],
      "WHENMODIFIED",
      ...ENTITY,
    ],
    { object: "PODOCUMENTENTRY", wrapper: "PODOCUMENTENTRIES", parentField: "DOCHDRNO" },
  ),
  PODOCUMENTENTRY: defineObject("PODOCUMENTENTRY", "RECORDNO", [
    "RECORDNO",
    ["DOCHDRNO", "number"],
    "DOCHDRID",
    "DOCPARID",
    ["LINE_NO", "number"],
    "ITEMID",
    "ITEMNAME",
    "ITEMDESC",
    ["QUANTITY", "number"],
    "UNIT",
    ["PRICE", "number"],
    ["UIPRICE", "number"],
    ["TOTAL", "number"],
    ["UIVALUE", "number"],
    "LOCATIONID",
    "DEPARTMENTID",
    "MEMO",
    "PROJECTID",
    "TASKID",
    "COSTTYPEID",
    "VENDORID",
    ["RETAINAGEPERCENTAGE", "number"],
    ["RELATEDDOCKEY", "number"],
    ["RELATEDDOCLINEKEY", "number"],
    ["SOURCELINEKEY", "number"],
    "SOURCEDOCID",
    ["SOURCEDOCLINEID", "number"],
    ...AUDIT,
    ...ENTITY,
  ]),
  PJESTIMATE: defineObject(
    "PJESTIMATE",
    "PJESTIMATEID",
    [
      "RECORDNO",
      "PJESTIMATEID",
      "PROJECTID",
      "PROJECTNAME",
      "DESCRIPTION",
      ["ISPRIMARY", "boolean"],
      ["POSTED", "boolean"],
      "PJESTIMATETYPENAME",
      "GLBUDGETID",
      ["ESTIMATEDATE", "date"],
      "POSTTO",
      "STATUS",
      ["TOTALAMOUNT", "number"],
      ...AUDIT,
      ...ENTITY,
    ],
    { object: "PJESTIMATEENTRY", wrapper: "ENTRIES", parentField: "PJESTIMATEKEY" },
  ),
  PJESTIMATEENTRY: defineObject("PJESTIMATEENTRY", "RECORDNO", [
    "RECORDNO",
    ["PJESTIMATEKEY", "number"],
    "PJESTIMATEID",
    "PROJECTID",
    "TASKID",
    "COSTTYPEID",
    "ACCOUNTNO",
    ["AMOUNT", "number"],
    ["QTY", "number"],
    ["UNITCOST", "number"],
    ["PRODUCTIONUNITS", "number"],
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
    ["EFFECTIVEDATE", "date"],
    ...AUDIT,
    ...ENTITY,
  ]),
  // Accounts Payable (docs/intacct/gateway.md §9, §15): the bill a posted vendor invoice creates, found through the
  // document's PRRECORDKEY, and the payments applied to it (APPYMT, one APPYMTDETAIL per bill paid).
  APBILL: defineObject("APBILL", "RECORDNO", [
    "RECORDNO",
    "RECORDTYPE",
    "RECORDID",
    "VENDORID",
    "VENDORNAME",
    "DOCNUMBER",
    "DESCRIPTION",
    "STATE",
    ["WHENCREATED", "date"],
    ["WHENPOSTED", "date"],
    ["WHENDUE", "date"],
    ["WHENPAID", "date"],
    "TERMNAME",
    "BASECURR",
    "CURRENCY",
    ["TOTALENTERED", "number"],
    ["TOTALPAID", "number"],
    ["TOTALDUE", "number"],
    ["TRX_TOTALENTERED", "number"],
    ["TRX_TOTALPAID", "number"],
    ["TRX_TOTALDUE", "number"],
    ["AUWHENCREATED", "timestamp"],
    "WHENMODIFIED",
    ...ENTITY,
  ]),
  APPYMT: defineObject(
    "APPYMT",
    "RECORDNO",
    [
      "RECORDNO",
      "RECORDTYPE",
      "VENDORID",
      "VENDORNAME",
      "PAYMENTMETHOD",
      "FINANCIALENTITY",
      "DOCNUMBER",
      "DESCRIPTION",
      "STATE",
      ["PAYMENTDATE", "date"],
      ["WHENPAID", "date"],
      ["WHENCREATED", "date"],
      "BASECURR",
      "CURRENCY",
      ["TOTALENTERED", "number"],
      ["TOTALPAID", "number"],
      ["AUWHENCREATED", "timestamp"],
      "WHENMODIFIED",
      ...ENTITY,
    ],
    { object: "APPYMTDETAIL", wrapper: "APPYMTDETAILS", parentField: "PAYMENTKEY" },
  ),
  APPYMTDETAIL: defineObject("APPYMTDETAIL", "RECORDNO", [
    "RECORDNO",
    ["PAYMENTKEY", "number"],
    ["RECORDKEY", "number"],
    ["PAYMENTAMOUNT", "number"],
    ["TRX_PAYMENTAMOUNT", "number"],
    ["PAYMENTDATE", "date"],
    ...AUDIT,
  ]),
  AUDITHISTORY: defineObject("AUDITHISTORY", "ID", [
    "RECORDNO",
    "ID",
    "OBJECTTYPE",
    "OBJECTKEY",
    "OBJECTDESC",
    ["ACCESSMODE", "string", ACCESSMODE_CODES],
    ["ACCESSTIME", "timestamp"],
    "USERID",
    "SOURCE",
  ]),
};

export function findObjectDef(name: string): ObjectDef | undefined {
  const upper = name.trim().toUpperCase();
  return (OBJECTS as Record<string, ObjectDef | undefined>)[upper];
}

/** Field names are matched case-insensitively, as Intacct does for query and fields lists. */
export function findFieldDef(def: ObjectDef, name: string): FieldDef | undefined {
  return def.fieldMap.get(name.trim().toUpperCase());
}

/** The stored code of a coded field's display value ('active' → 'T'); other values are their own code. */
export function toStoredCode(field: FieldDef, value: string): string {
  if (!field.codes) return value;
  let reverse = reverseCodes.get(field);
  if (!reverse) {
    reverse = new Map(Object.entries(field.codes).map(([code, shown]) => [shown, code]));
    reverseCodes.set(field, reverse);
  }
  return reverse.get(value) ?? value;
}

// Filters run over every row (20,000 vendors in the large seed), so the reverse lookup is built once per field.
const reverseCodes = new WeakMap<FieldDef, Map<string, string>>();

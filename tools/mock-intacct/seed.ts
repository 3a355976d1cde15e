// Seeds. `demo` mirrors the app's demo catalogue (prisma/demo-catalog.ts) the way a real customer's Intacct
// would: most vendor and cost-code names equal, a handful differing in case, punctuation or legal suffix, a few
// present on one side only, one vendor inactive. `large` adds bulk data for the benchmark.
import { DEMO_ACCOUNTING_COMPANIES, DEMO_COST_CODES, DEMO_PROJECTS } from "../../prisma/demo-catalog";
import { formatDate, formatTimestamp } from "./dates";
import { addCompany, createTables, type CompanyState, type MockState, type Row } from "./store";

export type SeedName = "demo" | "large";

export const DEMO_CREDENTIALS = {
  companyId: "DEMO-CONSTRUCTION",
  senderId: "ingenious_build",
  senderPassword: "demo-sender-pass",
  userId: "xml_gateway",
  userPassword: "demo-user-pass",
} as const;

/** Same user credentials as the demo company, but the sender is not authorised there. */
export const NO_WEBSERVICES_COMPANY_ID = "NO-WEBSERVICES";

/**
 * The demo company's sandbox, as Intacct customers have one: same credentials and records, its own documents.
 * Tests that inject faults scope them to it (POST /__mock/faults with `company`), so tests running at the same
 * time against the demo company are not disturbed.
 */
export const DEMO_SANDBOX_COMPANY_ID = "DEMO-CONSTRUCTION-SANDBOX";

export const DEMO_ENTITIES = [
  { id: "E100", name: "Denver Operations" },
  { id: "E200", name: "Boulder Operations" },
] as const;

/** Vendors whose Intacct name differs from the app's accounting-company name. */
const VENDOR_NAME_IN_INTACCT: Record<string, string> = {
  "Apex Concrete Inc.": "Apex Concrete, Inc",
  "Summit Electrical Contractors LLC": "Summit Electrical Contractors",
  "Front Range Plumbing & Heating": "Front Range Plumbing and Heating",
  "Granite Earthworks, Inc.": "Granite Earthworks Inc.",
  "Metro Flooring Inc": "METRO FLOORING INC",
};
const INACTIVE_VENDOR = "Peak Demolition";
// Vendors that exist only in Intacct: what "Import from Sage Intacct" brings in. Address and phone exist for some,
// as in real vendor lists.
type SeedVendor = {
  name: string;
  taxId: string;
  email: string;
  city: string;
  state: string;
  address?: string;
  zip?: string;
  phone?: string;
};
const INTACCT_ONLY_VENDORS: SeedVendor[] = [
  {
    name: "Xcel Energy",
    taxId: "41-0448030",
    email: "billing@xcel.example",
    city: "Denver",
    state: "CO",
    address: "1800 Larimer St",
    zip: "80202",
    phone: "800-895-4999",
  },
  { name: "Colorado Department of Revenue", taxId: "", email: "", city: "Denver", state: "CO" },
];

/** Cost codes the customer never set up in Intacct: the app's sync must cope with them missing. */
export const COST_CODES_ABSENT_IN_INTACCT = ["10-2800", "11-3100", "12-4800", "27-1000", "32-9000"];
const COST_CODE_NAME_IN_INTACCT: Record<string, string> = {
  "01-3100": "Project Management & Coordination",
  "03-3000": "Cast-In-Place Concrete",
  "07-1000": "Dampproofing & Waterproofing",
  "23-0500": "Common Work Results for Hvac",
  "32-1600": "Curbs, Gutters and Sidewalks",
};
const INTACCT_ONLY_COST_CODES = [
  { code: "01-9100", name: "Contingency" },
  { code: "01-9200", name: "Allowances" },
];

const STANDARD_COST_TYPES = [
  { id: "LAB", name: "Labor", account: "5010", item: "LABOR", accumulation: "Labor", unit: "Hours" },
  { id: "MAT", name: "Material", account: "5020", item: "MATERIALS", accumulation: "Material", unit: "Each" },
  {
    id: "SUB",
    name: "Subcontract",
    account: "5100",
    item: "SUBCONTRACT",
    accumulation: "Subcontract",
    unit: "Lump sum",
  },
  { id: "EQP", name: "Equipment", account: "5200", item: "EQUIPMENT", accumulation: "Equipment", unit: "Hours" },
  { id: "OTH", name: "Other", account: "5900", item: "OTHER", accumulation: "Other", unit: "Each" },
];

const GL_ACCOUNTS: [string, string, "incomestatement" | "balancesheet", "debit" | "credit", boolean?][] = [
  ["1000", "Cash - Operating", "balancesheet", "debit"],
  ["1200", "Accounts Receivable", "balancesheet", "debit"],
  ["1300", "Retainage Receivable", "balancesheet", "debit"],
  ["2000", "Accounts Payable", "balancesheet", "credit"],
  ["2100", "Retainage Payable", "balancesheet", "credit"],
  ["4000", "Contract Revenue", "incomestatement", "credit"],
  ["5000", "Cost of Goods Sold – Job Costs", "incomestatement", "debit"],
  ["5010", "Job Costs – Labor", "incomestatement", "debit"],
  ["5020", "Job Costs – Materials", "incomestatement", "debit"],
  ["5100", "Subcontract Costs", "incomestatement", "debit"],
  ["5200", "Equipment Costs", "incomestatement", "debit"],
  ["5900", "Other Job Costs", "incomestatement", "debit"],
  ["6000", "General & Administrative", "incomestatement", "debit"],
  ["6900", "Obsolete Expense Account", "incomestatement", "debit", false],
];

const ITEMS: [string, string, string, boolean?][] = [
  ["SUBCONTRACT", "Subcontract Work", "Non-Inventory (Purchase only)"],
  ["MATERIALS", "Construction Materials", "Non-Inventory (Purchase only)"],
  ["LABOR", "Labor", "Non-Inventory (Purchase only)"],
  ["EQUIPMENT", "Equipment Rental", "Non-Inventory (Purchase only)"],
  ["OTHER", "Other Job Costs", "Non-Inventory (Purchase only)"],
  ["MISC-OLD", "Miscellaneous (retired)", "Non-Inventory (Purchase only)", false],
];

const DEPARTMENTS: [string, string][] = [
  ["100", "Field Operations"],
  ["200", "Preconstruction"],
  ["300", "Administration"],
];

/** Seeded records share a fixed clock so WHENMODIFIED filters are reproducible. */
const SEED_EPOCH = Date.UTC(2025, 0, 6, 8, 0, 0);

function stamp(minutesAfterEpoch: number): string {
  return formatTimestamp(new Date(SEED_EPOCH + minutesAfterEpoch * 60_000));
}

function audit(offsetMinutes: number): Row {
  return { WHENCREATED: stamp(0), WHENMODIFIED: stamp(offsetMinutes) };
}

function costTypesForCode(code: string): string[] {
  const division = code.slice(0, 2);
  if (division === "01") return ["LAB", "OTH"];
  if (["02", "31", "32", "33"].includes(division)) return ["LAB", "EQP", "SUB"];
  return ["LAB", "MAT", "SUB"];
}

function seedReferenceData(company: CompanyState): void {
  const t = company.tables;
  let minute = 1;
  for (const entity of DEMO_ENTITIES) {
    t.LOCATIONENTITY.insert({
      LOCATIONID: entity.id,
      NAME: entity.name,
      STATUS: "active",
      CURRENCY: "USD",
      ...audit(minute++),
    });
    t.LOCATION.insert({
      LOCATIONID: entity.id,
      NAME: entity.name,
      PARENTID: "",
      STATUS: "active",
      CURRENCY: "USD",
      ...audit(minute++),
    });
  }
  t.LOCATION.insert({
    LOCATIONID: "E100-YARD",
    NAME: "Denver Equipment Yard",
    PARENTID: "E100",
    STATUS: "active",
    CURRENCY: "USD",
    ...audit(minute++),
  });
  for (const [id, title] of DEPARTMENTS)
    t.DEPARTMENT.insert({ DEPARTMENTID: id, TITLE: title, PARENTID: "", STATUS: "active", ...audit(minute++) });
  for (const [no, title, type, normal, active] of GL_ACCOUNTS) {
    t.GLACCOUNT.insert({
      ACCOUNTNO: no,
      TITLE: title,
      ACCOUNTTYPE: type,
      NORMALBALANCE: normal,
      CLOSINGTYPE: type === "incomestatement" ? "closed to account" : "non-closing account",
      STATUS: active === false ? "inactive" : "active",
      ...audit(minute++),
    });
  }
  for (const [id, name, type, active] of ITEMS) {
    t.ITEM.insert({
      ITEMID: id,
      NAME: name,
      ITEMTYPE: type,
      PRODUCTLINEID: "",
      GLGROUP: "Job Costs",
      STATUS: active === false ? "inactive" : "active",
      ...audit(minute++),
    });
  }
  for (const sct of STANDARD_COST_TYPES) {
    t.STANDARDCOSTTYPE.insert({
      STANDARDCOSTTYPEID: sct.id,
      NAME: sct.name,
      DESCRIPTION: `${sct.name} costs`,
      ACCOUNTNO: sct.account,
      ITEMID: sct.item,
      ACCUMULATIONTYPENAME: sct.accumulation,
      COSTUNITDESCRIPTION: sct.unit,
      PARENTID: "",
      STATUS: "active",
      ...audit(minute++),
    });
  }
  // Transaction definitions are data (docs/intacct/gateway.md §9): tests and QA can rename or remove them per company.
  t.PODOCUMENTPARAMS.insert({
    DOCID: "Purchase Order",
    DESCRIPTION: "Subcontracts and purchase orders",
    DOCCLASS: "Order",
    CATEGORY: "Purchase order",
    ENABLEAPPROVAL: "false",
    CHANGEMANAGEMENT: "Source",
    CONVERTFROM: "",
    DOCNOPREFIX: "PO",
    NEXTDOCNO: "1",
    DEFAULTSTATE: "Pending",
    STATUS: "active",
    ...audit(minute++),
  });
  t.PODOCUMENTPARAMS.insert({
    DOCID: "PO Change Order",
    DESCRIPTION: "Changes to purchase orders",
    DOCCLASS: "Order",
    CATEGORY: "Purchase order",
    ENABLEAPPROVAL: "false",
    CHANGEMANAGEMENT: "Change order",
    CONVERTFROM: "",
    DOCNOPREFIX: "POCO",
    NEXTDOCNO: "1",
    DEFAULTSTATE: "Pending",
    STATUS: "active",
    ...audit(minute++),
  });
  t.PODOCUMENTPARAMS.insert({
    DOCID: "Vendor Invoice",
    DESCRIPTION: "Vendor invoices (creates an AP bill)",
    DOCCLASS: "Invoice",
    CATEGORY: "Vendor invoice",
    ENABLEAPPROVAL: "true",
    CHANGEMANAGEMENT: "",
    // A vendor invoice bills PO lines and the lines change orders added (docs/intacct/gateway.md §9 conversion).
    CONVERTFROM: "Purchase Order#~#PO Change Order",
    DOCNOPREFIX: "VI",
    NEXTDOCNO: "1",
    DEFAULTSTATE: "Pending",
    STATUS: "active",
    ...audit(minute++),
  });
}

function seedVendors(company: CompanyState): void {
  const list: SeedVendor[] = [
    ...DEMO_ACCOUNTING_COMPANIES.map((v) => ({ ...v, taxId: v.taxId ?? "" })),
    ...INTACCT_ONLY_VENDORS,
  ];
  list.forEach((v, i) => {
    const vendorId = `V-${1001 + i}`;
    const name = VENDOR_NAME_IN_INTACCT[v.name] ?? v.name;
    company.tables.VENDOR.insert({
      VENDORID: vendorId,
      NAME: name,
      STATUS: v.name === INACTIVE_VENDOR ? "inactive" : "active",
      VENDTYPE: "Subcontractor",
      TAXID: v.taxId,
      TERMNAME: "Net 30",
      CURRENCY: "USD",
      ONHOLD: "false",
      "DISPLAYCONTACT.CONTACTNAME": `${name}(${vendorId})`,
      "DISPLAYCONTACT.PHONE1": v.phone ?? "",
      "DISPLAYCONTACT.EMAIL1": v.email,
      "DISPLAYCONTACT.MAILADDRESS.ADDRESS1": v.address ?? "",
      "DISPLAYCONTACT.MAILADDRESS.CITY": v.city,
      "DISPLAYCONTACT.MAILADDRESS.STATE": v.state,
      "DISPLAYCONTACT.MAILADDRESS.ZIP": v.zip ?? "",
      MEGAENTITYID: "",
      MEGAENTITYNAME: "",
      ...audit(100 + i),
    });
  });
}

function seedCatalog(company: CompanyState): void {
  const codes = [
    ...DEMO_COST_CODES.filter((c) => !COST_CODES_ABSENT_IN_INTACCT.includes(c.code)),
    ...INTACCT_ONLY_COST_CODES,
  ].sort((a, b) => a.code.localeCompare(b.code));
  codes.forEach((c, i) => {
    company.tables.STANDARDTASK.insert({
      STANDARDTASKID: c.code,
      NAME: COST_CODE_NAME_IN_INTACCT[c.code] ?? c.name,
      DESCRIPTION: "",
      TASKNO: String(i + 1),
      STANDARDTASKSTANDARDCOSTTYPES: costTypesForCode(c.code).join("#~#"),
      STATUS: "active",
      ...audit(200 + i),
    });
  });
}

function entityName(id: string): string {
  return DEMO_ENTITIES.find((e) => e.id === id)?.name ?? "";
}

/** Builds a project's tasks from the standard task catalogue; the TASK auto-creates its cost types (§8). */
function addProjectWithTasks(
  company: CompanyState,
  project: Row,
  skip: (taskIndex: number) => boolean,
  minute: number,
): void {
  const t = company.tables;
  const p = t.PROJECT.insert(project);
  const entity = project.MEGAENTITYID ?? "";
  t.STANDARDTASK.rows.forEach((st, i) => {
    if (skip(i)) return;
    const task = t.TASK.insert({
      TASKID: st.STANDARDTASKID ?? "",
      NAME: st.NAME ?? "",
      PROJECTKEY: p.RECORDNO ?? "",
      PROJECTID: p.PROJECTID ?? "",
      PROJECTNAME: p.NAME ?? "",
      STANDARDTASKID: st.STANDARDTASKID ?? "",
      TASKNO: st.TASKNO ?? "",
      TASKSTATUS: "In Progress",
      STATUS: "active",
      MEGAENTITYID: entity,
      MEGAENTITYNAME: entityName(entity),
      ...audit(minute),
    });
    for (const costTypeId of (st.STANDARDTASKSTANDARDCOSTTYPES ?? "").split("#~#").filter(Boolean)) {
      const sct = t.STANDARDCOSTTYPE.findOne("STANDARDCOSTTYPEID", costTypeId);
      t.COSTTYPE.insert({
        COSTTYPEID: costTypeId,
        NAME: sct?.NAME ?? costTypeId,
        PROJECTKEY: p.RECORDNO ?? "",
        PROJECTID: p.PROJECTID ?? "",
        PROJECTNAME: p.NAME ?? "",
        TASKKEY: task.RECORDNO ?? "",
        TASKID: task.TASKID ?? "",
        TASKNAME: task.NAME ?? "",
        STANDARDCOSTTYPEID: costTypeId,
        ACCOUNTNO: sct?.ACCOUNTNO ?? "",
        ITEMID: sct?.ITEMID ?? "",
        STATUS: "active",
        MEGAENTITYID: entity,
        MEGAENTITYNAME: entityName(entity),
        ...audit(minute),
      });
    }
  });
}

function seedProjects(company: CompanyState): void {
  DEMO_PROJECTS.forEach((proj, p) => {
    const entity = proj.city === "Boulder" ? "E200" : "E100";
    addProjectWithTasks(
      company,
      {
        PROJECTID: proj.number,
        NAME: proj.name,
        DESCRIPTION: `${proj.name}, ${proj.city} ${proj.state}`,
        PROJECTCATEGORY: "Contract",
        PROJECTSTATUS: "In Progress",
        STATUS: "active",
        CUSTOMERID: "",
        PARENTID: "",
        BUDGETID: "",
        LOCATIONID: entity,
        LOCATIONNAME: entityName(entity),
        DEPARTMENTID: "100",
        BEGINDATE: formatDate(new Date(SEED_EPOCH)),
        ENDDATE: "",
        MEGAENTITYID: entity,
        MEGAENTITYNAME: entityName(entity),
        ...audit(300 + p),
      },
      // "Tasks for most cost codes": each project misses a different ~1 in 9.
      (i) => (i + p) % 9 === 0,
      300 + p,
    );
  });
}

function buildCompany(companyId: string, opts: { webServices: boolean; authorizedSenders: string[] }): CompanyState {
  return {
    companyId,
    webServicesEnabled: opts.webServices,
    authorizedSenders: opts.authorizedSenders,
    users: [{ userId: DEMO_CREDENTIALS.userId, password: DEMO_CREDENTIALS.userPassword }],
    tables: createTables(),
    completedControlIds: new Set(),
  };
}

const LARGE_FIRST = [
  "Acme",
  "Summit",
  "Cascade",
  "Frontier",
  "Keystone",
  "Liberty",
  "Pioneer",
  "Redwood",
  "Sterling",
  "Atlas",
];
const LARGE_TRADE = [
  "Concrete",
  "Steel",
  "Electric",
  "Plumbing",
  "Mechanical",
  "Drywall",
  "Roofing",
  "Glass",
  "Paving",
  "Supply",
];
const LARGE_SUFFIX = ["Inc.", "LLC", "Co.", "Group", "Corp."];

function seedLarge(company: CompanyState): void {
  const t = company.tables;
  for (let i = 1; i <= 20_000; i++) {
    const id = `VL-${String(i).padStart(5, "0")}`;
    const name = `${LARGE_FIRST[i % 10]} ${LARGE_TRADE[Math.floor(i / 10) % 10]} ${i} ${LARGE_SUFFIX[i % 5]}`;
    t.VENDOR.insert({
      VENDORID: id,
      NAME: name,
      STATUS: i % 50 === 0 ? "inactive" : "active",
      VENDTYPE: "Supplier",
      TAXID: "",
      TERMNAME: "Net 30",
      CURRENCY: "USD",
      ONHOLD: "false",
      "DISPLAYCONTACT.CONTACTNAME": `${name}(${id})`,
      "DISPLAYCONTACT.EMAIL1": "",
      "DISPLAYCONTACT.MAILADDRESS.CITY": "Denver",
      "DISPLAYCONTACT.MAILADDRESS.STATE": "CO",
      MEGAENTITYID: "",
      MEGAENTITYNAME: "",
      ...audit(1_000 + i),
    });
  }
  for (let i = 1; i <= 500; i++) {
    t.STANDARDTASK.insert({
      STANDARDTASKID: `LG-${String(i).padStart(4, "0")}`,
      NAME: `Large Catalog Task ${i}`,
      DESCRIPTION: "",
      TASKNO: String(1_000 + i),
      STANDARDTASKSTANDARDCOSTTYPES: "SUB",
      STATUS: "active",
      ...audit(30_000 + i),
    });
  }
  const standard = t.STANDARDTASK.rows.slice(0, 2);
  for (let i = 1; i <= 2_000; i++) {
    const entity = i % 2 === 0 ? "E200" : "E100";
    const p = t.PROJECT.insert({
      PROJECTID: `PL-${String(i).padStart(4, "0")}`,
      NAME: `Large Project ${i}`,
      DESCRIPTION: "",
      PROJECTCATEGORY: "Contract",
      PROJECTSTATUS: "In Progress",
      STATUS: i % 40 === 0 ? "inactive" : "active",
      CUSTOMERID: "",
      PARENTID: "",
      BUDGETID: "",
      LOCATIONID: entity,
      LOCATIONNAME: entityName(entity),
      DEPARTMENTID: "100",
      BEGINDATE: formatDate(new Date(SEED_EPOCH)),
      ENDDATE: "",
      MEGAENTITYID: entity,
      MEGAENTITYNAME: entityName(entity),
      ...audit(40_000 + i),
    });
    for (const st of standard) {
      const task = t.TASK.insert({
        TASKID: st.STANDARDTASKID ?? "",
        NAME: st.NAME ?? "",
        PROJECTKEY: p.RECORDNO ?? "",
        PROJECTID: p.PROJECTID ?? "",
        PROJECTNAME: p.NAME ?? "",
        STANDARDTASKID: st.STANDARDTASKID ?? "",
        TASKNO: st.TASKNO ?? "",
        TASKSTATUS: "In Progress",
        STATUS: "active",
        MEGAENTITYID: entity,
        MEGAENTITYNAME: entityName(entity),
        ...audit(40_000 + i),
      });
      t.COSTTYPE.insert({
        COSTTYPEID: "SUB",
        NAME: "Subcontract",
        PROJECTKEY: p.RECORDNO ?? "",
        PROJECTID: p.PROJECTID ?? "",
        PROJECTNAME: p.NAME ?? "",
        TASKKEY: task.RECORDNO ?? "",
        TASKID: task.TASKID ?? "",
        TASKNAME: task.NAME ?? "",
        STANDARDCOSTTYPEID: "SUB",
        ACCOUNTNO: "5100",
        ITEMID: "SUBCONTRACT",
        STATUS: "active",
        MEGAENTITYID: entity,
        MEGAENTITYNAME: entityName(entity),
        ...audit(40_000 + i),
      });
    }
  }
}

export function buildSeedState(seed: SeedName): MockState {
  const state: MockState = {
    senders: [{ senderId: DEMO_CREDENTIALS.senderId, password: DEMO_CREDENTIALS.senderPassword }],
    companies: new Map(),
  };
  const demo = buildCompany(DEMO_CREDENTIALS.companyId, {
    webServices: true,
    authorizedSenders: [DEMO_CREDENTIALS.senderId],
  });
  seedReferenceData(demo);
  seedVendors(demo);
  seedCatalog(demo);
  seedProjects(demo);
  if (seed === "large") seedLarge(demo);
  addCompany(state, demo);

  const sandbox = buildCompany(DEMO_SANDBOX_COMPANY_ID, {
    webServices: true,
    authorizedSenders: [DEMO_CREDENTIALS.senderId],
  });
  seedReferenceData(sandbox);
  seedVendors(sandbox);
  seedCatalog(sandbox);
  seedProjects(sandbox);
  addCompany(state, sandbox);

  const noWs = buildCompany(NO_WEBSERVICES_COMPANY_ID, { webServices: false, authorizedSenders: [] });
  seedReferenceData(noWs);
  addCompany(state, noWs);
  return state;
}

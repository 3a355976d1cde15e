// The attack matrix's map of the app: every server action and every page, found in the source (never listed by
// hand), and what each is expected to allow. A new action or page without an expectation here fails the matrix
// (tests/integration/attack-matrix.test.ts for actions, tests/e2e/attack-matrix.e2e.ts over HTTP).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/generated/prisma/enums";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const ROLES: Role[] = ["ADMIN", "PROJECT_MANAGER", "VIEWER", "ACCOUNTANT"];
const EDITORS: Role[] = ["ADMIN", "PROJECT_MANAGER"];
// Send to accounting and the Accounting sync page; reviewers send what waits for accounting or return it.
const SYNCERS: Role[] = ["ADMIN", "PROJECT_MANAGER", "ACCOUNTANT"];
const REVIEWERS: Role[] = ["ADMIN", "ACCOUNTANT"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every module under app/ that starts with "use server": each function it exports is a server action. */
export function discoverActionModules(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .filter((file) => /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(ROOT, file).split(path.sep).join("/"))
    .sort();
}

/** Every page route under app/, as a URL pattern: route groups dropped, dynamic segments kept as [name]. */
export function discoverPageRoutes(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => {
      const segments = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
      return `/${segments.filter((s) => s && !/^\(.*\)$/.test(s)).join("/")}`;
    })
    .sort();
}

/** The records of the company under attack that inputs and URLs name. */
export type TargetIds = {
  companyId: string;
  projectId: string;
  project: { number: string; name: string; city: string; state: string };
  vendorId: string;
  vendorName: string;
  vendorIntacctId: string;
  costCodeId: string;
  costCode: { code: string; name: string; intacctStandardTaskId: string | null };
  draftContractId: string;
  pendingContractId: string;
  approvedContractId: string;
  approvedContractLineId: string;
  budgetChangeId: string;
  contractChangeId: string;
  invoiceId: string;
  /** An import from Sage Intacct of the company (ended). */
  vendorImportId: string;
};

export type ActionExpectation = {
  /** Roles allowed; "public" runs without a session (sign-in). */
  roles: Role[] | "public";
  /** A valid input naming the target company's records. */
  input: (ids: TargetIds) => unknown;
  /**
   * What a user of another company gets with that input: "refused" (the ids name nothing of theirs), or
   * "own-company" (it acts on their own company, e.g. searching their references). Either way the target company
   * must be left unchanged.
   */
  crossTenant: "refused" | "own-company";
  /** A plain server function (not built on the action wrapper): it signs out and redirects. */
  plain?: boolean;
  /** Fields filled by a picker, not typed: zod's own wording is not shown to anyone typing. */
  pickerFields?: string[];
};

const uniqueNumber = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

export const ACTION_EXPECTATIONS: Record<string, ActionExpectation> = {
  "app/(app)/accounting-sync/actions.ts#startSyncRunAction": {
    roles: SYNCERS,
    input: (ids) => ({ items: [{ itemType: "CONTRACT", itemId: ids.approvedContractId }] }),
    crossTenant: "refused",
    pickerFields: ["items"],
  },
  "app/(app)/accounting-sync/actions.ts#syncAllReadyAction": {
    roles: SYNCERS,
    input: (ids) => ({ projectId: ids.projectId, projectLabel: ids.project.name }),
    crossTenant: "own-company",
    pickerFields: ["projectId", "projectLabel"],
  },
  "app/(app)/accounting-sync/actions.ts#readSyncRunAction": {
    roles: SYNCERS,
    input: (ids) => ({ runId: ids.projectId }),
    crossTenant: "refused",
  },
  "app/(app)/accounting-sync/actions.ts#cancelSyncRunAction": {
    roles: SYNCERS,
    input: (ids) => ({ runId: ids.projectId }),
    crossTenant: "refused",
  },
  "app/(app)/accounting-sync/actions.ts#retryFailedAction": {
    roles: SYNCERS,
    input: (ids) => ({ runId: ids.projectId }),
    crossTenant: "refused",
  },
  // Return and resubmit come as a pair, so the approved contract a reviewer returns is resubmitted right after and the
  // actions below find it as they always did.
  "app/(app)/accounting-sync/actions.ts#returnToProjectManagerAction": {
    roles: REVIEWERS,
    input: (ids) => ({ itemType: "CONTRACT", itemId: ids.approvedContractId, reason: "Wrong GL account" }),
    crossTenant: "refused",
  },
  "app/(app)/projects/sync-actions.ts#resubmitToAccountingAction": {
    roles: EDITORS,
    input: (ids) => ({ itemType: "CONTRACT", id: ids.approvedContractId, note: "GL account fixed" }),
    crossTenant: "refused",
  },
  // A poll (every second while a sync runs): it reads the caller's own company's runs only, so another company's id
  // answers "idle", the same as an id of nothing, and tells nothing about the other company.
  "app/(app)/projects/sync-actions.ts#readItemSyncProgressAction": {
    roles: ROLES,
    input: (ids) => ({ itemType: "CONTRACT", id: ids.approvedContractId }),
    crossTenant: "own-company",
  },
  "app/(app)/settings/integrations/actions.ts#saveSyncSettingsAction": {
    roles: ["ADMIN"],
    input: () => ({ syncOnApproval: false, accountingReviewsBeforeSync: false, statusCheckMinutes: 15 }),
    crossTenant: "own-company",
  },
  // The status check is the caller's own company's: it asks their accounting system, never another company's.
  "app/(app)/accounting-sync/status-actions.ts#checkIntacctNowAction": {
    roles: SYNCERS,
    input: () => ({}),
    crossTenant: "own-company",
  },
  "app/(app)/accounting-sync/status-actions.ts#readStatusCheckAction": {
    roles: SYNCERS,
    input: () => ({}),
    crossTenant: "own-company",
  },
  // Only for a document the accounting system reports deleted: the target's contract is not, so every role that may
  // call it is refused by the service (nothing is sent), and another company's id names nothing of theirs.
  "app/(app)/projects/sync-actions.ts#sendAgainAsNewDocumentAction": {
    roles: ["ADMIN"],
    input: (ids) => ({ itemType: "CONTRACT", id: ids.approvedContractId }),
    crossTenant: "refused",
  },
  // A user's own notices only: another company's (or another user's) notice ids mark nothing.
  "app/(app)/notices/actions.ts#markNoticesReadAction": {
    roles: ROLES,
    input: (ids) => ({ ids: [ids.projectId] }),
    crossTenant: "own-company",
  },
  "app/(app)/contacts/actions.ts#saveAccountingCompanyAction": {
    roles: EDITORS,
    input: (ids) => ({
      id: ids.vendorId,
      name: ids.vendorName,
      taxId: "",
      address: "1 Main St",
      city: "Denver",
      state: "CO",
      postalCode: "80202",
      email: "",
      phone: "",
    }),
    crossTenant: "refused",
  },
  "app/(app)/contacts/actions.ts#saveCostCodeAction": {
    roles: EDITORS,
    input: (ids) => ({ id: ids.costCodeId, code: ids.costCode.code, name: ids.costCode.name }),
    crossTenant: "refused",
  },
  "app/(app)/contacts/actions.ts#linkVendorAction": {
    roles: EDITORS,
    input: (ids) => ({ accountingCompanyId: ids.vendorId, intacctVendorId: ids.vendorIntacctId }),
    crossTenant: "refused",
  },
  "app/(app)/contacts/actions.ts#unlinkVendorAction": {
    roles: EDITORS,
    input: (ids) => ({ accountingCompanyId: ids.vendorId }),
    crossTenant: "refused",
  },
  "app/(app)/contacts/actions.ts#acceptVendorSuggestionsAction": {
    roles: EDITORS,
    input: (ids) => ({ ids: [ids.vendorId] }),
    crossTenant: "own-company",
  },
  "app/(app)/contacts/actions.ts#listImportableVendorsAction": {
    roles: EDITORS,
    input: () => ({ query: "", idsOnly: false }),
    crossTenant: "own-company",
  },
  "app/(app)/contacts/actions.ts#startVendorImportAction": {
    roles: EDITORS,
    input: () => ({ vendorIds: ["V-1026"] }),
    crossTenant: "own-company",
    pickerFields: ["vendorIds", "all", "query"],
  },
  // Another company's import id names nothing of theirs.
  "app/(app)/contacts/actions.ts#readVendorImportAction": {
    roles: EDITORS,
    input: (ids) => ({ importId: ids.vendorImportId }),
    crossTenant: "refused",
    pickerFields: ["importId"],
  },
  "app/(app)/contacts/actions.ts#createVendorsInIntacctAction": {
    roles: ["ADMIN"],
    input: (ids) => ({ companies: [{ accountingCompanyId: ids.vendorId, vendorId: "" }] }),
    crossTenant: "refused",
    pickerFields: ["companies"],
  },
  "app/(app)/lists/actions.ts#getCostCodeLinkAction": {
    roles: ROLES,
    input: (ids) => ({ costCodeId: ids.costCodeId }),
    crossTenant: "refused",
  },
  "app/(app)/lists/actions.ts#linkCostCodeAction": {
    roles: EDITORS,
    input: (ids) => ({ costCodeId: ids.costCodeId, intacctStandardTaskId: ids.costCode.intacctStandardTaskId }),
    crossTenant: "refused",
    pickerFields: ["intacctStandardTaskId"],
  },
  "app/(app)/lists/actions.ts#acceptCostCodeSuggestionsAction": {
    roles: EDITORS,
    input: (ids) => ({ ids: [ids.costCodeId] }),
    crossTenant: "own-company",
  },
  "app/(app)/projects/actions.ts#saveProjectAction": {
    roles: EDITORS,
    input: (ids) => ({ id: ids.projectId, ...ids.project }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#saveBudgetAction": {
    roles: EDITORS,
    input: (ids) => ({
      projectId: ids.projectId,
      title: "Original budget",
      lines: [{ costCodeId: ids.costCodeId, description: "Concrete", amount: "1000.00" }],
    }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#saveBudgetChangeAction": {
    roles: EDITORS,
    input: (ids) => ({
      projectId: ids.projectId,
      number: uniqueNumber("BC"),
      title: "Matrix change",
      reason: "Scope",
      lines: [{ costCodeId: ids.costCodeId, description: "More concrete", amount: "250.00" }],
    }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#saveContractAction": {
    roles: EDITORS,
    input: (ids) => ({
      projectId: ids.projectId,
      accountingCompanyId: ids.vendorId,
      number: uniqueNumber("SC"),
      title: "Matrix contract",
      description: "Work",
      startDate: "2026-03-01",
      endDate: "2026-12-31",
      retainagePercent: "5",
      lines: [{ costCodeId: ids.costCodeId, description: "Formwork", amount: "1000.00" }],
    }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#saveContractChangeAction": {
    roles: EDITORS,
    input: (ids) => ({
      contractId: ids.approvedContractId,
      number: uniqueNumber("CC"),
      title: "Matrix change order",
      reason: "Scope",
      lines: [{ contractLineId: ids.approvedContractLineId, costCodeId: "", description: "Extra", amount: "100.00" }],
    }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#saveInvoiceAction": {
    roles: EDITORS,
    input: (ids) => ({
      contractId: ids.approvedContractId,
      number: uniqueNumber("INV"),
      invoiceDate: "2026-04-01",
      dueDate: "2026-05-01",
      retainagePercent: "",
      lines: [{ contractLineId: ids.approvedContractLineId, description: "April", amount: "10.00" }],
    }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#submitItemAction": {
    roles: EDITORS,
    input: (ids) => ({ itemType: "CONTRACT", id: ids.draftContractId }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#approveItemAction": {
    roles: EDITORS,
    input: (ids) => ({ itemType: "CONTRACT", id: ids.pendingContractId }),
    crossTenant: "refused",
  },
  "app/(app)/projects/actions.ts#rejectItemAction": {
    roles: EDITORS,
    input: (ids) => ({ itemType: "CONTRACT", id: ids.pendingContractId, reason: "Not this month" }),
    crossTenant: "refused",
  },
  "app/(app)/projects/sync-actions.ts#syncItemAction": {
    roles: SYNCERS,
    input: (ids) => ({ itemType: "CONTRACT", id: ids.approvedContractId }),
    crossTenant: "refused",
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#saveProjectLinksAction": {
    roles: EDITORS,
    input: (ids) => ({
      projectId: ids.projectId,
      intacctProjectId: ids.project.number,
      intacctEntityId: "E100",
      intacctGlAccount: "5000",
    }),
    crossTenant: "refused",
    pickerFields: ["intacctProjectId", "intacctEntityId", "intacctGlAccount"],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#addProjectTasksAction": {
    roles: EDITORS,
    input: (ids) => ({ projectId: ids.projectId }),
    crossTenant: "refused",
    pickerFields: ["standardTaskIds"],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#createProjectsInIntacctAction": {
    roles: ["ADMIN"],
    input: (ids) => ({ projects: [{ projectId: ids.projectId, entityId: "" }] }),
    crossTenant: "refused",
    pickerFields: ["projects"],
  },
  "app/(app)/projects/[projectId]/settings/actions.ts#acceptProjectSuggestionsAction": {
    roles: EDITORS,
    input: (ids) => ({ ids: [ids.projectId] }),
    crossTenant: "own-company",
  },
  "app/(app)/references/actions.ts#searchReferencesAction": {
    roles: EDITORS,
    input: () => ({ type: "VENDOR", query: "Acme" }),
    crossTenant: "own-company",
  },
  "app/(app)/references/actions.ts#startRefreshAction": {
    roles: EDITORS,
    input: () => ({ types: ["VENDOR"], full: false }),
    crossTenant: "own-company",
  },
  "app/(app)/references/actions.ts#readRefreshStatusAction": {
    roles: ROLES,
    input: () => ({ types: ["VENDOR", "PROJECT"] }),
    crossTenant: "own-company",
  },
  "app/(app)/settings/integrations/actions.ts#connectIntacctAction": {
    roles: ["ADMIN"],
    input: () => ({
      companyId: "DEMO-CONSTRUCTION",
      senderId: "ingenious_build",
      senderPassword: "demo-sender-pass",
      userId: "xml_gateway",
      userPassword: "demo-user-pass",
    }),
    crossTenant: "own-company",
  },
  "app/(app)/settings/integrations/actions.ts#testIntacctAction": {
    roles: ["ADMIN"],
    input: () => ({}),
    crossTenant: "own-company",
  },
  "app/(app)/settings/integrations/actions.ts#saveIntacctSettingsAction": {
    roles: ["ADMIN"],
    input: () => ({
      purchaseOrderDefinition: "Purchase Order",
      changeOrderDefinition: "PO Change Order",
      vendorInvoiceDefinition: "Vendor Invoice",
      defaultItemId: "SUBCONTRACT",
      defaultCostTypeId: "SUB",
    }),
    crossTenant: "own-company",
    pickerFields: [
      "purchaseOrderDefinition",
      "changeOrderDefinition",
      "vendorInvoiceDefinition",
      "defaultItemId",
      "defaultCostTypeId",
    ],
  },
  // Last of the Integration Hub's: what runs after it finds the company disconnected, which is fine too.
  "app/(app)/settings/integrations/actions.ts#disconnectIntacctAction": {
    roles: ["ADMIN"],
    input: () => ({}),
    crossTenant: "own-company",
  },
  "app/(app)/settings/company/actions.ts#savePaymentTermsAction": {
    roles: ["ADMIN"],
    input: () => ({ days: 30 }),
    crossTenant: "own-company",
  },
  "app/(app)/settings/company/actions.ts#saveTimeZoneAction": {
    roles: ["ADMIN"],
    input: () => ({ timeZone: "America/Chicago" }),
    crossTenant: "own-company",
  },
  "app/login/actions.ts#signInAction": {
    roles: "public",
    input: () => ({ email: "viewer@demo.build", password: "demo-password" }),
    crossTenant: "own-company",
  },
  "app/login/actions.ts#signOutAction": {
    roles: ROLES,
    input: () => undefined,
    crossTenant: "own-company",
    plain: true,
  },
};

/** Pages: roles that may open them (others get 403); ids in the URL of another company are 404. */
export type PageExpectation = { roles: Role[] | "public" };

export const PAGE_EXPECTATIONS: Record<string, PageExpectation> = {
  "/": { roles: ROLES },
  "/accounting-sync": { roles: SYNCERS },
  "/login": { roles: "public" },
  "/contacts/accounting-companies": { roles: ROLES },
  "/contacts/accounting-companies/[id]": { roles: EDITORS },
  "/contacts/accounting-companies/new": { roles: EDITORS },
  "/lists/cost-codes": { roles: ROLES },
  "/lists/cost-codes/[id]": { roles: ROLES },
  "/lists/cost-codes/new": { roles: EDITORS },
  "/projects": { roles: ROLES },
  "/projects/new": { roles: EDITORS },
  "/projects/[projectId]": { roles: ROLES },
  "/projects/[projectId]/acr": { roles: ROLES },
  "/projects/[projectId]/budget": { roles: ROLES },
  "/projects/[projectId]/budget/edit": { roles: EDITORS },
  "/projects/[projectId]/budget-changes": { roles: ROLES },
  "/projects/[projectId]/budget-changes/[id]": { roles: ROLES },
  "/projects/[projectId]/budget-changes/[id]/edit": { roles: EDITORS },
  "/projects/[projectId]/budget-changes/new": { roles: EDITORS },
  "/projects/[projectId]/contract-changes": { roles: ROLES },
  "/projects/[projectId]/contract-changes/[id]": { roles: ROLES },
  "/projects/[projectId]/contract-changes/[id]/edit": { roles: EDITORS },
  "/projects/[projectId]/contract-changes/new": { roles: EDITORS },
  "/projects/[projectId]/contracts": { roles: ROLES },
  "/projects/[projectId]/contracts/[id]": { roles: ROLES },
  "/projects/[projectId]/contracts/[id]/edit": { roles: EDITORS },
  "/projects/[projectId]/contracts/new": { roles: EDITORS },
  "/projects/[projectId]/invoices": { roles: ROLES },
  "/projects/[projectId]/invoices/[id]": { roles: ROLES },
  "/projects/[projectId]/invoices/[id]/edit": { roles: EDITORS },
  "/projects/[projectId]/invoices/new": { roles: EDITORS },
  "/projects/[projectId]/settings": { roles: ROLES },
  "/notices": { roles: ROLES },
  "/settings/company": { roles: ["ADMIN"] },
  "/settings/integrations": { roles: ["ADMIN"] },
  "/settings/integrations/sage-intacct": { roles: ["ADMIN"] },
};

/** A page route with the target company's ids in place of its dynamic segments. */
export function fillRoute(route: string, ids: TargetIds): string {
  const [, section] = route.split("/");
  const idFor: Record<string, string> = {
    "accounting-companies": ids.vendorId,
    "cost-codes": ids.costCodeId,
    "budget-changes": ids.budgetChangeId,
    "contract-changes": ids.contractChangeId,
    contracts: ids.draftContractId,
    invoices: ids.invoiceId,
  };
  return route.replace(/\/\[(\w+)\](?=\/|$)/g, (_match, name: string, offset: number) => {
    if (name === "projectId") return `/${ids.projectId}`;
    const parent = route.slice(0, offset).split("/").at(-1) ?? section ?? "";
    const id = idFor[parent];
    if (!id) throw new Error(`no id for [${name}] in ${route}`);
    return `/${id}`;
  });
}

// ---- Bad input, generated from a valid input: every field gets every family that fits its kind. ----

export type BadInput = {
  family: string;
  /** Where the bad value went ("" for the whole input). */
  path: string;
  value: unknown;
  /** Must be refused (a validation error or a refusal), with nothing written. */
  mustRefuse: boolean;
  /** A person could type this: the message must be in the product's words, not zod's. */
  typed: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^-?\d+(\.\d+)?$/;

type Family = { family: string; value: unknown; mustRefuse: boolean; typed: boolean };

const ENUM = /^[A-Z][A-Z_]*$/;
// Money and percents arrive as text; a postal code that happens to be digits is not a number.
const NUMERIC_FIELD = /amount|percent|quantity|price/i;

function familiesFor(value: unknown, field: string): Family[] {
  const wrongTypes: Family[] = [
    { family: "wrong type: object", value: { $gt: "" }, mustRefuse: true, typed: false },
    { family: "wrong type: array", value: ["x"], mustRefuse: true, typed: false },
  ];
  if (typeof value === "string") {
    // A fixed choice (an item type, a list's name) comes from the page, never from typing.
    const typed = !ENUM.test(value) && !UUID.test(value);
    const text: Family[] = [
      { family: "empty", value: "", mustRefuse: false, typed },
      { family: "10,000 characters", value: "x".repeat(10_000), mustRefuse: true, typed },
      { family: "XML metacharacters", value: `<a b="c">&amp;]]></a>'`, mustRefuse: false, typed },
      { family: "right-to-left override", value: "Acme\u202Eexe.fdp", mustRefuse: true, typed },
      { family: "bidi isolate", value: "\u2067Acme\u2069", mustRefuse: true, typed },
      { family: "lone surrogate", value: "Acme \uD800 Inc", mustRefuse: true, typed },
      { family: "wrong type: number", value: 12345, mustRefuse: true, typed: false },
      { family: "wrong type: null", value: null, mustRefuse: false, typed: false },
      ...wrongTypes,
    ];
    if (UUID.test(value))
      text.push(
        { family: "malformed id", value: "not-a-uuid", mustRefuse: true, typed: false },
        { family: "SQL in an id", value: "' OR '1'='1", mustRefuse: true, typed: false },
      );
    if (DAY.test(value))
      text.push(
        { family: "malformed date: Feb 30", value: "2026-02-30", mustRefuse: true, typed: true },
        { family: "malformed date: words", value: "next tuesday", mustRefuse: true, typed: true },
        { family: "malformed date: year 0", value: "0000-01-01", mustRefuse: true, typed: true },
      );
    if (AMOUNT.test(value) && NUMERIC_FIELD.test(field))
      text.push(
        { family: "negative number", value: "-5.00", mustRefuse: false, typed: true },
        { family: "huge number", value: "99999999999999999999", mustRefuse: true, typed: true },
        { family: "NaN", value: "NaN", mustRefuse: true, typed: true },
        { family: "1e309", value: "1e309", mustRefuse: true, typed: true },
      );
    return text;
  }
  if (typeof value === "number")
    return [
      { family: "negative number", value: -1, mustRefuse: false, typed: false },
      { family: "huge number", value: 1e308, mustRefuse: false, typed: false },
      { family: "NaN", value: Number.NaN, mustRefuse: true, typed: false },
      { family: "wrong type: string", value: "12", mustRefuse: true, typed: false },
    ];
  if (typeof value === "boolean")
    return [
      { family: "wrong type: string", value: "true", mustRefuse: true, typed: false },
      { family: "wrong type: number", value: 1, mustRefuse: true, typed: false },
    ];
  if (Array.isArray(value))
    return [
      { family: "empty list", value: [], mustRefuse: false, typed: false },
      { family: "501 entries", value: Array.from({ length: 501 }, () => value[0]), mustRefuse: false, typed: false },
      { family: "wrong type: string", value: "x", mustRefuse: true, typed: false },
    ];
  return [];
}

function setAt(root: unknown, keys: (string | number)[], value: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[keys.at(-1) as string | number] = value;
  return copy;
}

function leaves(value: unknown, keys: (string | number)[] = []): { keys: (string | number)[]; value: unknown }[] {
  const here = keys.length > 0 ? [{ keys, value }] : [];
  if (Array.isArray(value)) {
    const first = value[0] as unknown;
    return [...here, ...(value.length > 0 ? leaves(first, [...keys, 0]) : [])];
  }
  if (typeof value === "object" && value !== null)
    return [...here, ...Object.entries(value).flatMap(([key, child]) => leaves(child, [...keys, key]))];
  return here;
}

/** Bad variants of a valid input: per field, per family; plus whole-input ones (wrong type, extra fields). */
export function badInputsFor(valid: unknown, otherCompanyId: string): BadInput[] {
  const inputs: BadInput[] = [];
  for (const leaf of leaves(valid)) {
    for (const family of familiesFor(leaf.value, String(leaf.keys.at(-1))))
      inputs.push({ ...family, path: leaf.keys.join("."), value: setAt(valid, leaf.keys, family.value) });
  }
  const whole: Family[] = [
    { family: "wrong type: string", value: "x", mustRefuse: false, typed: false },
    { family: "wrong type: number", value: 42, mustRefuse: false, typed: false },
    { family: "wrong type: array", value: [valid], mustRefuse: false, typed: false },
    { family: "wrong type: null", value: null, mustRefuse: false, typed: false },
  ];
  // A schema of no fields takes any object; an action with fields must refuse what is not one.
  const hasFields = typeof valid === "object" && valid !== null && Object.keys(valid).length > 0;
  for (const family of whole) inputs.push({ ...family, mustRefuse: hasFields, path: "" });
  if (typeof valid === "object" && valid !== null && !Array.isArray(valid))
    inputs.push({
      family: "extra fields: companyId, status",
      path: "",
      value: { ...valid, companyId: otherCompanyId, status: "APPROVED", createdById: otherCompanyId, role: "ADMIN" },
      mustRefuse: false,
      typed: false,
    });
  return inputs;
}

/** zod's own wording, which no person should have to read. */
export const ZOD_DEFAULT_MESSAGE = /^(Too (big|small): expected|Invalid (input|option|string|format)|Expected )/;

import { z } from "zod";
import { readField, readOptionalField, type XmlRecord } from "../xml-parse";
import { formatGenericTimestamp } from "../xml-values";
import type { QueryFilter } from "./read-functions";

/**
 * Typed list definitions: which object to `query`, which fields to select, how to map a record. Every list can be
 * narrowed by STATUS and by WHENMODIFIED (incremental refresh) and is ordered by RECORDNO so offset pages are
 * stable (§7: without orderby the order is undefined, and every offset call is a fresh query).
 */
export const ZListOptions = z.object({
  /** Only records modified at or after this instant (WHENMODIFIED ≥, sent as UTC 'mm/dd/yyyy HH:MM:SS'). */
  modifiedSince: z.date().optional(),
  /** §7 [I]: query filters STATUS by the values responses show ("active"/"inactive"). Omit for both. */
  status: z.enum(["active", "inactive"]).optional(),
  pageSize: z.number().int().min(1).max(2000).optional(),
  /** Pages fetched at once after the first (offset paging lets them run in parallel). Default 2. */
  concurrency: z.number().int().min(1).max(8).optional(),
  /** §8: read private-entity data from a top-level session. */
  showPrivate: z.boolean().optional(),
  /** Full refresh of a large list: fetch page 2 alongside page 1 (see QueryPagingOptions.expectMultiplePages). */
  expectMultiplePages: z.boolean().optional(),
});
export type ListOptions = z.input<typeof ZListOptions>;

export type ListDefinition<T> = {
  object: string;
  fields: readonly string[];
  map: (record: XmlRecord) => T;
  /** Extra filters from the typed options (e.g. a project id for tasks). */
  filters?: (options: Record<string, unknown>) => QueryFilter[];
};

export function toListFilter(options: z.output<typeof ZListOptions>, extra: QueryFilter[]): QueryFilter | undefined {
  const filters: QueryFilter[] = [...extra];
  if (options.status) filters.push({ field: "STATUS", op: "equalto", value: options.status });
  if (options.modifiedSince)
    filters.push({
      field: "WHENMODIFIED",
      op: "greaterthanorequalto",
      value: formatGenericTimestamp(options.modifiedSince),
    });
  if (filters.length === 0) return undefined;
  return filters.length === 1 ? filters[0] : { and: filters };
}

/** Fields every list selects. Mappers build flat literals (no spreads): they run once per record. */
export type IntacctRecordBase = { recordNo: string; status: string; whenModified: string | undefined };

export type IntacctVendor = IntacctRecordBase & {
  vendorId: string;
  name: string;
  termName?: string;
  currency?: string;
};
export const VENDOR_LIST: ListDefinition<IntacctVendor> = {
  object: "VENDOR",
  fields: ["RECORDNO", "VENDORID", "NAME", "STATUS", "TERMNAME", "CURRENCY", "WHENMODIFIED"],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    vendorId: readField(r, "VENDORID"),
    name: readField(r, "NAME"),
    termName: readOptionalField(r, "TERMNAME"),
    currency: readOptionalField(r, "CURRENCY"),
  }),
};

export type IntacctProject = IntacctRecordBase & {
  projectId: string;
  name: string;
  projectStatus?: string;
  projectCategory?: string;
  locationId?: string;
  customerId?: string;
  parentId?: string;
};
export const PROJECT_LIST: ListDefinition<IntacctProject> = {
  object: "PROJECT",
  fields: [
    "RECORDNO",
    "PROJECTID",
    "NAME",
    "STATUS",
    "PROJECTSTATUS",
    "PROJECTCATEGORY",
    "LOCATIONID",
    "CUSTOMERID",
    "PARENTID",
    "WHENMODIFIED",
  ],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    projectId: readField(r, "PROJECTID"),
    name: readField(r, "NAME"),
    projectStatus: readOptionalField(r, "PROJECTSTATUS"),
    projectCategory: readOptionalField(r, "PROJECTCATEGORY"),
    locationId: readOptionalField(r, "LOCATIONID"),
    customerId: readOptionalField(r, "CUSTOMERID"),
    parentId: readOptionalField(r, "PARENTID"),
  }),
};

export type IntacctEntity = IntacctRecordBase & { locationId: string; name: string };
export const ENTITY_LIST: ListDefinition<IntacctEntity> = {
  object: "LOCATIONENTITY",
  fields: ["RECORDNO", "LOCATIONID", "NAME", "STATUS", "WHENMODIFIED"],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    locationId: readField(r, "LOCATIONID"),
    name: readField(r, "NAME"),
  }),
};

export type IntacctGlAccount = IntacctRecordBase & {
  accountNo: string;
  title: string;
  accountType?: string;
  normalBalance?: string;
};
export const GL_ACCOUNT_LIST: ListDefinition<IntacctGlAccount> = {
  object: "GLACCOUNT",
  fields: ["RECORDNO", "ACCOUNTNO", "TITLE", "ACCOUNTTYPE", "NORMALBALANCE", "STATUS", "WHENMODIFIED"],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    accountNo: readField(r, "ACCOUNTNO"),
    title: readField(r, "TITLE"),
    accountType: readOptionalField(r, "ACCOUNTTYPE"),
    normalBalance: readOptionalField(r, "NORMALBALANCE"),
  }),
};

export type IntacctStandardTask = IntacctRecordBase & { standardTaskId: string; name: string; taskNo?: string };
export const STANDARD_TASK_LIST: ListDefinition<IntacctStandardTask> = {
  object: "STANDARDTASK",
  fields: ["RECORDNO", "STANDARDTASKID", "NAME", "TASKNO", "STATUS", "WHENMODIFIED"],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    standardTaskId: readField(r, "STANDARDTASKID"),
    name: readField(r, "NAME"),
    taskNo: readOptionalField(r, "TASKNO"),
  }),
};

export type IntacctStandardCostType = IntacctRecordBase & {
  standardCostTypeId: string;
  name: string;
  accountNo?: string;
  accumulationTypeName?: string;
  costUnitDescription?: string;
  parentId?: string;
};
export const STANDARD_COST_TYPE_LIST: ListDefinition<IntacctStandardCostType> = {
  object: "STANDARDCOSTTYPE",
  fields: [
    "RECORDNO",
    "STANDARDCOSTTYPEID",
    "NAME",
    "ACCOUNTNO",
    "ACCUMULATIONTYPENAME",
    "COSTUNITDESCRIPTION",
    "PARENTID",
    "STATUS",
    "WHENMODIFIED",
  ],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    standardCostTypeId: readField(r, "STANDARDCOSTTYPEID"),
    name: readField(r, "NAME"),
    accountNo: readOptionalField(r, "ACCOUNTNO"),
    accumulationTypeName: readOptionalField(r, "ACCUMULATIONTYPENAME"),
    costUnitDescription: readOptionalField(r, "COSTUNITDESCRIPTION"),
    parentId: readOptionalField(r, "PARENTID"),
  }),
};

export type IntacctTask = IntacctRecordBase & {
  taskId: string;
  name: string;
  projectId: string;
  standardTaskId?: string;
  taskNo?: string;
  taskStatus?: string;
};
export const TASK_LIST: ListDefinition<IntacctTask> = {
  object: "TASK",
  fields: [
    "RECORDNO",
    "TASKID",
    "NAME",
    "PROJECTID",
    "STANDARDTASKID",
    "TASKNO",
    "TASKSTATUS",
    "STATUS",
    "WHENMODIFIED",
  ],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    taskId: readField(r, "TASKID"),
    name: readField(r, "NAME"),
    projectId: readField(r, "PROJECTID"),
    standardTaskId: readOptionalField(r, "STANDARDTASKID"),
    taskNo: readOptionalField(r, "TASKNO"),
    taskStatus: readOptionalField(r, "TASKSTATUS"),
  }),
  filters: (o) => (typeof o.projectId === "string" ? [{ field: "PROJECTID", op: "equalto", value: o.projectId }] : []),
};

export type IntacctCostType = IntacctRecordBase & {
  costTypeId: string;
  name: string;
  projectId: string;
  taskId: string;
  standardCostTypeId?: string;
  accountNo?: string;
};
export const COST_TYPE_LIST: ListDefinition<IntacctCostType> = {
  object: "COSTTYPE",
  fields: [
    "RECORDNO",
    "COSTTYPEID",
    "NAME",
    "PROJECTID",
    "TASKID",
    "STANDARDCOSTTYPEID",
    "ACCOUNTNO",
    "STATUS",
    "WHENMODIFIED",
  ],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    costTypeId: readField(r, "COSTTYPEID"),
    name: readField(r, "NAME"),
    projectId: readField(r, "PROJECTID"),
    taskId: readField(r, "TASKID"),
    standardCostTypeId: readOptionalField(r, "STANDARDCOSTTYPEID"),
    accountNo: readOptionalField(r, "ACCOUNTNO"),
  }),
  filters: (o) => [
    ...(typeof o.projectId === "string" ? [{ field: "PROJECTID", op: "equalto" as const, value: o.projectId }] : []),
    ...(typeof o.taskId === "string" ? [{ field: "TASKID", op: "equalto" as const, value: o.taskId }] : []),
  ],
};

export type IntacctItem = IntacctRecordBase & { itemId: string; name: string; itemType?: string };
export const ITEM_LIST: ListDefinition<IntacctItem> = {
  object: "ITEM",
  fields: ["RECORDNO", "ITEMID", "NAME", "ITEMTYPE", "STATUS", "WHENMODIFIED"],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    itemId: readField(r, "ITEMID"),
    name: readField(r, "NAME"),
    itemType: readOptionalField(r, "ITEMTYPE"),
  }),
};

/** §9: a transaction definition; its DOCID is the name create_potransaction takes as <transactiontype>. */
export type IntacctTransactionDefinition = IntacctRecordBase & {
  docParId: string;
  description?: string;
  category?: string;
};
export const TRANSACTION_DEFINITION_LIST: ListDefinition<IntacctTransactionDefinition> = {
  object: "PODOCUMENTPARAMS",
  fields: ["RECORDNO", "DOCID", "DESCRIPTION", "CATEGORY", "STATUS", "WHENMODIFIED"],
  map: (r) => ({
    recordNo: readField(r, "RECORDNO"),
    status: readField(r, "STATUS"),
    whenModified: readOptionalField(r, "WHENMODIFIED"),
    docParId: readField(r, "DOCID"),
    description: readOptionalField(r, "DESCRIPTION"),
    category: readOptionalField(r, "CATEGORY"),
  }),
};

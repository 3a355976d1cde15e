import { createClientCore, type ExecuteOptions, type ExecuteResponse, type IntacctSessionInfo } from "./client-core";
import type { IntacctClientConfigInput } from "./config";
import { isIntacctError } from "./errors";
import type { IntacctFunction } from "./function";
import {
  buildCreateProjectEstimate,
  buildUpdateProjectEstimate,
  ESTIMATE_ENTRY_FIELDS,
  toEstimateEntry,
  type CreateEstimateInput,
  type IntacctEstimateEntry,
  type UpdateEstimateInput,
} from "./functions/estimates";
import {
  COST_TYPE_LIST,
  ENTITY_LIST,
  GL_ACCOUNT_LIST,
  ITEM_LIST,
  PROJECT_LIST,
  STANDARD_COST_TYPE_LIST,
  STANDARD_TASK_LIST,
  TASK_LIST,
  TRANSACTION_DEFINITION_LIST,
  VENDOR_LIST,
  type ListOptions,
} from "./functions/list-functions";
import {
  buildCreateProject,
  buildCreateTask,
  buildCreateVendor,
  type CreateProjectInput,
  type CreateTaskInput,
  type CreateVendorInput,
} from "./functions/master-data";
import {
  PURCHASING_DOCUMENT_SUMMARY_FIELDS,
  buildCreatePoChangeOrder,
  buildCreatePurchaseOrder,
  buildCreateVendorInvoice,
  toPurchasingDocument,
  type IntacctPurchasingDocument,
  type PoChangeOrderInput,
  type PurchaseOrderInput,
  type VendorInvoiceInput,
} from "./functions/purchasing";
import { createReaders, type ReadOptions } from "./readers";
import { createStatusReaders } from "./status-readers";
import { createWriters, type WriteOptions, type WriteOutcome } from "./writes";

export function createIntacctClient(config: IntacctClientConfigInput) {
  const core = createClientCore(config);
  const readers = createReaders(core);
  const writers = createWriters(core);
  const statusReaders = createStatusReaders(core);

  /** Typed single writes never throw for Intacct or validation failures: they resolve to a WriteOutcome. */
  async function write(
    build: () => IntacctFunction,
    controlId: unknown,
    options: WriteOptions = {},
  ): Promise<WriteOutcome> {
    let fn: IntacctFunction;
    try {
      fn = build();
    } catch (error) {
      if (!isIntacctError(error)) throw error;
      return { status: "failed", controlId: typeof controlId === "string" ? controlId : "", error };
    }
    const [outcome] = await writers.executeWrites([fn], options);
    return outcome as WriteOutcome;
  }

  return {
    /** Low level: N functions in one request, results in order. Throws a typed IntacctError for envelope failures. */
    execute: (functions: readonly IntacctFunction[], options: ExecuteOptions = {}): Promise<ExecuteResponse> =>
      core.execute(functions, options),
    /** getAPISession, cached per endpoint+company+user+entity with sliding expiry (§5). */
    openSession: (options?: { force?: boolean }): Promise<IntacctSessionInfo> => core.openSession(options),
    /** The same credentials logged into another entity of a multi-entity company (§8). */
    forEntity: (entityId: string | undefined) => createIntacctClient({ ...config, entityId }),

    readByQuery: readers.readByQuery,
    readMore: readers.readMore,
    query: readers.query,
    read: readers.read,
    readByName: readers.readByName,
    readEntityDetails: readers.readEntityDetails,

    listVendors: (options?: ListOptions) => readers.list(VENDOR_LIST, options),
    listProjects: (options?: ListOptions) => readers.list(PROJECT_LIST, options),
    listEntities: (options?: ListOptions) => readers.list(ENTITY_LIST, options),
    listGlAccounts: (options?: ListOptions) => readers.list(GL_ACCOUNT_LIST, options),
    listStandardTasks: (options?: ListOptions) => readers.list(STANDARD_TASK_LIST, options),
    listStandardCostTypes: (options?: ListOptions) => readers.list(STANDARD_COST_TYPE_LIST, options),
    listTasks: (options?: ListOptions & { projectId?: string }) => readers.list(TASK_LIST, options),
    listCostTypes: (options?: ListOptions & { projectId?: string; taskId?: string }) =>
      readers.list(COST_TYPE_LIST, options),
    listItems: (options?: ListOptions) => readers.list(ITEM_LIST, options),
    listTransactionDefinitions: (options?: ListOptions) => readers.list(TRANSACTION_DEFINITION_LIST, options),

    /** A purchasing document by DOCID (e.g. "Purchase Order-PO0213") with its entries; undefined when not found. */
    readPurchasingDocument: async (
      docId: string,
      options: ReadOptions & { docParId?: string } = {},
    ): Promise<IntacctPurchasingDocument | undefined> => {
      const records = await readers.readByName(
        { object: "PODOCUMENT", keys: [docId], docParId: options.docParId },
        options,
      );
      const record = records[0];
      return record ? toPurchasingDocument(record) : undefined;
    },
    /** Reconciliation after an "unknown" write: the document with this definition and document number, if any. */
    findPurchasingDocument: async (
      lookup: { docParId: string; documentNo: string },
      options: ReadOptions = {},
    ): Promise<IntacctPurchasingDocument | undefined> => {
      const pages = readers.query(
        {
          object: "PODOCUMENT",
          select: PURCHASING_DOCUMENT_SUMMARY_FIELDS,
          filter: {
            and: [
              { field: "DOCPARID", op: "equalto", value: lookup.docParId },
              { field: "DOCNO", op: "equalto", value: lookup.documentNo },
            ],
          },
          pageSize: 10,
        },
        options,
      );
      for await (const page of pages) {
        const record = page[0];
        if (record) return toPurchasingDocument(record);
      }
      return undefined;
    },

    /**
     * Reconciliation of an estimate update: the entries of one estimate (by PJESTIMATEID), optionally only those of
     * one workflow type. Their MEMO is where a caller can recognise entries it sent (a marker of its own).
     */
    listEstimateEntries: async (
      lookup: { estimateId: string; wfType?: string },
      options: ReadOptions = {},
    ): Promise<IntacctEstimateEntry[]> => {
      const byEstimate = { field: "PJESTIMATEID", op: "equalto" as const, value: lookup.estimateId };
      const pages = readers.query(
        {
          object: "PJESTIMATEENTRY",
          select: ESTIMATE_ENTRY_FIELDS,
          filter: lookup.wfType
            ? { and: [byEstimate, { field: "WFTYPE", op: "equalto", value: lookup.wfType }] }
            : byEstimate,
          pageSize: 2000,
        },
        options,
      );
      const entries: IntacctEstimateEntry[] = [];
      for await (const page of pages) entries.push(...page.map(toEstimateEntry));
      return entries;
    },

    /** The status check's one request: what changed since each object's mark (§15). */
    probeStatus: statusReaders.probeStatus,
    /** The changed documents (with lines), bills and estimate entries, batched (§2, §11). */
    readStatusDetails: statusReaders.readStatusDetails,

    createPurchaseOrder: (input: PurchaseOrderInput, options?: WriteOptions) =>
      write(() => buildCreatePurchaseOrder(input), input.controlId, options),
    createPoChangeOrder: (input: PoChangeOrderInput, options?: WriteOptions) =>
      write(() => buildCreatePoChangeOrder(input), input.controlId, options),
    createVendorInvoice: (input: VendorInvoiceInput, options?: WriteOptions) =>
      write(() => buildCreateVendorInvoice(input), input.controlId, options),
    createProjectEstimate: (input: CreateEstimateInput, options?: WriteOptions) =>
      write(() => buildCreateProjectEstimate(input), input.controlId, options),
    updateProjectEstimate: (input: UpdateEstimateInput, options?: WriteOptions) =>
      write(() => buildUpdateProjectEstimate(input), input.controlId, options),

    /** Master data (§8): one VENDOR, PROJECT or TASK per function; send many in one request with executeWrites. */
    createVendor: (input: CreateVendorInput, options?: WriteOptions) =>
      write(() => buildCreateVendor(input), input.controlId, options),
    createProject: (input: CreateProjectInput, options?: WriteOptions) =>
      write(() => buildCreateProject(input), input.controlId, options),
    createTask: (input: CreateTaskInput, options?: WriteOptions) =>
      write(() => buildCreateTask(input), input.controlId, options),

    /** Writes in one request (uniqueid=true), outcomes in order. */
    executeWrites: writers.executeWrites,
    /** Many writes: batches of batchSize (100), `concurrency` (2) requests at a time, progress reported. */
    runBatched: writers.runBatched,
  };
}

export type IntacctClient = ReturnType<typeof createIntacctClient>;

/**
 * lib/intacct — the Sage Intacct XML gateway client. Pure TypeScript: no next/react/prisma/app imports, so
 * it runs in server actions, background workers and scripts alike. Facts behind each choice are cited as §n: a bare
 * "§n" in this repository's code always means docs/intacct/gateway.md §n (the facts, with their public sources).
 *
 * ## Create a client
 *   const intacct = createIntacctClient({
 *     senderId, senderPassword, companyId, userId, userPassword,  // secrets never reach logs or errors
 *     entityId?,            // multi-entity: log into this entity (locationid)
 *     endpointUrl?,         // default https://api.intacct.com/ia/xml/xmlgw.phtml; any host (the mock) allowed
 *     timeoutMs? = 60000, maxRetries? = 4, maxConcurrentRequests? = 2 (one limit per company, process-wide; the latest client's applies),
 *     userAgent?, logger? (pino-compatible), sleep?/random?/now?/transport?/sessionCache? (tests)
 *   });
 *
 * ## Reads — async iterators yielding one page (array) at a time, constant memory
 *   for await (const vendors of intacct.listVendors({ status: "active", modifiedSince })) upsert(vendors);
 *   listVendors | listProjects | listEntities | listGlAccounts | listStandardTasks | listStandardCostTypes |
 *   listTasks({ projectId? }) | listCostTypes({ projectId?, taskId? }) | listItems | listTransactionDefinitions
 *     options: { modifiedSince?: Date; status?: "active" | "inactive"; pageSize? (≤2000); concurrency? (2);
 *                expectMultiplePages? (full refresh of a big list: fetch page 2 with page 1) }
 *   readByQuery({ object, fields?, query?, pageSize? }) → pages via readMore;  readMore(resultId) → one page
 *   query({ object, select, filter?, orderBy?, pageSize? }, { concurrency?, expectMultiplePages? }) → pages via offset
 *   read / readByName({ object, keys, fields? }) → records;  readEntityDetails(object?) → records
 *   readPurchasingDocument(docId) → { docId, state, …, entries: [{ recordNo, … }] } | undefined
 *   findPurchasingDocument({ docParId, documentNo }) → document | undefined   (reconcile "unknown" writes)
 *   listEstimateEntries({ estimateId, wfType? }) → entries (RECORDNO, MEMO, WFTYPE, AMOUNT): reconcile an estimate
 *     update by a marker of yours in the entries' memo
 *   Read failures throw a typed IntacctError.
 *
 * ## Writes — resolve to a WriteOutcome, never throw for Intacct failures
 *   createPurchaseOrder | createPoChangeOrder | createVendorInvoice (create_potransaction; lines carry
 *   projectId/taskId/costTypeId/locationId) | createProjectEstimate | updateProjectEstimate (PJESTIMATE + entries)
 *     input.controlId: REQUIRED, stable, derived from your record ids (e.g. `vi:${invoiceId}:v${version}`).
 *     Sent with uniqueid=true, so a retry — ours after a timeout, or yours after a crash — cannot post twice (§6).
 *   → { status: "done", key (DOCID / PJESTIMATEID), recordNo }
 *     | { status: "failed", error }     nothing was saved; error.userMessage tells the admin what to fix
 *     | { status: "unknown", error }    sent but unanswered, or refused after an earlier attempt that may have run
 *                                       it: look it up (findPurchasingDocument…) before resending the same controlId
 *     A second call for writes whose earlier outcome was unknown passes { resend: true }: any refusal is then
 *     unknown, because what Intacct answers to an already-executed controlid is undocumented (§6).
 *   Many writes: runBatched(writes, { batchSize = 100, concurrency = 2, transaction?, onProgress })
 *     with writes = buildCreateVendorInvoice(input) etc., or lazily { count, build: (index) => buildCreate…(…) }:
 *     built one batch at a time, so the first request leaves sooner; a build that throws a validation error
 *     fails that write alone. Outcomes come back in input order.
 *
 * ## Low level
 *   execute(functions, { transaction?, uniqueId?, controlId?, timeoutMs?, signal? }) → { results[] in order }
 *   openSession() → { endpoint, locationId, expiresAt } (the session id stays inside the client)
 *   forEntity(entityId) → a client for another entity with the same credentials
 *
 * ## Errors (errors.ts, one factory: toIntacctError; guidance table: error-guidance.ts)
 *   IntacctControlError | IntacctAuthenticationError | IntacctRateLimitError | IntacctTransportError |
 *   IntacctFunctionError (errorNo, description, description2, correction, functionControlId) | IntacctValidationError
 *   Each: kind, code, retryable, maybeCommitted, controlId, httpStatus, rawResponse (redacted), details,
 *   userMessage (for admins) vs message/internalMessage (for logs).
 *
 * ## Retries
 *   Capped exponential backoff with full jitter on network errors/timeouts, 429/GW-0010, 502, 503, 504, 524.
 *   Reads: always. Writes: only with uniqueid=true (the default for writes), resending byte-identical XML.
 *   An authentication failure on a session request: one fresh login, then one replay.
 */
export { createIntacctClient, type IntacctClient } from "./client";
export type { ExecuteOptions, ExecuteResponse, FunctionResult, IntacctSessionInfo } from "./client-core";
export {
  DEFAULT_ENDPOINT_URL,
  DEFAULT_USER_AGENT,
  ZIntacctClientConfig,
  type IntacctClientConfigInput,
  type IntacctExchange,
} from "./config";
export {
  IntacctAuthenticationError,
  IntacctControlError,
  IntacctError,
  IntacctFunctionError,
  IntacctRateLimitError,
  IntacctTransportError,
  IntacctValidationError,
  isIntacctError,
  toIntacctError,
  type IntacctErrorDetail,
  type IntacctErrorKind,
} from "./errors";
export { INTACCT_GUIDANCE, type GuidanceCode } from "./error-guidance";
export type { IntacctFunction } from "./function";
export {
  buildCreateProjectEstimate,
  buildUpdateProjectEstimate,
  toEstimateEntriesOf,
  type CreateEstimateInput,
  type EstimateEntryInput,
  type IntacctEstimateEntry,
  type UpdateEstimateInput,
} from "./functions/estimates";
export {
  buildCreateProject,
  buildCreateTask,
  buildCreateVendor,
  PROJECT_CATEGORIES,
  type CreateProjectInput,
  type CreateTaskInput,
  type CreateVendorInput,
} from "./functions/master-data";
// For a caller that reads several lists in one request (`execute` with their `buildQuery` functions).
export { COST_TYPE_LIST, TASK_LIST, type ListDefinition } from "./functions/list-functions";
export type {
  IntacctCostType,
  IntacctEntity,
  IntacctGlAccount,
  IntacctItem,
  IntacctProject,
  IntacctStandardCostType,
  IntacctStandardTask,
  IntacctTask,
  IntacctTransactionDefinition,
  IntacctVendor,
  ListOptions,
} from "./functions/list-functions";
export {
  buildCreatePoChangeOrder,
  buildCreatePurchaseOrder,
  buildCreateVendorInvoice,
  toPurchasingDocument,
  type IntacctPurchasingDocument,
  type IntacctPurchasingEntry,
  type PoChangeOrderInput,
  type PurchaseOrderInput,
  type PurchasingLineInput,
  type VendorInvoiceInput,
} from "./functions/purchasing";
export {
  buildQuery,
  buildRead,
  buildReadByName,
  buildReadByQuery,
  buildReadEntityDetails,
  buildReadMore,
  type QueryFilter,
  type QueryParams,
  type ReadByQueryParams,
  type ReadParams,
} from "./functions/read-functions";
export {
  auditRecordNo,
  buildReadApBills,
  buildReadEstimateEntries,
  buildReadPurchasingDocuments,
  buildStatusProbe,
  isDeletion,
  type IntacctApBill,
  type IntacctAuditEntry,
  type IntacctDocumentStatus,
  type IntacctEstimateEntryStatus,
  type StatusProbeInput,
} from "./functions/status-reads";
export type { IntacctDocumentDetail, StatusDetails, StatusProbeResult } from "./status-readers";
export { formatGenericTimestamp } from "./xml-values";
export type { IntacctLogger } from "./logger";
export { collectPages, type ReadOptions } from "./readers";
export { createMemorySessionCache, type SessionCache } from "./session-cache";
export {
  closeIntacctConnections,
  type IntacctTransport,
  type TransportRequest,
  type TransportResponse,
} from "./transport";
export type { XmlRecord } from "./xml-parse";
export { quoteQueryLiteral } from "./xml-values";
export type { BatchProgress, RunBatchedOptions, WriteOptions, WriteOutcome, WriteSource } from "./writes";
export type { Limiter } from "./limiter";

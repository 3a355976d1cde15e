/**
 * The tenant-scoped cache of Sage Intacct reference records (IntacctReference) and the links from
 * our records to them. Nothing here calls Intacct except the refresh; pages, pickers and the sync's
 * preflight read the cache, so they never wait on Intacct.
 *
 * ## For the sync — stable names and signatures
 *
 *   findReference(db, companyId, type, externalId, scope = "") → Promise<ReferenceView | null>
 *     One cached record by Intacct id. `scope` is "" for global lists, the PROJECTID for TASK, and
 *     "PROJECTID/TASKID" for COST_TYPE. Check `.active` before sending: inactive records stay cached (existing
 *     links show them) but Intacct refuses them on new transactions.
 *       findReference(db, companyId, "VENDOR", accountingCompany.intacctVendorId)
 *       findReference(db, companyId, "COST_TYPE", "SUB", `${project.intacctProjectId}/${taskId}`)
 *
 *   listProjectTasks(db, companyId, intacctProjectId) → Promise<ReferenceView[]>
 *     The TASKs (cost codes) of one Intacct project, active and inactive, ordered by TASKID. For each task
 *     `externalId` = TASKID and `parentId` = its STANDARDTASKID, i.e. what CostCode.intacctStandardTaskId holds.
 *     Preflight: a line's cost code syncs with a task when some active task has
 *     externalId === costCode.intacctStandardTaskId (or parentId === it); otherwise it goes without a cost code.
 *
 *   refreshReferences(db, companyId, { types?, full?, onProgress?, client? }) → Promise<RefreshTypeResult[]>
 *     Reads the lists through lib/intacct (paged, 2,000 per page, 2 in flight) into the cache. Incremental by the
 *     WHENMODIFIED high-water mark unless `full` (or never refreshed); a full read marks records Intacct no longer
 *     returns as inactive. Progress goes to ReferenceRefresh (and `onProgress({ type, processed, done })`).
 *     Throws AppError INVALID_STATE when Intacct is not connected, or after all types ran when any failed.
 *       await refreshReferences(db, companyId, { types: ["TASK", "COST_TYPE"] });   // before a preflight
 *
 *   ReferenceView = { type, externalId, name, active, recordNo, scope, parentId, data: Record<string, string> }
 *     parentId: PROJECT → LOCATIONID (entity), TASK → STANDARDTASKID, COST_TYPE → STANDARDCOSTTYPEID,
 *     STANDARD_COST_TYPE → PARENTID. data: VENDOR { taxId, termName, currency }, GL_ACCOUNT { accountType,
 *     normalBalance }, COST_TYPE { accountNo }, TASK { taskNo, taskStatus }, …
 *
 * ## For pages
 *   searchReferences(db, companyId, type, query, { includeInactive?, limit? = 20, scope? }) — picker search (id or
 *   name, every word, exact/leading id first). getRefreshStatus / startReferenceRefresh (background job).
 *   links.ts: vendor, project and cost code links (list with suggestions, link, unlink, accept suggestions).
 *   matching.ts: the pure auto-match rules.
 */
export { findReference, listProjectTasks, searchReferences, type ReferenceView, type SearchOptions } from "./search";
export {
  getRefreshStatus,
  refreshReferences,
  type RefreshOptions,
  type RefreshProgress,
  type RefreshStatusView,
  type RefreshTypeResult,
} from "./refresh";
export { startReferenceRefresh, ZStartRefreshInput } from "./jobs";

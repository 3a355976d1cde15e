// Sage Intacct behind the provider-neutral AccountingProvider: planning from the reference cache (preflight) or from
// Intacct's live task list (send), and sending through the lib/intacct client. The only object lib/sync gets of it.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { AccountingProvider, ProviderSession, SyncItem } from "@/lib/integrations/provider";
import { getIntacctClientForCompany } from "./client-factory";
import { describeIntacctDocument, INTACCT_DOCUMENTS } from "./documents";
import { SAGE_INTACCT } from "./metadata";
import { planIntacctDocument } from "./planning";
import { loadCachedProjectTasks, loadLiveProjectTasks } from "./project-tasks";
import { searchReferences } from "./references";
import { getIntacctConnectionView } from "./service";
import { checkIntacctStatus } from "./status-check";
import { sendSyncPlan } from "./sync-adapter";

const SYNC_REQUEST_TIMEOUT_MS = Number(process.env.INTACCT_SYNC_TIMEOUT_MS ?? 20_000);

async function planFromCache(db: Db, item: SyncItem) {
  const connection = await getIntacctConnectionView(db, item.companyId);
  return planIntacctDocument(
    { connection, loadTasks: (projectId) => loadCachedProjectTasks(db, item.companyId, projectId) },
    item,
  );
}

export const sageIntacctProvider: AccountingProvider = {
  metadata: SAGE_INTACCT,
  describeItemType: (itemType) => INTACCT_DOCUMENTS[itemType],
  describeDocument: describeIntacctDocument,
  getConnection: getIntacctConnectionView,
  planFromCache,
  async openSession(db, companyId, options = {}): Promise<ProviderSession> {
    const onExchange = options.onExchange;
    const client = await getIntacctClientForCompany(db, companyId, {
      // Sized for a sync job: a hung request holds one of the company's two slots for at most this long, and the
      // job (not the client) does the patient retrying, reconciling first, so one quick client retry is enough.
      timeoutMs: SYNC_REQUEST_TIMEOUT_MS,
      maxRetries: 1,
      onExchange: onExchange
        ? (e) =>
            onExchange({
              request: e.requestXml,
              response: e.responseXml,
              status: e.status,
              durationMs: e.durationMs,
              errorCode: e.errorCode,
            })
        : undefined,
    });
    return {
      // Against Intacct's live task list, so a task removed since the last refresh makes its line go without a
      // cost code instead of failing the document.
      async plan(item) {
        const connection = await getIntacctConnectionView(db, companyId);
        return planIntacctDocument(
          { connection, loadTasks: (projectId) => loadLiveProjectTasks(client, projectId) },
          item,
        );
      },
      send: (plan, sendOptions) => sendSyncPlan(client, plan, sendOptions),
    };
  },
  checkStatus: (db, companyId, input) => checkIntacctStatus(db, companyId, input),
  async searchReferences(db, companyId, type, query, options) {
    const rows = await searchReferences(db, companyId, type, query, options);
    return rows.map((r) => ({ externalId: r.externalId, name: r.name, active: r.active, parentId: r.parentId }));
  },
};

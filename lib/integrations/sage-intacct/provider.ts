// Sage Intacct behind the provider-neutral AccountingProvider: planning from the reference cache (preflight) or from
// Intacct's live task list (send), and sending through the lib/intacct client. The only object lib/sync gets of it.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/lib/db/client";
import type { AccountingProvider, ProviderExchange, ProviderSession, SyncItem } from "@/lib/integrations/provider";
import { getIntacctClientForCompany } from "./client-factory";
import { splitExchange } from "./exchange-parts";
import { describeIntacctDocument, INTACCT_DOCUMENTS } from "./documents";
import { SAGE_INTACCT } from "./metadata";
import { planIntacctDocument } from "./planning";
import { loadCachedProjectTasks, loadLiveProjectTasksMany, type ProjectTasks } from "./project-tasks";
import { searchReferences } from "./references";
import { getIntacctConnectionView } from "./service";
import { checkIntacctStatus } from "./status-check";
import { sendSyncPlan, sendSyncPlans } from "./sync-adapter";

const SYNC_REQUEST_TIMEOUT_MS = Number(process.env.INTACCT_SYNC_TIMEOUT_MS ?? 20_000);

async function planFromCache(db: Db, item: SyncItem, batch?: Map<string, Promise<unknown>>) {
  // Within a batch, the connection and each project's cached tasks are read once for all its items.
  const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!batch) return load();
    let value = batch.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      batch.set(key, value);
    }
    return value;
  };
  const connection = await memo(`connection:${item.companyId}`, () => getIntacctConnectionView(db, item.companyId));
  return planIntacctDocument(
    {
      connection,
      loadTasks: (projectId) =>
        memo(`tasks:${item.companyId}:${projectId}`, () => loadCachedProjectTasks(db, item.companyId, projectId)),
    },
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
    // The send a lookup is made for, so its exchanges are filed under that item alone.
    const sendInProgress = new AsyncLocalStorage<string>();
    const report = (exchange: ProviderExchange) => {
      if (!onExchange) return;
      const parts = splitExchange(exchange.request, exchange.response);
      if (!parts.length) return onExchange({ ...exchange, controlId: exchange.controlId ?? sendInProgress.getStore() });
      for (const part of parts) onExchange({ ...exchange, ...part });
    };
    const client = await getIntacctClientForCompany(db, companyId, {
      // Sized for a sync job: a hung request holds one of the company's two slots for at most this long, and the
      // job (not the client) does the patient retrying, reconciling first, so one quick client retry is enough.
      timeoutMs: SYNC_REQUEST_TIMEOUT_MS,
      maxRetries: 1,
      onExchange: onExchange
        ? (e) =>
            report({
              request: e.requestXml,
              response: e.responseXml,
              status: e.status,
              durationMs: e.durationMs,
              errorCode: e.errorCode,
            })
        : undefined,
    });
    // One session plans a whole batch: the connection and each project's live tasks are read once for all of it.
    let connection: ReturnType<typeof getIntacctConnectionView> | undefined;
    const tasksByProject = new Map<string, Promise<ProjectTasks>>();
    // The projects asked for in one turn of the event loop (a chunk's items are planned together) are read in one
    // request (`loadLiveProjectTasksMany`).
    let asked: { projectId: string; resolve: (tasks: ProjectTasks) => void; reject: (error: unknown) => void }[] = [];
    const readAsked = () => {
      const batch = asked;
      asked = [];
      loadLiveProjectTasksMany(
        client,
        batch.map((a) => a.projectId),
      ).then(
        (byProject) => batch.forEach((a) => a.resolve(byProject.get(a.projectId) as ProjectTasks)),
        (error: unknown) => batch.forEach((a) => a.reject(error)),
      );
    };
    const liveTasks = (projectId: string) => {
      let tasks = tasksByProject.get(projectId);
      if (!tasks) {
        tasks = new Promise<ProjectTasks>((resolve, reject) => {
          asked.push({ projectId, resolve, reject });
          if (asked.length === 1) setImmediate(readAsked);
        });
        // A failed read is not kept: the next plan of the batch asks again.
        tasks.catch(() => tasksByProject.delete(projectId));
        tasksByProject.set(projectId, tasks);
      }
      return tasks;
    };
    return {
      // Against Intacct's live task list, so a task removed since the last refresh makes its line go without a
      // cost code instead of failing the document.
      async plan(item) {
        connection ??= getIntacctConnectionView(db, companyId);
        return planIntacctDocument({ connection: await connection, loadTasks: liveTasks }, item);
      },
      send: (plan, sendOptions) => sendSyncPlan(client, plan, sendOptions),
      // The projects' live tasks, asked for together before the first plan needs them (one request for all).
      prefetch: (projects) => {
        for (const project of projects)
          if (project.intacctProjectId) liveTasks(project.intacctProjectId).catch(() => undefined);
      },
      // One send goes exactly as `send`; several share requests, each lookup filed under the send it is for.
      sendMany: async (requests) => {
        const [only] = requests;
        if (only && requests.length === 1) return [await sendSyncPlan(client, only.plan, only)];
        return sendSyncPlans(client, requests, (controlId, work) => sendInProgress.run(controlId, work));
      },
    };
  },
  checkStatus: (db, companyId, input) => checkIntacctStatus(db, companyId, input),
  async searchReferences(db, companyId, type, query, options) {
    const rows = await searchReferences(db, companyId, type, query, options);
    return rows.map((r) => ({ externalId: r.externalId, name: r.name, active: r.active, parentId: r.parentId }));
  },
};

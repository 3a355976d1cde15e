// "Accounting reviews before sync" (lib/sync/review.ts) against the in-memory provider and a real worker: with the
// gate on, nothing a project manager does sends an item (item page, selected, all ready, retry, sync on approval);
// an accountant returns one with a reason, which blocks it until its project manager resubmits it, and sends another,
// which lands. Every send, return, resubmission and setting change is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, listEvents, submitItem } from "@/lib/financials/approval";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { enqueueWith } from "@/lib/jobs/sync-jobs";
import { startWorker, type Worker } from "@/lib/jobs/worker";
import { countReturnedCandidates, listReadyCandidateIds, listSyncCandidates } from "@/lib/sync/candidates";
import {
  getOpenReturn,
  loadReviewPreflight,
  resubmitToAccounting,
  returnToProjectManager,
  WAITS_FOR_REVIEW,
} from "@/lib/sync/review";
import {
  cancelSyncRun,
  readSyncRun,
  requestItemSync,
  retryFailedItems,
  startSyncRun,
  syncOnApproval,
} from "@/lib/sync/runs";
import { getSyncSettings, saveSyncSettings } from "@/lib/sync/settings";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let other: TestCompany;
let provider: InMemoryProvider;
let worker: Worker;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Review Co");
  other = await buildCompany(t.db, "Other Review Co");
  provider = createInMemoryProvider();
  worker = await startWorker({ db: t.db, connectionString: t.url, provider });
}, 60_000);
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.drop();
});

const enqueue = () => enqueueWith(worker.boss);

async function approvedContract(number: string, company = c) {
  const { id } = await buildContract(t.db, company, { number });
  await submitItem(t.db, company.pm, "CONTRACT", id);
  await approveItem(t.db, company.pm2, "CONTRACT", id);
  return id;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, message: error.userMessage };
}

async function waitForRun(runId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await readSyncRun(t.db, c.companyId, runId);
    if (view.run.status !== "RUNNING") return view;
    if (Date.now() > until) throw new Error(`run ${runId} still running: ${JSON.stringify(view.counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lastAudit = async (companyId = c.companyId) =>
  t.db.auditLog.findFirst({ where: { companyId }, orderBy: { createdAt: "desc" } });
const documentsNumbered = (number: string) => provider.documents().filter((d) => d.documentNo === number);

describe("accounting reviews before sync", () => {
  it("is off by default; an admin turns it on beside sync on approval, audit-logged", async () => {
    expect(await getSyncSettings(t.db, c.companyId)).toEqual({
      syncOnApproval: false,
      accountingReviewsBeforeSync: false,
      statusCheckMinutes: 15,
    });
    await saveSyncSettings(t.db, c.admin, { syncOnApproval: true, accountingReviewsBeforeSync: true });
    expect(await getSyncSettings(t.db, c.companyId)).toEqual({
      syncOnApproval: true,
      accountingReviewsBeforeSync: true,
      statusCheckMinutes: 15,
    });
    const rows = await t.db.auditLog.findMany({ where: { companyId: c.companyId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.detail)).toEqual([
      "Send items to accounting when they are approved: on",
      "Accounting reviews before sync: on",
    ]);
    expect(rows.every((r) => r.actorId === c.admin.id && r.action === "integration.settings")).toBe(true);
    // The other company is untouched.
    expect((await getSyncSettings(t.db, other.companyId)).accountingReviewsBeforeSync).toBe(false);
  });

  it("a project manager's approved item waits: no send from the item page, selected, all ready, retry or approval", async () => {
    const id = await approvedContract("REV-WAIT");
    // Sync on approval is on, but the approval only puts it in Ready for accounting.
    expect(await syncOnApproval(t.db, c.pm2, "CONTRACT", id, { enqueue: enqueue() })).toBeNull();
    expect(await t.db.syncRunItem.count({ where: { itemId: id } })).toBe(0);
    const item = [{ itemType: "CONTRACT" as const, itemId: id }];
    expect(await refusal(requestItemSync(t.db, c.pm, "CONTRACT", id, { enqueue: enqueue(), provider }))).toEqual({
      code: "FORBIDDEN",
      message: WAITS_FOR_REVIEW,
    });
    expect((await refusal(startSyncRun(t.db, c.pm, { items: item }, { enqueue: enqueue() }))).code).toBe("FORBIDDEN");
    const allReady = await listReadyCandidateIds(t.db, c.companyId, {}, 1000);
    expect(allReady.map((r) => r.itemId)).toContain(id);
    expect((await refusal(startSyncRun(t.db, c.pm, { items: allReady }, { enqueue: enqueue() }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await t.db.syncRun.count({ where: { companyId: c.companyId } })).toBe(0);
    expect(documentsNumbered("REV-WAIT")).toHaveLength(0);
    // A viewer gets no further than a project manager (the action wrapper refuses the role before this).
    expect((await refusal(startSyncRun(t.db, c.viewer, { items: item }, { enqueue: enqueue() }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("an accountant sends it after its preflight; it lands once and the send is audit-logged", async () => {
    const id = await approvedContract("REV-SEND");
    const preflight = await loadReviewPreflight(t.db, c.companyId, [{ itemType: "CONTRACT", itemId: id }]);
    expect(preflight.get(id)).toEqual({ blockers: expect.any(Array), warnings: expect.any(Array) });
    const { runId } = await requestItemSync(t.db, c.accountant, "CONTRACT", id, { enqueue: enqueue(), provider });
    expect((await waitForRun(runId)).counts.SYNCED).toBe(1);
    expect(documentsNumbered("REV-SEND")).toHaveLength(1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "accounting.send", actorId: c.accountant.id, outcome: "success" });
    expect(audit?.detail).toBe("Sent after review (1): Contract REV-SEND");
    // An admin reviews too.
    const byAdmin = await approvedContract("REV-ADMIN");
    const started = await startSyncRun(
      t.db,
      c.admin,
      { items: [{ itemType: "CONTRACT", itemId: byAdmin }] },
      { enqueue: enqueue() },
    );
    expect((await waitForRun(started.runId)).counts.SYNCED).toBe(1);
    expect(documentsNumbered("REV-ADMIN")).toHaveLength(1);
  });

  it("an accountant returns one with a reason: it leaves Ready for accounting and nobody can send it", async () => {
    const id = await approvedContract("REV-RETURN");
    expect(await refusal(returnToProjectManager(t.db, c.pm, "CONTRACT", id, "Wrong vendor")).then((r) => r.code)).toBe(
      "FORBIDDEN",
    );
    const returned = await returnToProjectManager(t.db, c.accountant, "CONTRACT", id, "  Wrong GL account  ");
    expect(returned).toMatchObject({ reason: "Wrong GL account", returnedByName: c.accountant.name });
    expect(await getOpenReturn(t.db, c.companyId, "CONTRACT", id)).toMatchObject({ reason: "Wrong GL account" });
    const events = await listEvents(t.db, c.pm, "CONTRACT", id);
    expect(events.at(-1)).toMatchObject({
      action: "RETURNED_BY_ACCOUNTING",
      actorId: c.accountant.id,
      comment: "Wrong GL account",
    });
    expect(await lastAudit()).toMatchObject({
      action: "accounting.return",
      detail: "Returned Contract REV-RETURN to the project manager: Wrong GL account",
    });
    // The list shows it as returned, with the reason; Ready for accounting no longer holds it.
    const [row] = await listSyncCandidates(t.db, c.companyId, { search: "REV-RETURN" }, { page: 1, pageSize: 5 });
    expect(row?.returned).toMatchObject({ reason: "Wrong GL account", byName: c.accountant.name });
    expect(
      await listSyncCandidates(t.db, c.companyId, { search: "REV-RETURN", state: "READY" }, { page: 1, pageSize: 5 }),
    ).toEqual([]);
    expect(await countReturnedCandidates(t.db, c.companyId, { search: "REV-RETURN" })).toBe(1);
    expect((await listReadyCandidateIds(t.db, c.companyId, {}, 1000)).map((r) => r.itemId)).not.toContain(id);
    // Sending it alone is refused with the reason; in a selection it is skipped, saying why.
    const alone = await refusal(requestItemSync(t.db, c.accountant, "CONTRACT", id, { enqueue: enqueue(), provider }));
    expect(alone.code).toBe("INVALID_STATE");
    expect(alone.message).toContain("Wrong GL account");
    const other = await approvedContract("REV-BESIDE");
    const { runId } = await startSyncRun(
      t.db,
      c.accountant,
      {
        items: [
          { itemType: "CONTRACT", itemId: id },
          { itemType: "CONTRACT", itemId: other },
        ],
      },
      { enqueue: enqueue() },
    );
    const view = await waitForRun(runId);
    expect(view.counts).toMatchObject({ SYNCED: 1, SKIPPED: 1 });
    expect(view.items.find((i) => i.itemId === id)?.message).toMatch(/^Returned to the project manager by .*Wrong GL/);
    expect(documentsNumbered("REV-RETURN")).toHaveLength(0);
    // A second return of the same item is a conflict, not a second row.
    expect((await refusal(returnToProjectManager(t.db, c.admin, "CONTRACT", id, "Again"))).code).toBe("CONFLICT");
    expect(await t.db.accountingReturn.count({ where: { itemId: id } })).toBe(1);
  }, 30_000);

  it("the project manager resubmits it: back in Ready for accounting; accountants cannot resubmit", async () => {
    const id = await approvedContract("REV-RESUBMIT");
    await returnToProjectManager(t.db, c.accountant, "CONTRACT", id, "Attach the signed contract");
    expect(
      (await refusal(resubmitToAccounting(t.db, c.accountant, "CONTRACT", id, ""))).code,
      "an accountant does not resubmit",
    ).toBe("FORBIDDEN");
    await resubmitToAccounting(t.db, c.pm, "CONTRACT", id, "Signed copy attached");
    expect(await getOpenReturn(t.db, c.companyId, "CONTRACT", id)).toBeNull();
    expect((await listEvents(t.db, c.pm, "CONTRACT", id)).at(-1)).toMatchObject({
      action: "RESUBMITTED_TO_ACCOUNTING",
      comment: "Signed copy attached",
    });
    expect(await lastAudit()).toMatchObject({
      action: "accounting.resubmit",
      detail: "Resubmitted Contract REV-RESUBMIT to accounting: Signed copy attached",
    });
    expect((await listReadyCandidateIds(t.db, c.companyId, {}, 1000)).map((r) => r.itemId)).toContain(id);
    expect((await refusal(resubmitToAccounting(t.db, c.pm, "CONTRACT", id, ""))).code).toBe("INVALID_STATE");
  });

  it("returns only what waits: not a pending item, a synced one, or another company's", async () => {
    const { id: draft } = await buildContract(t.db, c, { number: "REV-DRAFT" });
    expect((await refusal(returnToProjectManager(t.db, c.accountant, "CONTRACT", draft, "No"))).code).toBe(
      "INVALID_STATE",
    );
    const synced = await t.db.contract.findFirstOrThrow({ where: { companyId: c.companyId, number: "REV-SEND" } });
    expect(
      (await refusal(returnToProjectManager(t.db, c.accountant, "CONTRACT", synced.id, "Too late"))).message,
    ).toMatch(/already synced/);
    // Queued to be sent (nothing picks it up here): returning it would race the send, so it is refused.
    const queued = await approvedContract("REV-QUEUED");
    const run = await startSyncRun(
      t.db,
      c.accountant,
      { items: [{ itemType: "CONTRACT", itemId: queued }] },
      { enqueue: async () => undefined },
    );
    expect((await refusal(returnToProjectManager(t.db, c.accountant, "CONTRACT", queued, "Hold on"))).message).toMatch(
      /queued to be sent/,
    );
    await cancelSyncRun(t.db, c.companyId, run.runId);
    await returnToProjectManager(t.db, c.accountant, "CONTRACT", queued, "Hold on");
    const theirs = await approvedContract("REV-THEIRS", other);
    expect((await refusal(returnToProjectManager(t.db, c.accountant, "CONTRACT", theirs, "Not mine"))).code).toBe(
      "NOT_FOUND",
    );
    expect((await refusal(resubmitToAccounting(t.db, c.pm, "CONTRACT", theirs, ""))).code).toBe("NOT_FOUND");
    expect(await t.db.accountingReturn.count({ where: { companyId: other.companyId } })).toBe(0);
  });

  it("retry failed by a project manager is refused too; with the gate off, the project manager sends again", async () => {
    const id = await approvedContract("REV-RETRY");
    provider.queueFault("refuse");
    const { runId } = await requestItemSync(t.db, c.accountant, "CONTRACT", id, { enqueue: enqueue(), provider });
    expect((await waitForRun(runId)).counts.FAILED).toBe(1);
    expect((await refusal(retryFailedItems(t.db, c.pm, runId, { enqueue: enqueue() }))).code).toBe("FORBIDDEN");
    await saveSyncSettings(t.db, c.admin, { accountingReviewsBeforeSync: false });
    expect(await lastAudit()).toMatchObject({ detail: "Accounting reviews before sync: off" });
    const retried = await retryFailedItems(t.db, c.pm, runId, { enqueue: enqueue() });
    expect((await waitForRun(retried.runId)).counts.SYNCED).toBe(1);
    // A return still holds while the gate is off: the project manager resubmits first.
    const held = await approvedContract("REV-HELD");
    await returnToProjectManager(t.db, c.accountant, "CONTRACT", held, "Check retainage");
    expect((await refusal(requestItemSync(t.db, c.pm, "CONTRACT", held, { enqueue: enqueue(), provider }))).code).toBe(
      "INVALID_STATE",
    );
  }, 30_000);
});

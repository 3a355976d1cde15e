// lib/sync on its own: eligibility, the claim / finalize state machine, reconcile-before-resend and history, against
// the in-memory accounting provider (a real implementation of the provider interface, with no Intacct code in it).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import { getSyncEligibility, getSyncStatus, listSyncAttempts, STALE_CLAIM_MS, syncItem } from "@/lib/sync/sync-service";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Ledger Co");
}, 60_000);
afterAll(async () => t?.drop());
beforeEach(() => {
  provider = createInMemoryProvider();
});

async function approvedContract(amounts?: number[]) {
  const { id } = await buildContract(t.db, c, { amounts });
  await submitItem(t.db, c.pm, "CONTRACT", id);
  await approveItem(t.db, c.pm2, "CONTRACT", id);
  return id;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return isAppError(error) ? { code: error.code, message: error.userMessage } : error;
}

describe("eligibility", () => {
  it("an unapproved item is blocked by our own rule, before the provider's", async () => {
    const { id } = await buildContract(t.db, c);
    const eligibility = await getSyncEligibility(t.db, c.pm, "CONTRACT", id, { provider });
    expect(eligibility.eligible).toBe(false);
    expect(eligibility.eligible ? [] : eligibility.blockers.map((b) => b.message)).toEqual([
      "Only approved items can be synced: this contract is draft.",
    ]);
  });

  it("a contract change waits for its contract, in the provider's words for the documents", async () => {
    const contractId = await approvedContract();
    const contract = await t.db.contract.findUniqueOrThrow({ where: { id: contractId }, include: { lines: true } });
    const { id } = await saveContractChange(t.db, c.pm, {
      contractId,
      number: "CO-1",
      title: "More concrete",
      reason: "Owner request",
      lines: [
        {
          contractLineId: contract.lines[0]?.id,
          costCodeId: c.costCodeIds[0] as string,
          description: "More",
          amount: 5_000_00,
        },
      ],
    });
    await submitItem(t.db, c.pm, "CONTRACT_CHANGE", id);
    await approveItem(t.db, c.pm2, "CONTRACT_CHANGE", id);
    const before = await getSyncEligibility(t.db, c.pm, "CONTRACT_CHANGE", id, { provider });
    expect(before.eligible ? [] : before.blockers[0]).toMatchObject({
      message: `Contract ${contract.number} must be synced first: a Change order changes its Purchase order.`,
      fixHref: `/projects/${c.projectId}/contracts/${contractId}`,
    });

    await syncItem(t.db, c.pm, "CONTRACT", contractId, { provider });
    const after = await getSyncEligibility(t.db, c.pm, "CONTRACT_CHANGE", id, { provider });
    expect(after.eligible).toBe(true);
    const outcome = await syncItem(t.db, c.pm, "CONTRACT_CHANGE", id, { provider });
    expect(outcome.state).toBe("SYNCED");
    const [po, co] = provider.documents();
    // The change points at the PO and at the PO line it changes, as the provider keyed them.
    expect(co?.sourceKey).toBe(po?.key);
    const poLine = po?.lineKeys[contract.lines[0]?.id ?? ""];
    expect(poLine).toBeTruthy();
  });
});

describe("exactly once", () => {
  it("syncs, records the attempt with the provider's exchanges, and refuses a second sync", async () => {
    const id = await approvedContract();
    const outcome = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    expect(outcome).toMatchObject({
      state: "SYNCED",
      message: expect.stringMatching(/^Successfully Synced: Purchase order PO-/),
    });
    expect(provider.documents()).toHaveLength(1);
    const [attempt] = await listSyncAttempts(t.db, c.admin, "CONTRACT", id, { withXml: true });
    expect(attempt).toMatchObject({
      outcome: "synced",
      requestXml: expect.stringContaining("send"),
      responseXml: expect.stringContaining("posted"),
    });

    expect(await refusal(syncItem(t.db, c.pm, "CONTRACT", id, { provider }))).toEqual({
      code: "CONFLICT",
      message: expect.stringMatching(/^Already synced to the in-memory ledger as Purchase order PO-/),
    });
    expect(provider.documents()).toHaveLength(1);
  });

  it("simultaneous clicks make one document; the others are told it is already syncing or synced", async () => {
    const id = await approvedContract();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => syncItem(t.db, c.pm, "CONTRACT", id, { provider })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(provider.documents()).toHaveLength(1);
  });

  it("a synced item says it is synced, whatever would block a new sync now", async () => {
    const id = await approvedContract();
    await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    await t.db.contract.update({ where: { id }, data: { status: "DRAFT" } });
    expect(await refusal(syncItem(t.db, c.pm, "CONTRACT", id, { provider }))).toMatchObject({ code: "CONFLICT" });
    await t.db.contract.update({ where: { id }, data: { status: "APPROVED" } });
  });
});

describe("failures and reconcile", () => {
  it("a refusal is FAILED with nothing posted; Retry sends again", async () => {
    const id = await approvedContract();
    provider.queueFault("refuse");
    const failed = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    expect(failed).toMatchObject({
      state: "FAILED",
      message: "The ledger refused the document. Nothing was posted to the in-memory ledger.",
    });
    expect(provider.documents()).toHaveLength(0);
    expect(await syncItem(t.db, c.pm, "CONTRACT", id, { provider })).toMatchObject({ state: "SYNCED" });
    expect(provider.documents()).toHaveLength(1);
  });

  it("a lost reply is UNKNOWN; Retry looks the document up and adopts it instead of posting again", async () => {
    const id = await approvedContract();
    provider.queueFault("lose-reply");
    const unknown = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    expect(unknown.state).toBe("UNKNOWN");
    expect(provider.documents()).toHaveLength(1);
    const retried = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    expect(retried).toMatchObject({ state: "SYNCED" });
    expect(provider.documents()).toHaveLength(1);
    expect(provider.requests().at(-1)).toMatch(/^lookup /);
    const attempts = await listSyncAttempts(t.db, c.admin, "CONTRACT", id, { withXml: false });
    expect(attempts.map((a) => a.outcome)).toEqual(["adopted", "unknown"]);
  });

  it("a provider that is down before sending leaves FAILED with the provider's message", async () => {
    const id = await approvedContract();
    provider.queueFault("down");
    const outcome = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    expect(outcome).toMatchObject({ state: "FAILED", message: expect.stringContaining("The ledger is down.") });
    const status = await getSyncStatus(t.db, c.pm, "CONTRACT", id, { provider });
    expect(status).toMatchObject({ state: "FAILED", lastErrorCode: "down" });
  });

  it("a claim left by a process that died is taken over after it goes stale, and reconciles first", async () => {
    const id = await approvedContract();
    provider.queueFault("lose-reply");
    await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    // As if a process claimed it and died mid-send.
    await t.db.syncRecord.updateMany({
      where: { itemId: id },
      data: { state: "SYNCING", claimedAt: new Date(Date.now() - STALE_CLAIM_MS - 1000) },
    });
    const outcome = await syncItem(t.db, c.pm, "CONTRACT", id, { provider });
    expect(outcome.state).toBe("SYNCED");
    expect(provider.documents()).toHaveLength(1);
  });

  it("another company's item is not found", async () => {
    const id = await approvedContract();
    const other = await buildCompany(t.db, "Other Co");
    expect(await refusal(syncItem(t.db, other.pm, "CONTRACT", id, { provider }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

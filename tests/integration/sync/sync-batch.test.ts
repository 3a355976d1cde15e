// syncItems, lib/sync's batch: many items through one provider session and one sendMany, each claimed and finalized
// on its own, against the in-memory provider. A prerequisite in the same batch goes first; a refusal or a lost
// answer touches only what it should; the provider is looked up once for the batch.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { approveItem, submitItem } from "@/lib/financials/approval";
import { saveContractChange } from "@/lib/financials/contract-changes";
import { createInMemoryProvider, type InMemoryProvider } from "@/lib/integrations/in-memory/provider";
import * as registry from "@/lib/integrations/registry";
import { syncItems, type SyncRequest } from "@/lib/sync/sync-service";
import { buildCompany, buildContract, type TestCompany } from "../../helpers/builders";
import { createTestDb, type TestDb } from "../../helpers/test-db";

let t: TestDb;
let c: TestCompany;
let provider: InMemoryProvider;

beforeAll(async () => {
  t = await createTestDb();
  c = await buildCompany(t.db, "Batch Ledger Co");
}, 60_000);
afterAll(async () => t?.drop());
beforeEach(() => {
  provider = createInMemoryProvider();
});

async function approved(itemType: "CONTRACT" | "CONTRACT_CHANGE", id: string) {
  await submitItem(t.db, c.pm, itemType, id);
  await approveItem(t.db, c.pm2, itemType, id);
  return id;
}

async function approvedContracts(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await approved("CONTRACT", (await buildContract(t.db, c)).id));
  return ids;
}

const contracts = (ids: string[]): SyncRequest[] =>
  ids.map((itemId) => ({ itemType: "CONTRACT", itemId, actor: c.pm }));

describe("syncItems", () => {
  it("sends a batch in one request, each item finalized on its own with its own history", async () => {
    const ids = await approvedContracts(12);
    const results = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(results.map((r) => r.kind === "outcome" && r.outcome.state)).toEqual(ids.map(() => "SYNCED"));
    expect(provider.requests()).toEqual(["request of 12", ...ids.map(() => expect.stringMatching(/^send /))]);
    const attempts = await t.db.syncAttempt.findMany({ where: { syncRecord: { itemId: { in: ids } } } });
    expect(attempts).toHaveLength(12);
    // Each attempt holds its own exchange, not its batch mates'.
    for (const attempt of attempts) expect(attempt.requestXml.match(/ as /g)).toHaveLength(1);
  });

  it("one refusal fails only its item", async () => {
    const ids = await approvedContracts(3);
    provider.queueFault("refuse");
    const results = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(results.map((r) => r.kind === "outcome" && r.outcome.state)).toEqual(["FAILED", "SYNCED", "SYNCED"]);
    expect(provider.documents()).toHaveLength(2);
  });

  it("a lost answer leaves the whole request unknown; the next batch adopts every document, posting none twice", async () => {
    const ids = await approvedContracts(4);
    provider.queueFault("lose-reply");
    const first = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(first.map((r) => r.kind === "outcome" && r.outcome.state)).toEqual(ids.map(() => "UNKNOWN"));
    const second = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(second.map((r) => r.kind === "outcome" && r.outcome.code)).toEqual(ids.map(() => "adopted"));
    expect(provider.documents()).toHaveLength(4);
  });

  it("an unreachable provider fails the batch as retryable, nothing posted", async () => {
    const ids = await approvedContracts(2);
    provider.queueFault("unreachable");
    const results = await syncItems(t.db, c.companyId, contracts(ids), { provider });
    expect(results.map((r) => r.kind === "outcome" && [r.outcome.state, r.outcome.retryable])).toEqual([
      ["FAILED", true],
      ["FAILED", true],
    ]);
    expect(provider.documents()).toHaveLength(0);
  });

  it("an item whose prerequisite is in the same batch waits for it: contract first, then its change", async () => {
    const [contractId] = await approvedContracts(1);
    const contract = await t.db.contract.findUniqueOrThrow({ where: { id: contractId }, include: { lines: true } });
    const change = await saveContractChange(t.db, c.pm, {
      contractId: contractId!,
      number: "CO-B1",
      title: "More",
      reason: "",
      lines: [{ contractLineId: contract.lines[0]?.id, description: "More", amount: 1_000_00 }],
    });
    await approved("CONTRACT_CHANGE", change.id);
    // The change is listed first on purpose.
    const results = await syncItems(
      t.db,
      c.companyId,
      [
        { itemType: "CONTRACT_CHANGE", itemId: change.id, actor: c.pm },
        { itemType: "CONTRACT", itemId: contractId!, actor: c.pm },
      ],
      { provider },
    );
    expect(results.map((r) => r.kind === "outcome" && r.outcome.state)).toEqual(["SYNCED", "SYNCED"]);
    const [po, co] = provider.documents();
    expect(po?.itemType).toBe("CONTRACT");
    expect(co?.sourceKey).toBe(po?.key);
  });

  it("looks the provider up once per batch, not once per item", async () => {
    const ids = await approvedContracts(5);
    const lookup = vi.spyOn(registry, "getAccountingProvider").mockResolvedValue(provider);
    try {
      const results = await syncItems(t.db, c.companyId, contracts(ids));
      expect(results.every((r) => r.kind === "outcome" && r.outcome.state === "SYNCED")).toBe(true);
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      lookup.mockRestore();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FaultPatch, MockIntacct } from "@/tools/mock-intacct";
import {
  IntacctAuthenticationError,
  IntacctControlError,
  IntacctRateLimitError,
  IntacctTransportError,
  buildCreateVendorInvoice,
  closeIntacctConnections,
  collectPages,
  type IntacctError,
} from "@/lib/intacct";
import { createMockClient, nextControlId, startMock } from "./intacct-helpers";

let mock: MockIntacct;

beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
});
beforeEach(() => mock.reset());

/** Sets faults through the mock's HTTP control API, as an external test harness would. */
async function setFaults(patch: FaultPatch): Promise<void> {
  const response = await fetch(`${mock.url}/__mock/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  expect(response.ok).toBe(true);
}

/** A client whose first backoff clears the faults, so "fails once, then recovers" is deterministic. */
function createRecoveringClient(overrides: Parameters<typeof createMockClient>[1] = {}) {
  const delays: number[] = [];
  const client = createMockClient(mock, {
    sleep: async (ms) => {
      delays.push(ms);
      mock.setFaults({ clear: true });
    },
    ...overrides,
  });
  return { client, delays };
}

const gatewayRequests = () => mock.listRequests().requests;
const invoiceInput = (documentNo: string) => ({
  controlId: nextControlId("vi"),
  dateCreated: "2025-03-10",
  dateDue: "2025-04-30",
  vendorId: "V-1001",
  documentNo,
  lines: [{ itemId: "SUBCONTRACT", quantity: 1, price: "100.00", locationId: "E100" }],
});
const documentsNumbered = (documentNo: string) =>
  mock.listDocuments("DEMO-CONSTRUCTION").filter((doc) => doc.DOCNO === documentNo);

describe("lib/intacct against the mock over HTTP — injected faults", () => {
  it.each([
    ["429 GW-0010", { rate429: 1 }, "429"],
    ["502 HTML", { rate502: 1 }, "502"],
    ["503 HTML", { rate503: 1 }, "503"],
    ["connection reset", { rateReset: 1 }, "reset"],
  ] as const)("a read recovers from %s by retrying with backoff", async (_name, patch, fault) => {
    const { client, delays } = createRecoveringClient();
    await client.openSession();
    await setFaults(patch);
    const vendors = await collectPages(client.listVendors());
    expect(vendors.length).toBeGreaterThan(5);
    expect(delays).toHaveLength(1);
    expect(
      gatewayRequests()
        .map((request) => request.fault)
        .filter(Boolean),
    ).toEqual([fault]);
  });

  it("a read that keeps getting 429 gives up with IntacctRateLimitError after maxRetries", async () => {
    const client = createMockClient(mock, { maxRetries: 2 });
    await client.openSession();
    await setFaults({ rate429: 1 });
    const error = (await collectPages(client.listVendors()).catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toBeInstanceOf(IntacctRateLimitError);
    expect(error.attempts).toBe(3);
    expect(error.userMessage).toMatch(/limiting the request rate/);
  });

  it("a write hit by a 524 after Intacct committed it is retried, refused as a replay, and reported unknown; it landed once", async () => {
    const { client } = createRecoveringClient();
    await client.openSession();
    await setFaults({ rate524: 1, commitOn524: true });
    const outcome = await client.createVendorInvoice(invoiceInput("F-524"));
    // Never "done" on the strength of a refusal's wording, never "failed" either: the caller looks it up.
    expect(outcome.status).toBe("unknown");
    expect(documentsNumbered("F-524")).toHaveLength(1);
  });

  it("a write hit by a 524 before committing is retried and posted exactly once", async () => {
    const { client } = createRecoveringClient();
    await client.openSession();
    await setFaults({ rate524: 1, commitOn524: false });
    const outcome = await client.createVendorInvoice(invoiceInput("F-524B"));
    expect(outcome).toMatchObject({ status: "done", key: "Vendor Invoice-F-524B" });
    expect(documentsNumbered("F-524B")).toHaveLength(1);
  });

  it("commit-then-reset: the write is retried with the same controlid and lands once", async () => {
    const { client } = createRecoveringClient();
    await client.openSession();
    await setFaults({ commitThenDrop: 1, dropMode: "reset" });
    const outcome = await client.createVendorInvoice(invoiceInput("F-DROP"));
    expect(outcome.status).toBe("unknown");
    expect(documentsNumbered("F-DROP")).toHaveLength(1);
    const writes = gatewayRequests().filter((request) =>
      request.functions.some((fn) => fn.function === "create_potransaction"),
    );
    expect(writes.map((request) => request.functions[0]?.controlId)).toEqual([outcome.controlId, outcome.controlId]);
  });

  it("commit-then-hang: the per-request timeout fires, the retry is refused as a replay (unknown), the write lands once", async () => {
    const { client } = createRecoveringClient({ timeoutMs: 400 });
    await client.openSession();
    await setFaults({ commitThenDrop: 1, dropMode: "hang" });
    const started = Date.now();
    const outcome = await client.createVendorInvoice(invoiceInput("F-HANG"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(outcome.status).toBe("unknown");
    expect(documentsNumbered("F-HANG")).toHaveLength(1);
  });

  it("when retries run out after a dropped write the outcome is unknown, and findPurchasingDocument reconciles it", async () => {
    const client = createMockClient(mock, { maxRetries: 0 });
    await client.openSession();
    await setFaults({ commitThenDrop: 1, dropMode: "reset" });
    const outcome = await client.createVendorInvoice(invoiceInput("F-UNKNOWN"));
    expect(outcome.status).toBe("unknown");
    if (outcome.status === "unknown") expect(outcome.error).toBeInstanceOf(IntacctTransportError);
    const found = await client.findPurchasingDocument({ docParId: "Vendor Invoice", documentNo: "F-UNKNOWN" });
    expect(found?.docId).toBe("Vendor Invoice-F-UNKNOWN");
  });

  it.each([
    ["an HTML 500", { rateHtml500: 1 }],
    ["an empty 500", { rateEmpty500: 1 }],
  ] as const)(
    "%s is a typed transport error (no parser crash), not retried; a write is reported unknown",
    async (_name, patch) => {
      const client = createMockClient(mock);
      await client.openSession();
      await setFaults(patch);
      const error = (await collectPages(client.listVendors()).catch((caught: unknown) => caught)) as IntacctError;
      expect(error).toBeInstanceOf(IntacctTransportError);
      expect(error.httpStatus).toBe(500);
      expect(error.retryable).toBe(false);
      const outcome = await client.createVendorInvoice(invoiceInput("F-500"));
      expect(outcome.status).toBe("unknown");
      expect(gatewayRequests().filter((request) => request.fault?.startsWith("500"))).toHaveLength(2);
    },
  );

  it("the per-company concurrency limit (429 beyond it) is absorbed by retries: every write lands exactly once", async () => {
    const client = createMockClient(mock, {
      maxRetries: 8,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 30))),
    });
    await client.openSession();
    await setFaults({ maxConcurrentPerCompany: 1, latencyMs: 30 });
    const writes = Array.from({ length: 12 }, (_, index) => buildCreateVendorInvoice(invoiceInput(`F-CONC-${index}`)));
    const outcomes = await client.runBatched(writes, { batchSize: 2, concurrency: 2 });
    expect(outcomes.every((outcome) => outcome.status === "done")).toBe(true);
    expect(gatewayRequests().some((request) => request.fault === "concurrency-429")).toBe(true);
    expect(mock.listDocuments().filter((doc) => String(doc.DOCNO).startsWith("F-CONC-"))).toHaveLength(12);
  });

  it("a forced session expiry is answered by one fresh login and a replay", async () => {
    const client = createMockClient(mock);
    await client.openSession();
    await setFaults({ expireSessions: true });
    const outcome = await client.createVendorInvoice(invoiceInput("F-EXPIRED"));
    expect(outcome).toMatchObject({ status: "done" });
    const functions = gatewayRequests().flatMap((request) => request.functions.map((fn) => fn.function));
    expect(functions.filter((name) => name === "getAPISession")).toHaveLength(2);
    expect(documentsNumbered("F-EXPIRED")).toHaveLength(1);
  });

  it("an idle-expired session (short sessionIdleMs) is refreshed transparently", async () => {
    const client = createMockClient(mock);
    await setFaults({ sessionIdleMs: 150 });
    await collectPages(client.listItems());
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await collectPages(client.listItems())).length).toBeGreaterThan(0);
  });

  it("latency beyond timeoutMs is a retryable timeout; the read recovers once the latency drops", async () => {
    const { client } = createRecoveringClient({ timeoutMs: 200 });
    await client.openSession();
    await setFaults({ latencyMs: 400 });
    const items = await collectPages(client.listItems());
    expect(items.length).toBeGreaterThan(0);
    // Like Intacct (§11), the mock keeps working on the abandoned request and holds its company slot meanwhile;
    // let it finish so the next test starts with both slots free.
    await new Promise((resolve) => setTimeout(resolve, 450));
  });

  it("random faults on every path (seeded): 40 invoices, all done, none posted twice", async () => {
    // Real (short) backoff: an instant retry storm could outrun a slot the mock still holds.
    const client = createMockClient(mock, {
      maxRetries: 10,
      timeoutMs: 2_000,
      retryBaseMs: 20,
      retryMaxMs: 200,
      sleep: undefined,
    });
    await client.openSession();
    await setFaults({
      faultSeed: 7,
      latencyMs: 10,
      jitterMs: 8,
      rate429: 0.15,
      rate502: 0.1,
      rate503: 0.1,
      rate524: 0.1,
      rateReset: 0.05,
      commitThenDropRate: 0.1,
      dropMode: "reset",
    });
    const writes = Array.from({ length: 40 }, (_, index) => buildCreateVendorInvoice(invoiceInput(`F-SOAK-${index}`)));
    const outcomes = await client.runBatched(writes, { batchSize: 5, concurrency: 2 });
    // None failed; a write whose answer was dropped is unknown (its retry met a replay refusal), and a lookup
    // finds each of those.
    expect(outcomes.filter((outcome) => outcome.status === "failed")).toEqual([]);
    mock.setFaults({ clear: true });
    for (const [index, outcome] of outcomes.entries())
      if (outcome.status === "unknown")
        expect(
          await client.findPurchasingDocument({ docParId: "Vendor Invoice", documentNo: `F-SOAK-${index}` }),
        ).toMatchObject({ docNo: `F-SOAK-${index}` });
    const soaked = mock.listDocuments().filter((doc) => String(doc.DOCNO).startsWith("F-SOAK-"));
    expect(soaked).toHaveLength(40);
    expect(new Set(soaked.map((doc) => doc.DOCNO)).size).toBe(40);
    expect(gatewayRequests().filter((request) => request.fault).length).toBeGreaterThan(0);
  });

  it("an expired demo company (PL04000055) is a control error", async () => {
    await setFaults({ expiredCompanies: ["DEMO-CONSTRUCTION"] });
    const error = (await createMockClient(mock)
      .openSession()
      .catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toBeInstanceOf(IntacctControlError);
    expect(error.code).toBe("company-expired");
  });

  it("a bad login answered with HTTP 401 / XMLGW_JPP0002 is an authentication error", async () => {
    await setFaults({ http401OnBadLogin: true });
    const error = (await createMockClient(mock, { userPassword: "wrong-pass" })
      .openSession()
      .catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
    expect(error.httpStatus).toBe(401);
    expect(error.rawResponse).not.toContain("wrong-pass");
  });

  it.each(["control-id", "other-errorno", "other-wording", "success-no-data"] as const)(
    "a resend answered '%s' is never read as 'nothing was posted', and the document is there once",
    async (replayAnswer) => {
      await setFaults({ replayAnswer, uniqueIdErrorNo: "XL03000011" });
      const client = createMockClient(mock);
      const input = invoiceInput(`F-REPLAY-${replayAnswer}`);
      expect((await client.createVendorInvoice(input)).status).toBe("done");
      const resent = await client.createVendorInvoice(input, { resend: true });
      expect(resent.status).toBe(replayAnswer === "success-no-data" ? "done" : "unknown");
      expect(documentsNumbered(input.documentNo)).toHaveLength(1);
    },
  );
});

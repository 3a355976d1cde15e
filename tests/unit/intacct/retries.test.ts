import { afterEach, describe, expect, it, vi } from "vitest";
import { decideRetry } from "@/lib/intacct/client-core";
import { IntacctTransportError, buildCreateVendorInvoice, buildReadByQuery, type IntacctError } from "@/lib/intacct";
import {
  RATE_LIMITED_429,
  SIGN_IN_INCORRECT,
  authFailure,
  errorXml,
  failureResult,
  readByQueryPage,
  response,
  sessionResponse,
  successResult,
  vendorRecord,
} from "./fixtures";
import {
  createScriptedTransport,
  createTestClient,
  functionControlIds,
  http,
  networkError,
  timeoutError,
  type Reply,
} from "./helpers";

const okPage: Reply = (request) =>
  readByQueryPage({
    controlId: functionControlIds(request.body)[0] ?? "",
    records: [vendorRecord("V1")],
    totalCount: 1,
    numRemaining: 0,
  });
const invoice = (controlId: string) =>
  buildCreateVendorInvoice({
    controlId,
    dateCreated: "2025-03-01",
    dateDue: "2025-04-30",
    vendorId: "V100",
    documentNo: controlId,
    lines: [{ itemId: "SUBCON", quantity: 1, price: "10.00" }],
  });
const invoiceDone: Reply = (request) =>
  response(
    functionControlIds(request.body)
      .map((id) => successResult("create_potransaction", id, `<key>Vendor Invoice-${id}</key>`))
      .join(""),
  );
const readOnce = async (client: ReturnType<typeof createTestClient>["client"]) => {
  const pages = [];
  for await (const page of client.readByQuery({ object: "VENDOR" })) pages.push(page);
  return pages;
};

describe("retries", () => {
  afterEach(() => vi.useRealTimers());

  it("retries a read on HTTP 429 with capped exponential backoff and full jitter", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      http(429, RATE_LIMITED_429),
      http(429, RATE_LIMITED_429),
      okPage,
    ]);
    const { client, sleep } = createTestClient(transport, { retryBaseMs: 100, random: () => 0.5 });
    await readOnce(client);
    expect(dataRequests()).toHaveLength(3);
    // full jitter: random() × min(cap, base × 2^attempt) = 0.5 × 100, 0.5 × 200
    expect(sleep.mock.calls.map((call) => call[0])).toEqual([50, 100]);
  });

  it.each([502, 503, 504, 524])("retries a read on HTTP %i", async (status) => {
    const { transport, dataRequests } = createScriptedTransport([http(status, "<html>upstream</html>"), okPage]);
    const { client } = createTestClient(transport);
    await expect(readOnce(client)).resolves.toHaveLength(1);
    expect(dataRequests()).toHaveLength(2);
  });

  it("retries a read on a dropped connection and on a timeout", async () => {
    const { transport, dataRequests } = createScriptedTransport([networkError("ECONNRESET"), timeoutError(), okPage]);
    const { client } = createTestClient(transport);
    await expect(readOnce(client)).resolves.toHaveLength(1);
    expect(dataRequests()).toHaveLength(3);
  });

  it("does not retry HTTP 500 (not a transient status)", async () => {
    const { transport, dataRequests } = createScriptedTransport([http(500, "<html>boom</html>")]);
    const { client } = createTestClient(transport);
    await expect(readOnce(client)).rejects.toBeInstanceOf(IntacctTransportError);
    expect(dataRequests()).toHaveLength(1);
  });

  it("gives up after maxRetries and reports the attempts made", async () => {
    const { transport, dataRequests } = createScriptedTransport([http(503, ""), http(503, ""), http(503, "")]);
    const { client } = createTestClient(transport, { maxRetries: 2 });
    const error = (await readOnce(client).catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(error.attempts).toBe(3);
    expect(dataRequests()).toHaveLength(3);
  });

  it("caps the backoff at retryMaxMs and honours Retry-After (on 429 and 503) within the cap", async () => {
    const { transport } = createScriptedTransport([
      http(503, ""),
      http(503, ""),
      http(503, ""),
      http(429, RATE_LIMITED_429, { "retry-after": "2" }),
      http(503, "", { "retry-after": "2.4" }),
      okPage,
    ]);
    const { client, sleep } = createTestClient(transport, {
      retryBaseMs: 1000,
      retryMaxMs: 2500,
      random: () => 0.5,
      maxRetries: 5,
    });
    await readOnce(client);
    // 0.5 × 1000, 0.5 × 2000, 0.5 × 2500 (capped: 4000 uncapped), then the two Retry-After values (above the jitter).
    expect(sleep.mock.calls.map((call) => call[0])).toEqual([500, 1000, 1250, 2000, 2400]);
  });

  it("stops retrying when Retry-After asks for longer than the longest wait, and says how long", async () => {
    const { transport, dataRequests } = createScriptedTransport([http(429, RATE_LIMITED_429, { "retry-after": "60" })]);
    const { client, sleep } = createTestClient(transport, { retryMaxMs: 15_000 });
    const error = (await readOnce(client).catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toMatchObject({ kind: "rate-limit", retryAfterMs: 60_000 });
    expect(dataRequests()).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("does not resend readMore after a lost reply: the cursor moved, so a retry would skip a page", async () => {
    const page =
      (fn: string, ids: string[], remaining: number): Reply =>
      (request) =>
        readByQueryPage({
          fn,
          controlId: functionControlIds(request.body)[0] ?? "",
          records: ids.map((id) => vendorRecord(id)),
          totalCount: 6,
          numRemaining: remaining,
          resultId: "RID-1",
        });
    const { transport, dataRequests } = createScriptedTransport([
      page("readByQuery", ["V1", "V2"], 4),
      http(502, "<html>bad gateway</html>"),
      page("readMore", ["V5", "V6"], 0),
    ]);
    const { client } = createTestClient(transport);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const records of client.readByQuery({ object: "VENDOR", pageSize: 2 }))
        seen.push(...records.map((record) => String(record.VENDORID)));
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(seen).toEqual(["V1", "V2"]); // never V5, V6 without V3, V4
    expect(dataRequests()).toHaveLength(2);
  });

  it("does resend readMore after a 429: it provably did not run", async () => {
    const page =
      (fn: string, ids: string[], remaining: number): Reply =>
      (request) =>
        readByQueryPage({
          fn,
          controlId: functionControlIds(request.body)[0] ?? "",
          records: ids.map((id) => vendorRecord(id)),
          totalCount: 4,
          numRemaining: remaining,
          resultId: "RID-1",
        });
    const { transport } = createScriptedTransport([
      page("readByQuery", ["V1", "V2"], 2),
      http(429, RATE_LIMITED_429),
      page("readMore", ["V3", "V4"], 0),
    ]);
    const { client } = createTestClient(transport);
    const seen: string[] = [];
    for await (const records of client.readByQuery({ object: "VENDOR", pageSize: 2 }))
      seen.push(...records.map((record) => String(record.VENDORID)));
    expect(seen).toEqual(["V1", "V2", "V3", "V4"]);
  });

  it("waits with real timers by default (fake timers advance the backoff)", async () => {
    vi.useFakeTimers();
    const { transport, dataRequests } = createScriptedTransport([http(503, ""), okPage]);
    const { client } = createTestClient(transport, { sleep: undefined, retryBaseMs: 1000, random: () => 0.5 });
    const pages = readOnce(client);
    await vi.advanceTimersByTimeAsync(499);
    expect(dataRequests()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pages).resolves.toHaveLength(1);
    expect(dataRequests()).toHaveLength(2);
  });

  it("does not retry a write sent without uniqueid", async () => {
    const { transport, dataRequests } = createScriptedTransport([http(503, "")]);
    const { client } = createTestClient(transport);
    const error = await client.execute([invoice("vi-1")], { uniqueId: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(dataRequests()).toHaveLength(1);
    expect(dataRequests()[0]?.body).toContain("<uniqueid>false</uniqueid>");
  });

  it("sends writes with uniqueid=true by default", async () => {
    const { transport, dataRequests } = createScriptedTransport([invoiceDone]);
    const { client } = createTestClient(transport);
    await client.createVendorInvoice({
      controlId: "vi-1",
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V100",
      lines: [{ itemId: "SUBCON", quantity: 1 }],
    });
    expect(dataRequests()[0]?.body).toContain("<uniqueid>true</uniqueid>");
  });

  it("resends a uniqueid write with the same function controlids (byte-identical body) on every retry", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      timeoutError(),
      http(524, ""),
      networkError("ECONNRESET"),
      invoiceDone,
    ]);
    const { client } = createTestClient(transport);
    const outcomes = await client.runBatched([invoice("vi-1"), invoice("vi-2"), invoice("vi-3")]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["done", "done", "done"]);
    const bodies = dataRequests().map((request) => request.body);
    expect(bodies).toHaveLength(4);
    for (const body of bodies) expect(functionControlIds(body)).toEqual(["vi-1", "vi-2", "vi-3"]);
    expect(new Set(bodies).size).toBe(1);
  });

  // What Intacct answers to an already-executed controlid is undocumented (§6): whatever the answer, a refusal after
  // an attempt that may have run the write proves nothing either way, so the write is unknown and is looked up.
  it.each([
    ["a control-id wording", "XL03000008", "The request with control ID 'vi-1' has already been executed."],
    ["another errorno and wording", "BL01001973", "Could not create Document record!"],
    ["a generic error", "DL02000001", "There was an error processing the request."],
  ])("reports a write refused on its retry after a timeout as unknown (%s)", async (_label, errorNo, text) => {
    const { transport } = createScriptedTransport([
      timeoutError(),
      (request) =>
        response(
          failureResult(
            "create_potransaction",
            functionControlIds(request.body)[0] ?? "",
            errorXml(errorNo, text, "", ""),
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const outcome = await client.createVendorInvoice({
      controlId: "vi-1",
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V100",
      lines: [{ itemId: "SUBCON", quantity: 1 }],
    });
    expect(outcome).toMatchObject({ status: "unknown", controlId: "vi-1" });
  });

  it("reports a retried write answered with a success as done, even when the answer carries no key", async () => {
    const { transport } = createScriptedTransport([
      timeoutError(),
      (request) => response(successResult("create_potransaction", functionControlIds(request.body)[0] ?? "", "")),
    ]);
    const { client } = createTestClient(transport);
    const [outcome] = await client.executeWrites([invoice("vi-1")]);
    expect(outcome).toEqual({ status: "done", controlId: "vi-1", key: undefined, recordNo: undefined });
  });

  it("reports a write as unknown when it may have reached Intacct and retries ran out", async () => {
    const { transport } = createScriptedTransport([
      timeoutError(),
      networkError("ECONNREFUSED", "connect ECONNREFUSED"),
    ]);
    const { client } = createTestClient(transport, { maxRetries: 1 });
    const outcome = await client.createVendorInvoice({
      controlId: "vi-1",
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V100",
      lines: [{ itemId: "SUBCON", quantity: 1 }],
    });
    // The last attempt never connected, but the first timed out after sending: still unknown.
    expect(outcome.status).toBe("unknown");
  });

  it("reports a write as failed, never sent, when the login before it fails (even by a timeout)", async () => {
    const { transport, dataRequests } = createScriptedTransport([timeoutError()], { autoSession: false });
    const { client } = createTestClient(transport, { maxRetries: 0 });
    const [outcome] = await client.executeWrites([invoice("vi-1")]);
    expect(dataRequests().filter((request) => request.body.includes("create_potransaction"))).toHaveLength(0);
    expect(outcome).toMatchObject({ status: "failed", error: { code: "timeout", attempts: 0, maybeCommitted: false } });
  });

  it("reports a write as failed when its session was refused and the re-login then timed out", async () => {
    // The refusal proves the write did not run; the login's own timeout says nothing about the write.
    const { transport } = createScriptedTransport(
      [sessionResponse(), authFailure(errorXml("XL03000006", "Invalid session", "", "")), timeoutError()],
      { autoSession: false },
    );
    const { client } = createTestClient(transport, { maxRetries: 0 });
    const [outcome] = await client.executeWrites([invoice("vi-1")]);
    expect(outcome).toMatchObject({ status: "failed", error: { code: "timeout", attempts: 1, maybeCommitted: false } });
  });

  it("keeps the 429 (and its Retry-After) when retries stop for a long Retry-After, even after a timeout", async () => {
    const { transport } = createScriptedTransport([
      timeoutError(),
      http(429, RATE_LIMITED_429, { "retry-after": "600" }),
    ]);
    const { client } = createTestClient(transport, { maxRetries: 3 });
    const error = (await readOnce(client).catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toMatchObject({ kind: "rate-limit", retryAfterMs: 600_000 });
  });

  it("reports the timeout, not the rate limit, when retries end on a 429 after an attempt timed out", async () => {
    // Intacct still works on the timed-out request, which counts against the company's concurrency limit.
    const { transport } = createScriptedTransport([
      timeoutError(),
      http(429, RATE_LIMITED_429),
      http(429, RATE_LIMITED_429),
    ]);
    const { client } = createTestClient(transport, { maxRetries: 2 });
    const error = (await readOnce(client).catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toMatchObject({ kind: "transport", code: "timeout", attempts: 3, maybeCommitted: true });
    expect(error.userMessage).toMatch(/did not answer in time/);
  });

  it("reports a write as unknown when a timeout is followed by a rejected session and a failed re-login", async () => {
    // The re-login fails with a definite "nothing ran" error (the password was changed meanwhile).
    const { transport } = createScriptedTransport(
      [
        sessionResponse(),
        timeoutError(),
        authFailure(errorXml("XL03000006", "Invalid session", "", "")),
        SIGN_IN_INCORRECT,
      ],
      { autoSession: false },
    );
    const { client } = createTestClient(transport);
    const outcomes = await client.executeWrites([invoice("vi-1"), invoice("vi-2")]);
    // The first attempt may have saved both; the re-login's own error must not turn that into "failed".
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["unknown", "unknown"]);
    // The request's own two sends, not the login's one; the shared login error is not what the request reports.
    const [first] = outcomes;
    expect(first?.status === "unknown" && first.error).toMatchObject({
      code: "sign-in-failed",
      attempts: 2,
      maybeCommitted: true,
    });
  });

  it("reports every write of a resent transaction as unknown when it is refused (resend: true)", async () => {
    const rolledBack = errorXml(
      "XL03000009",
      "The entire transaction in this operation has been rolled back due to an error.",
    );
    // A resend after an unknown outcome: a new call, so only the caller knows the controlids were sent before.
    const { transport } = createScriptedTransport([
      (request) => {
        const [first = "", ...rest] = functionControlIds(request.body);
        return response(
          failureResult("create_potransaction", first, errorXml("BL01001973", "Could not create Document record!")) +
            rest.map((id) => failureResult("create_potransaction", id, rolledBack, "aborted")).join(""),
        );
      },
    ]);
    const { client } = createTestClient(transport);
    const outcomes = await client.executeWrites([invoice("vi-1"), invoice("vi-2"), invoice("vi-3")], {
      transaction: true,
      resend: true,
    });
    // The earlier run may have saved all three (one unit), or none: the caller must look.
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["unknown", "unknown", "unknown"]);
  });

  it("reports the same refusal as failed on a first delivery: nothing ran before it", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        response(
          failureResult(
            "create_potransaction",
            functionControlIds(request.body)[0] ?? "",
            errorXml("BL01001973", "Could not create Document record!"),
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const [outcome] = await client.executeWrites([invoice("vi-1")]);
    expect(outcome?.status).toBe("failed");
  });

  it("reports a write rolled back on a retry as unknown, not failed, when an earlier attempt got no answer", async () => {
    const { transport } = createScriptedTransport([
      timeoutError(),
      (request) => {
        const [first = "", second = ""] = functionControlIds(request.body);
        return response(
          failureResult("create_potransaction", first, errorXml("BL01001973", "Invalid Vendor 'V100' specified.")) +
            failureResult(
              "create_potransaction",
              second,
              errorXml("XL03000009", "The entire transaction in this operation has been rolled back due to an error."),
              "aborted",
            ),
        );
      },
    ]);
    const { client } = createTestClient(transport);
    const outcomes = await client.executeWrites([invoice("vi-1"), invoice("vi-2")], { transaction: true });
    // Even the refused one: the timed-out attempt may have saved both, and the refusal may be of a replay.
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["unknown", "unknown"]);
  });

  it("never reads a replay into the wording: 'already been processed' on a first delivery is a plain failure", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        response(
          failureResult(
            "create_potransaction",
            functionControlIds(request.body)[0] ?? "",
            errorXml("BL01001973", "Purchase Order-PO0213 has already been processed."),
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const [outcome] = await client.executeWrites([invoice("vi-1")]);
    expect(outcome).toMatchObject({ status: "failed" });
  });

  it("reports a write as failed when it provably never reached Intacct", async () => {
    const { transport } = createScriptedTransport([networkError("ECONNREFUSED", "connect ECONNREFUSED")]);
    const { client } = createTestClient(transport, { maxRetries: 0 });
    const outcome = await client.createVendorInvoice({
      controlId: "vi-1",
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V100",
      lines: [{ itemId: "SUBCON", quantity: 1 }],
    });
    expect(outcome.status).toBe("failed");
    if (outcome.status === "failed") expect(outcome.error.code).toBe("connection-refused");
  });

  it("does not retry a function-level failure (the request itself succeeded)", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        response(
          failureResult(
            "create_potransaction",
            functionControlIds(request.body)[0] ?? "",
            errorXml("BL01001973", "Invalid Vendor 'V100' specified."),
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const outcome = await client.executeWrites([invoice("vi-1")]);
    expect(outcome[0]?.status).toBe("failed");
    expect(dataRequests()).toHaveLength(1);
  });

  it("retries reads built by hand through execute() as well", async () => {
    const { transport, dataRequests } = createScriptedTransport([http(502, ""), okPage]);
    const { client } = createTestClient(transport);
    const fn = buildReadByQuery({ object: "VENDOR" });
    const { results, attempts } = await client.execute([fn]);
    expect(results[0]?.ok).toBe(true);
    expect(attempts).toBe(2);
    expect(dataRequests()).toHaveLength(2);
  });
});

describe("decideRetry: one named reason per stop", () => {
  const base = { mayRetry: true, repeatable: true, retries: 0, maxRetries: 4, retryMaxMs: 15_000, unwanted: false };
  const transient = { retryable: true, maybeCommitted: false, retryAfterMs: undefined };
  it.each([
    ["not-retryable", { ...transient, retryable: false }, base],
    ["write-without-uniqueid", transient, { ...base, mayRetry: false }],
    ["unrepeatable-may-have-run", { ...transient, maybeCommitted: true }, { ...base, repeatable: false }],
    ["retry-after-too-long", { ...transient, retryAfterMs: 60_000 }, base],
    ["retries-exhausted", transient, { ...base, retries: 4 }],
    ["no-longer-wanted", transient, { ...base, unwanted: true }],
    ["retry", transient, base],
    ["retry", { ...transient, maybeCommitted: true }, base],
  ] as const)("%s", (expected, error, state) => {
    expect(decideRetry(error, state)).toBe(expected);
  });
});

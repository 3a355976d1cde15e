import { describe, expect, it } from "vitest";
import { IntacctValidationError, buildCreateVendorInvoice, buildReadByQuery, type BatchProgress } from "@/lib/intacct";
import { errorXml, failureResult, response, successResult } from "./fixtures";
import { createLimiter } from "@/lib/intacct/limiter";
import { createScriptedTransport, createTestClient, functionControlIds, http } from "./helpers";

const invoice = (n: number) =>
  buildCreateVendorInvoice({
    controlId: `vi-${n}`,
    dateCreated: "2025-03-01",
    dateDue: "2025-04-30",
    vendorId: n === 3 ? "NOPE" : "V100",
    documentNo: `INV-${n}`,
    lines: [{ itemId: "SUBCON", quantity: 1, price: n }],
  });

/** Answers each create_potransaction with a key, failing vendor NOPE. */
const answerInvoices = async (request: { body: string }) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const functions = [...request.body.matchAll(/<function controlid="([^"]+)">(.*?)<\/function>/g)];
  return response(
    functions
      .map(([, controlId = "", body = ""]) =>
        body.includes("<vendorid>NOPE</vendorid>")
          ? failureResult("create_potransaction", controlId, errorXml("BL01001973", "Invalid Vendor 'NOPE' specified."))
          : successResult("create_potransaction", controlId, `<key>Vendor Invoice-${controlId}</key>`),
      )
      .join(""),
  );
};

/** Answers invoices (after `delayMs`) and records the most requests in flight at once. */
function trackConcurrency(delayMs = 0) {
  let active = 0;
  let maxActive = 0;
  const tracked = async (request: { body: string }) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    try {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return await answerInvoices(request);
    } finally {
      active -= 1;
    }
  };
  return { tracked, maxActive: () => maxActive };
}

describe("batching", () => {
  it("executes N functions in one request and returns results in order", async () => {
    const { transport, dataRequests } = createScriptedTransport([answerInvoices]);
    const { client } = createTestClient(transport);
    const { results } = await client.execute([invoice(1), invoice(2), invoice(3)]);
    expect(dataRequests()).toHaveLength(1);
    expect(results.map((result) => [result.controlId, result.ok])).toEqual([
      ["vi-1", true],
      ["vi-2", true],
      ["vi-3", false],
    ]);
    expect(results[0]?.key).toBe("Vendor Invoice-vi-1");
  });

  it("runBatched splits writes into batches of batchSize and returns outcomes in input order", async () => {
    const { transport, dataRequests } = createScriptedTransport(Array.from({ length: 4 }, () => answerInvoices));
    const { client } = createTestClient(transport);
    const writes = Array.from({ length: 10 }, (_, index) => invoice(index + 1));
    const outcomes = await client.runBatched(writes, { batchSize: 3 });
    expect(
      dataRequests()
        .map((request) => functionControlIds(request.body).length)
        .sort(),
    ).toEqual([1, 3, 3, 3]);
    expect(outcomes.map((outcome) => outcome.controlId)).toEqual(writes.map((write) => write.controlId));
    expect(outcomes[0]).toEqual({
      status: "done",
      controlId: "vi-1",
      key: "Vendor Invoice-vi-1",
      recordNo: undefined,
    });
    expect(outcomes[2]?.status).toBe("failed");
  });

  it("runBatched with resend: true reports a refusal as unknown, never failed (the write may have run before)", async () => {
    const { transport } = createScriptedTransport(Array.from({ length: 2 }, () => answerInvoices));
    const { client } = createTestClient(transport);
    const writes = [1, 2, 3, 4].map(invoice);
    const outcomes = await client.runBatched(writes, { batchSize: 2, resend: true });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["done", "done", "unknown", "done"]);
  });

  it("runBatched runs at most `concurrency` requests at once and reports progress", async () => {
    const { tracked, maxActive } = trackConcurrency();
    const { transport } = createScriptedTransport(Array.from({ length: 5 }, () => tracked));
    const { client } = createTestClient(transport, { maxConcurrentRequests: 8 });
    const progress: BatchProgress[] = [];
    await client.runBatched(
      Array.from({ length: 10 }, (_, index) => invoice(index + 1)),
      { batchSize: 2, concurrency: 2, onProgress: (update) => progress.push(update) },
    );
    expect(maxActive()).toBe(2);
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toEqual({
      total: 10,
      processed: 10,
      done: 9,
      failed: 1,
      unknown: 0,
      batchesCompleted: 5,
      batchesTotal: 5,
    });
  });

  it("runBatched lets the event loop turn before parsing a small answer whose slot a waiting batch takes", async () => {
    // undici writes a request to its socket in a later turn of the event loop than the one it was handed over in.
    // A write answer is small, but its parse still blocks the loop for a millisecond or more per 100 results, so
    // the client must let the loop turn first, or the waiting batch leaves only after the parse. A turn scheduled
    // when the answer arrives shows whether it did: it runs before the parse only if the client yielded.
    const events: string[] = [];
    const answered = async (request: { body: string }) => {
      const answer = await answerInvoices(request);
      const controlId = request.body.match(/<function controlid="([^"]+)"/)?.[1];
      setImmediate(() => events.push(`turn after ${controlId}`));
      return answer;
    };
    const { transport } = createScriptedTransport([answered, answered, answered]);
    const { client } = createTestClient(transport, {
      onExchange: (exchange) => void events.push(`parsed ${exchange.requestXml.match(/controlid="([^"]+)"/)?.[1]}`),
    });
    await client.runBatched(
      Array.from({ length: 3 }, (_, index) => invoice(index + 1)),
      { batchSize: 1, concurrency: 1 },
    );
    // vi-1 and vi-2 each free the slot a waiting batch takes; vi-3 is the last and has nobody behind it.
    expect(events.indexOf("turn after vi-1")).toBeLessThan(events.indexOf("parsed vi-1"));
    expect(events.indexOf("turn after vi-2")).toBeLessThan(events.indexOf("parsed vi-2"));
  });

  it("the per-company limiter caps concurrent requests across callers (default 2)", async () => {
    const { tracked, maxActive } = trackConcurrency();
    const { transport } = createScriptedTransport(Array.from({ length: 6 }, () => tracked));
    const { client } = createTestClient(transport);
    await client.runBatched(
      Array.from({ length: 6 }, (_, index) => invoice(index + 1)),
      { batchSize: 1, concurrency: 6 },
    );
    expect(maxActive()).toBe(2);
  });

  it("clients of one company share one limit even when configured differently (the latest setting applies)", async () => {
    const { tracked, maxActive } = trackConcurrency(5);
    const { transport } = createScriptedTransport(Array.from({ length: 12 }, () => tracked));
    const { client: first } = createTestClient(transport, { companyId: "SHARED-LIMIT", maxConcurrentRequests: 2 });
    const { client: second } = createTestClient(transport, { companyId: "SHARED-LIMIT", maxConcurrentRequests: 3 });
    await Promise.all([
      first.runBatched(
        Array.from({ length: 6 }, (_, index) => invoice(index + 1)),
        { batchSize: 1, concurrency: 6 },
      ),
      second.runBatched(
        Array.from({ length: 6 }, (_, index) => invoice(index + 11)),
        { batchSize: 1, concurrency: 6 },
      ),
    ]);
    // Separate limiters would have allowed 2 + 3.
    expect(maxActive()).toBe(3);
  });

  it("raising a limiter's limit starts waiting tasks at once; lowering it lets running ones finish", async () => {
    const limiter = createLimiter(1);
    const finish: (() => void)[] = [];
    const started: number[] = [];
    const task = (id: number) => () => new Promise<void>((resolve) => (started.push(id), finish.push(resolve)));
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const runs = [1, 2, 3, 4].map((id) => limiter.run(task(id)));
    await settle();
    expect(started).toEqual([1]);
    limiter.limit = 3;
    await settle();
    expect(started).toEqual([1, 2, 3]);
    limiter.limit = 1;
    finish.shift()?.();
    finish.shift()?.();
    await settle();
    // Two of three finished, one still runs: at the new limit of 1, task 4 keeps waiting.
    expect(started).toEqual([1, 2, 3]);
    finish.shift()?.();
    await settle();
    expect(started).toEqual([1, 2, 3, 4]);
    finish.shift()?.();
    await Promise.all(runs);
    expect(limiter.active).toBe(0);
  });

  it("a whole-batch failure marks only that batch's writes, other batches still complete", async () => {
    const { transport } = createScriptedTransport([answerInvoices, http(500, "<html>oops</html>")]);
    const { client } = createTestClient(transport);
    const outcomes = await client.runBatched([invoice(1), invoice(2), invoice(4), invoice(5)], {
      batchSize: 2,
      concurrency: 1,
    });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["done", "done", "unknown", "unknown"]);
  });

  it("executeWrites cancelled while its request is in flight reports the writes unknown, not an exception", async () => {
    const controller = new AbortController();
    const { transport } = createScriptedTransport([
      (request) =>
        new Promise((_resolve, reject) => {
          request.signal?.addEventListener("abort", () => reject(request.signal?.reason));
          setTimeout(() => controller.abort(), 5);
        }),
    ]);
    const { client } = createTestClient(transport);
    const outcomes = await client.executeWrites([invoice(1), invoice(2)], { signal: controller.signal });
    expect(outcomes.map((outcome) => [outcome.status, outcome.status !== "done" && outcome.error.code])).toEqual([
      ["unknown", "cancelled"],
      ["unknown", "cancelled"],
    ]);
  });

  it("runBatched cancelled mid-run returns every outcome: sent ones as answered, unsent ones failed as cancelled", async () => {
    const controller = new AbortController();
    const { transport, dataRequests } = createScriptedTransport([
      async (request) => {
        const answer = await answerInvoices(request);
        controller.abort();
        return answer;
      },
    ]);
    const { client } = createTestClient(transport);
    const progress: BatchProgress[] = [];
    const outcomes = await client.runBatched([invoice(1), invoice(2), invoice(4), invoice(5), invoice(6), invoice(7)], {
      batchSize: 2,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (update) => progress.push(update),
    });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["done", "done", "failed", "failed", "failed", "failed"]);
    expect(
      outcomes.slice(2).every((outcome) => outcome.status === "failed" && outcome.error.code === "cancelled"),
    ).toBe(true);
    // The batch that was waiting for the slot never left.
    expect(dataRequests()).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ processed: 6, done: 2, failed: 4 });
  });

  it("takes a result without a controlid by position, unless that position's result belongs to another function", async () => {
    const ok = (id: string) => successResult("create_potransaction", id, `<key>Vendor Invoice-${id}</key>`);
    const failed = (id: string) =>
      failureResult("create_potransaction", id, errorXml("BL01001973", "Invalid Vendor 'V100' specified."));
    const { transport } = createScriptedTransport([
      () => response(failed("") + ok("vi-2")),
      // vi-2's result came first, so the result without a controlid cannot be told apart: vi-1 is not vi-2's success.
      () => response(ok("vi-2") + failed("")),
    ]);
    const { client } = createTestClient(transport);
    const first = await client.executeWrites([invoice(1), invoice(2)]);
    expect(first.map((outcome) => outcome.status)).toEqual(["failed", "done"]);
    const second = await client.executeWrites([invoice(1), invoice(2)]);
    expect(second.map((outcome) => outcome.status)).toEqual(["unknown", "unknown"]);
  });

  it("does not take a result by position when it carries another function's controlid", async () => {
    const ok = (id: string) => successResult("create_potransaction", id, `<key>Vendor Invoice-${id}</key>`);
    const { transport } = createScriptedTransport([
      () => response(ok("vi-2") + ok("vi-2")),
      () => response(ok("zzz") + ok("vi-2")),
    ]);
    const { client } = createTestClient(transport);
    expect((await client.executeWrites([invoice(1), invoice(2)])).map((outcome) => outcome.status)).toEqual([
      "unknown",
      "unknown",
    ]);
    expect((await client.executeWrites([invoice(1), invoice(2)])).map((outcome) => outcome.status)).toEqual([
      "unknown",
      "unknown",
    ]);
  });

  it("runBatched cancelled does not build the unsent writes of a lazy source", async () => {
    const controller = new AbortController();
    const { transport } = createScriptedTransport([
      async (request) => {
        const answer = await answerInvoices(request);
        controller.abort();
        return answer;
      },
    ]);
    const { client } = createTestClient(transport);
    let builds = 0;
    const outcomes = await client.runBatched(
      {
        count: 1000,
        build: (index) => {
          builds += 1;
          return invoice(index + 10);
        },
      },
      { batchSize: 10, concurrency: 1, signal: controller.signal },
    );
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.slice(0, 10).every((outcome) => outcome.status === "done")).toBe(true);
    expect(
      outcomes.slice(10).every((outcome) => outcome.status === "failed" && outcome.error.code === "cancelled"),
    ).toBe(true);
    expect(builds).toBeLessThanOrEqual(30); // the batch sent, the one waiting for the slot, at most one prepared
  });

  it("executeWrites cancelled during a backoff reports outcomes even when the sleep rejects with its own AbortError", async () => {
    const controller = new AbortController();
    const { transport } = createScriptedTransport([http(503, "")]);
    const { client } = createTestClient(transport, {
      sleep: async () => {
        controller.abort();
        throw new DOMException("The operation was aborted", "AbortError");
      },
    });
    const outcomes = await client.executeWrites([invoice(1)], { signal: controller.signal });
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["unknown"]);
  });

  it("a caller cancelled while waiting for a company slot leaves the queue at once", async () => {
    const limiter = createLimiter(1);
    let finishFirst: () => void = () => {};
    const first = limiter.run(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const controller = new AbortController();
    const ran: string[] = [];
    const cancelled = limiter.run(async () => void ran.push("cancelled"), controller.signal);
    const third = limiter.run(async () => void ran.push("third"));
    expect(limiter.waiting).toBe(2);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: "AbortError" });
    expect(limiter.waiting).toBe(1);
    finishFirst();
    await Promise.all([first, third]);
    expect(ran).toEqual(["third"]);
    expect(limiter.active).toBe(0);
  });

  it("runBatched rejects duplicate controlIds (they are idempotency keys)", async () => {
    const { transport } = createScriptedTransport([]);
    const { client } = createTestClient(transport);
    await expect(client.runBatched([invoice(1), invoice(1)])).rejects.toBeInstanceOf(IntacctValidationError);
  });

  it("runBatched refuses read functions", async () => {
    const { transport } = createScriptedTransport([]);
    const { client } = createTestClient(transport);
    await expect(client.runBatched([buildReadByQuery({ object: "VENDOR" })])).rejects.toBeInstanceOf(
      IntacctValidationError,
    );
  });

  it("runBatched with a lazy source builds each batch only when it is about to go", async () => {
    let built = 0;
    const builtWhenSent: number[] = [];
    const counting = async (request: { body: string }) => {
      builtWhenSent.push(built);
      return answerInvoices(request);
    };
    const { transport } = createScriptedTransport(Array.from({ length: 5 }, () => counting));
    const { client } = createTestClient(transport);
    const outcomes = await client.runBatched(
      { count: 10, build: (index) => (built++, invoice(index === 2 ? 4 : index + 10)) },
      { batchSize: 2, concurrency: 1 },
    );
    // The first request left after 2 builds, not 10; each later one after at most one batch more.
    expect(builtWhenSent[0]).toBeLessThanOrEqual(4);
    expect(builtWhenSent.every((count, index) => count <= (index + 2) * 2)).toBe(true);
    expect(outcomes.map((outcome) => outcome.controlId)).toEqual([
      "vi-10",
      "vi-11",
      "vi-4",
      "vi-13",
      "vi-14",
      "vi-15",
      "vi-16",
      "vi-17",
      "vi-18",
      "vi-19",
    ]);
    expect(outcomes.every((outcome) => outcome.status === "done")).toBe(true);
  });

  it("runBatched with a lazy source fails one bad or duplicate write on its own and sends the rest", async () => {
    const { transport, dataRequests } = createScriptedTransport(Array.from({ length: 3 }, () => answerInvoices));
    const { client } = createTestClient(transport);
    const progress: BatchProgress[] = [];
    const outcomes = await client.runBatched(
      {
        count: 5,
        build: (index) => {
          if (index === 1)
            return buildCreateVendorInvoice({
              controlId: "bad",
              dateCreated: "2025-13-45",
              dateDue: "2025-04-30",
              vendorId: "",
              lines: [],
            });
          return invoice(index === 3 ? 10 : index + 10); // index 3 repeats vi-10
        },
      },
      { batchSize: 2, onProgress: (update) => progress.push(update) },
    );
    expect(outcomes.map((outcome) => [outcome.controlId, outcome.status])).toEqual([
      ["vi-10", "done"],
      ["", "failed"],
      ["vi-12", "done"],
      ["vi-10", "failed"],
      ["vi-14", "done"],
    ]);
    const failed = outcomes[1];
    expect(failed?.status === "failed" && failed.error).toBeInstanceOf(IntacctValidationError);
    // Neither the invalid nor the duplicate write was sent.
    expect(
      dataRequests()
        .flatMap((request) => functionControlIds(request.body))
        .sort(),
    ).toEqual(["vi-10", "vi-12", "vi-14"]);
    expect(progress.at(-1)).toMatchObject({
      total: 5,
      processed: 5,
      done: 3,
      failed: 2,
      batchesCompleted: 3,
      batchesTotal: 3,
    });
  });

  it("runBatched with a lazy source rejects when a build throws something other than a validation error", async () => {
    const { transport } = createScriptedTransport(Array.from({ length: 3 }, () => answerInvoices));
    const { client } = createTestClient(transport);
    const source = {
      count: 6,
      build: (index: number) => {
        if (index === 4) throw new TypeError("a bug in the caller");
        return invoice(index + 10);
      },
    };
    await expect(client.runBatched(source, { batchSize: 2 })).rejects.toThrowError("a bug in the caller");
  });

  it("execute refuses more functions than maxFunctionsPerRequest", async () => {
    const { transport } = createScriptedTransport([]);
    const { client } = createTestClient(transport, { maxFunctionsPerRequest: 2 });
    await expect(client.execute([invoice(1), invoice(2), invoice(4)])).rejects.toThrowError(/maxFunctionsPerRequest/);
  });
});

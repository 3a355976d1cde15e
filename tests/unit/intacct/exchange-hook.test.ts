import { describe, expect, it } from "vitest";
import type { IntacctExchange } from "@/lib/intacct";
import { RATE_LIMITED_429, readByQueryPage, vendorRecord } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds, http, type Reply } from "./helpers";

const okPage: Reply = (request) =>
  readByQueryPage({
    controlId: functionControlIds(request.body)[0] ?? "",
    records: [vendorRecord("V1")],
    totalCount: 1,
    numRemaining: 0,
  });

describe("onExchange", () => {
  it("reports every HTTP attempt with redacted request and response XML, failed ones included", async () => {
    const exchanges: IntacctExchange[] = [];
    const { transport } = createScriptedTransport([http(429, RATE_LIMITED_429), okPage]);
    const { client } = createTestClient(transport, { onExchange: (exchange) => void exchanges.push(exchange) });
    for await (const page of client.readByQuery({ object: "VENDOR" })) expect(page).toHaveLength(1);

    // The session login and the two attempts of the read (a 429, then the page).
    const reads = exchanges.filter((e) => e.requestXml.includes("<readByQuery"));
    expect(reads.map((e) => [e.attempt, e.status, e.errorCode])).toEqual([
      [1, 429, "rate-limited"],
      [2, 200, null],
    ]);
    expect(reads[1]?.responseXml).toContain("V1");
    for (const exchange of exchanges) {
      expect(exchange.requestXml).not.toContain("demo-user-pass");
      expect(exchange.requestXml).not.toContain("demo-sender-pass");
      expect(exchange.requestXml).not.toMatch(/<sessionid>(?!\[REDACTED\])/);
      expect(exchange.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("a hook that throws never changes the outcome of a request", async () => {
    const { transport } = createScriptedTransport([okPage]);
    const { client } = createTestClient(transport, {
      onExchange: () => {
        throw new Error("broken hook");
      },
    });
    const pages = [];
    for await (const page of client.readByQuery({ object: "VENDOR" })) pages.push(page);
    expect(pages).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import type { Limiter } from "@/lib/intacct";
import { RATE_LIMITED_429, readByQueryPage, vendorRecord } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds, http, type Reply } from "./helpers";

const okPage: Reply = (request) =>
  readByQueryPage({
    controlId: functionControlIds(request.body)[0] ?? "",
    records: [vendorRecord("V1")],
    totalCount: 1,
    numRemaining: 0,
  });

describe("sharedLimiter (the limit other processes share)", () => {
  it("wraps every HTTP attempt, retries and the session login included, and is released after each", async () => {
    let inside = 0;
    let runs = 0;
    const shared: Pick<Limiter, "run"> = {
      run: async (task) => {
        runs += 1;
        inside += 1;
        try {
          return await task();
        } finally {
          inside -= 1;
        }
      },
    };
    const { transport } = createScriptedTransport([http(429, RATE_LIMITED_429), okPage]);
    const { client } = createTestClient(transport, { sharedLimiter: shared });
    for await (const page of client.readByQuery({ object: "VENDOR" })) expect(page).toHaveLength(1);
    // The login, the 429 and the retried read: each took the shared limit, and none holds it now.
    expect(runs).toBe(transport.mock.calls.length);
    expect(runs).toBe(3);
    expect(inside).toBe(0);
  });
});

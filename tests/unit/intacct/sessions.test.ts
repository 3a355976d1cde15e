import { describe, expect, it } from "vitest";
import { IntacctAuthenticationError, createMemorySessionCache } from "@/lib/intacct";
import {
  SESSION_ENDPOINT,
  SESSION_ID,
  SIGN_IN_INCORRECT,
  UNAUTHORIZED_401,
  authFailure,
  errorXml,
  readByQueryPage,
  sessionResponse,
  vendorRecord,
} from "./fixtures";
import {
  createScriptedTransport,
  createTestClient,
  functionControlIds,
  http,
  isSessionRequest,
  type Reply,
} from "./helpers";

const okPage: Reply = (request) =>
  readByQueryPage({
    controlId: functionControlIds(request.body)[0] ?? "",
    records: [vendorRecord("V1")],
    totalCount: 1,
    numRemaining: 0,
  });
const readAll = async (client: ReturnType<typeof createTestClient>["client"]) => {
  for await (const _page of client.readByQuery({ object: "VENDOR" })) void _page;
};
const SESSION_EXPIRED = authFailure(errorXml("XL03000006", "Invalid session", "", ""));

describe("sessions", () => {
  it("logs in once with getAPISession (login credentials) and then uses the session id and the endpoint it returned", async () => {
    const { transport, requests } = createScriptedTransport([okPage, okPage]);
    const { client } = createTestClient(transport);
    await readAll(client);
    await readAll(client);
    expect(requests).toHaveLength(3);
    const [login, first, second] = requests;
    expect(login?.body).toMatch(
      /<login><userid>xml_gateway<\/userid><companyid>DEMO-\d+<\/companyid><password>demo-user-pass<\/password><\/login>/,
    );
    expect(login?.body).toContain("<getAPISession/>");
    for (const request of [first, second]) {
      expect(request?.url).toBe(SESSION_ENDPOINT);
      expect(request?.body).toContain(`<authentication><sessionid>${SESSION_ID}</sessionid></authentication>`);
      // §5: the control block still carries the sender credentials on session calls.
      expect(request?.body).toContain("<senderid>ingenious_build</senderid><password>demo-sender-pass</password>");
    }
  });

  it("shares one login between concurrent requests", async () => {
    const { transport, requests } = createScriptedTransport([okPage, okPage, okPage]);
    const { client } = createTestClient(transport);
    await Promise.all([readAll(client), readAll(client), readAll(client)]);
    expect(requests.filter(isSessionRequest)).toHaveLength(1);
  });

  it("shares the cached session between clients with the same endpoint, company, user, entity and secrets", async () => {
    const sessionCache = createMemorySessionCache();
    const { transport, requests } = createScriptedTransport([okPage, okPage]);
    const a = createTestClient(transport, { sessionCache, companyId: "SHARED" });
    const b = createTestClient(transport, { sessionCache, companyId: "SHARED" });
    await readAll(a.client);
    await readAll(b.client);
    expect(requests.filter(isSessionRequest)).toHaveLength(1);
  });

  it("a client that joins another client's login in flight keeps the session in its own cache", async () => {
    const { transport, requests } = createScriptedTransport([okPage, okPage, okPage]);
    const a = createTestClient(transport, { sessionCache: createMemorySessionCache(), companyId: "JOINED" });
    const b = createTestClient(transport, { sessionCache: createMemorySessionCache(), companyId: "JOINED" });
    await Promise.all([readAll(a.client), readAll(b.client)]);
    await readAll(b.client);
    expect(requests.filter(isSessionRequest)).toHaveLength(1);
  });

  it("does not reuse a cached session for a client configured with a different password", async () => {
    const sessionCache = createMemorySessionCache();
    const { transport, requests } = createScriptedTransport([okPage, okPage]);
    await readAll(createTestClient(transport, { sessionCache, companyId: "SHARED2" }).client);
    await readAll(
      createTestClient(transport, { sessionCache, companyId: "SHARED2", userPassword: "wrong-password" }).client,
    );
    expect(requests.filter(isSessionRequest)).toHaveLength(2);
  });

  it("logs in again once and replays the request when a session request fails authentication (expired session)", async () => {
    let logins = 0;
    const { transport, requests } = createScriptedTransport(
      [
        () => {
          logins += 1;
          return sessionResponse({ sessionId: `sess-${logins}-abcdef` });
        },
        SESSION_EXPIRED,
        () => {
          logins += 1;
          return sessionResponse({ sessionId: `sess-${logins}-abcdef` });
        },
        okPage,
      ],
      { autoSession: false },
    );
    const { client } = createTestClient(transport);
    await readAll(client);
    expect(logins).toBe(2);
    expect(requests).toHaveLength(4);
    expect(requests[1]?.body).toContain("<sessionid>sess-1-abcdef</sessionid>");
    expect(requests[3]?.body).toContain("<sessionid>sess-2-abcdef</sessionid>");
    // The replay carries the same function controlid.
    expect(functionControlIds(requests[3]?.body ?? "")).toEqual(functionControlIds(requests[1]?.body ?? ""));
  });

  it("treats HTTP 401 / XMLGW_JPP0002 on a session request as an expired session too", async () => {
    const { transport, requests } = createScriptedTransport([
      http(401, UNAUTHORIZED_401, { "content-type": "text/xml" }),
      okPage,
    ]);
    const { client } = createTestClient(transport);
    await readAll(client);
    expect(requests.filter(isSessionRequest)).toHaveLength(2);
  });

  it("refreshes the session at most once per request: a second authentication failure is thrown", async () => {
    const { transport, requests } = createScriptedTransport([SESSION_EXPIRED, SESSION_EXPIRED]);
    const { client } = createTestClient(transport);
    await expect(readAll(client)).rejects.toBeInstanceOf(IntacctAuthenticationError);
    expect(requests.filter(isSessionRequest)).toHaveLength(2);
    expect(requests).toHaveLength(4);
  });

  it("throws the real sign-in error when the fresh login itself fails", async () => {
    const { transport } = createScriptedTransport([sessionResponse(), SESSION_EXPIRED, SIGN_IN_INCORRECT], {
      autoSession: false,
    });
    const { client } = createTestClient(transport);
    const error = await readAll(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
    expect((error as IntacctAuthenticationError).code).toBe("sign-in-failed");
  });

  it("slides the session expiry forward from each response's sessiontimeout", async () => {
    let clock = Date.parse("2025-03-01T00:00:00Z");
    const { transport } = createScriptedTransport(
      [
        sessionResponse({ sessionTimeout: "2025-03-01T00:10:00Z" }),
        (request) =>
          readByQueryPage({
            controlId: functionControlIds(request.body)[0] ?? "",
            records: [],
            totalCount: 0,
            numRemaining: 0,
          }).replace("2099-01-01T10:08:34-07:00", "2025-03-01T00:20:00Z"),
      ],
      { autoSession: false },
    );
    const { client } = createTestClient(transport, { now: () => clock });
    expect((await client.openSession()).expiresAt.toISOString()).toBe("2025-03-01T00:10:00.000Z");
    clock += 60_000;
    await readAll(client);
    expect((await client.openSession()).expiresAt.toISOString()).toBe("2025-03-01T00:20:00.000Z");
  });

  it("opens a new session once the sliding expiry has passed", async () => {
    let clock = Date.parse("2025-03-01T00:00:00Z");
    const { transport, requests } = createScriptedTransport(
      [
        sessionResponse({ sessionTimeout: "2025-03-01T00:10:00Z" }),
        sessionResponse({ sessionId: "second-session-id" }),
      ],
      { autoSession: false },
    );
    const { client } = createTestClient(transport, { now: () => clock });
    await client.openSession();
    clock += 11 * 60_000;
    await client.openSession();
    expect(requests.filter(isSessionRequest)).toHaveLength(2);
  });

  it("logs into the configured entity with locationid (login and getAPISession)", async () => {
    const { transport, requests } = createScriptedTransport([]);
    const { client } = createTestClient(transport, { entityId: "E100" });
    await client.openSession();
    expect(requests[0]?.body).toContain("<password>demo-user-pass</password><locationid>E100</locationid></login>");
    expect(requests[0]?.body).toContain("<getAPISession><locationid>E100</locationid></getAPISession>");
  });

  it("forEntity() gives a client whose session is cached separately", async () => {
    const sessionCache = createMemorySessionCache();
    const { transport, requests } = createScriptedTransport([]);
    const { client } = createTestClient(transport, { sessionCache });
    await client.openSession();
    await client.forEntity("E200").openSession();
    await client.openSession();
    expect(requests.filter(isSessionRequest)).toHaveLength(2);
    expect(requests[1]?.body).toContain("<locationid>E200</locationid>");
  });
});

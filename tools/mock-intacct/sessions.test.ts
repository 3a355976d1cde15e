// API sessions (docs/intacct/gateway.md §5, §13.3): endpoint on the called host, entity binding, sliding idle expiry.
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, startMockIntacct, type MockIntacct } from "./index";
import {
  buildRequest,
  call,
  callOk,
  fn,
  openSession,
  readByQueryXml,
  readResponse,
  type ResponseView,
} from "./test-helpers";
import { findChild, readChildText } from "./xml";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Posts with an explicit Host header, as a client that resolved an Intacct-looking name to the mock would. */
function postWithHost(host: string, body: string): Promise<ResponseView> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: mock.port,
        path: "/ia/xml/xmlgw.phtml",
        method: "POST",
        headers: { Host: host, "Content-Type": "application/xml" },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve(readResponse(res.statusCode ?? 0, String(res.headers["content-type"] ?? ""), text)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const PROJECTS = readByQueryXml("PROJECT", "", { fields: "PROJECTID,LOCATIONID" });

describe("getAPISession", () => {
  it("returns a session id, the endpoint on the host name the client called, and the locationid", async () => {
    const res = await postWithHost(`na77.intacct.com:${mock.port}`, buildRequest(["<getAPISession/>"]));
    const api = findChild(res.results[0]?.data, "api");
    expect(readChildText(api, "sessionid")).toMatch(/\.\.$/);
    expect(readChildText(api, "endpoint")).toBe(`http://na77.intacct.com:${mock.port}/ia/xml/xmlgw.phtml`);
    expect(readChildText(api, "locationid")).toBe("");
  });

  it("the session then authenticates calls (bound to company and user)", async () => {
    const { sessionId } = await openSession(mock);
    const res = await call(mock, [PROJECTS], { sessionId });
    expect(res.authStatus).toBe("success");
    expect(readChildText(res.auth, "companyid")).toBe(DEMO_CREDENTIALS.companyId);
    expect(readChildText(res.auth, "userid")).toBe(DEMO_CREDENTIALS.userId);
    expect(res.results[0]?.records).toHaveLength(3);
  });

  it("must be alone in its request: combined with another function it fails", async () => {
    const res = await call(mock, [fn("<getAPISession/>", "s"), fn(PROJECTS, "p")]);
    expect(res.results[0]).toMatchObject({ status: "failure", function: "getAPISession" });
    expect(res.results[0]?.errors[0]?.errorno).toBe("BL01001973");
  });

  it("a locationid binds the session to that entity, whose callers see only its records", async () => {
    const { sessionId, locationId } = await openSession(mock, "E200");
    expect(locationId).toBe("E200");
    const res = await call(mock, [PROJECTS], { sessionId });
    expect(readChildText(res.auth, "locationid")).toBe("E200");
    expect(res.results[0]?.records).toEqual([{ PROJECTID: "P-1003", LOCATIONID: "E200" }]);
  });

  it("an empty locationid from an entity session returns to the top level", async () => {
    const entity = await openSession(mock, "E100");
    const result = await callOk(mock, "<getAPISession><locationid></locationid></getAPISession>", {
      sessionId: entity.sessionId,
    });
    expect(readChildText(findChild(result.data, "api"), "locationid")).toBe("");
  });

  it("a login with a locationid works at entity level too", async () => {
    const res = await call(mock, [PROJECTS], { login: { locationId: "E100" } });
    expect(readChildText(res.auth, "locationid")).toBe("E100");
    expect(res.results[0]?.records.map((r) => r.PROJECTID)).toEqual(["P-1001", "P-1002"]);
  });

  it("an unknown entity in getAPISession fails", async () => {
    const res = await call(mock, ["<getAPISession><locationid>E404</locationid></getAPISession>"]);
    expect(res.results[0]?.status).toBe("failure");
  });
});

describe("session lifetime", () => {
  it("an unknown session id fails authentication with XL03000006 'Invalid session'", async () => {
    const res = await call(mock, [PROJECTS], { sessionId: "not-a-session.." });
    expect(res.controlStatus).toBe("success");
    expect(res.authStatus).toBe("failure");
    expect(res.authErrors[0]).toMatchObject({ errorno: "XL03000006", description2: "Invalid session" });
    expect(res.results).toHaveLength(0);
  });

  it("sessions slide on every call and expire only after the idle time", async () => {
    mock.setFaults({ sessionIdleMs: 250 });
    const { sessionId } = await openSession(mock);
    for (let i = 0; i < 3; i++) {
      await sleep(150);
      const res = await call(mock, [PROJECTS], { sessionId });
      expect(res.authStatus).toBe("success"); // 450 ms after creation, alive because each call slid it
    }
    await sleep(320);
    const expired = await call(mock, [PROJECTS], { sessionId });
    expect(expired.authStatus).toBe("failure");
    expect(expired.authErrors[0]?.description2).toBe("Invalid session");
  });

  it("each response projects the sliding timeout: now plus the idle time", async () => {
    mock.setFaults({ sessionIdleMs: 60_000 });
    const { sessionId } = await openSession(mock);
    const res = await call(mock, [PROJECTS], { sessionId });
    const stamp = Date.parse(readChildText(res.auth, "sessiontimestamp") ?? "");
    expect(Date.parse(readChildText(res.auth, "sessiontimeout") ?? "") - stamp).toBe(60_000);
  });

  it("forced expiry through POST /__mock/faults {expireSessions:true} invalidates every session", async () => {
    const a = await openSession(mock);
    const b = await openSession(mock, "E100");
    const res = await fetch(`${mock.url}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ expireSessions: true }),
    });
    expect(res.status).toBe(200);
    for (const s of [a, b])
      expect((await call(mock, [PROJECTS], { sessionId: s.sessionId })).authStatus).toBe("failure");
  });

  it("login-based calls keep working after sessions expire", async () => {
    mock.expireSessions();
    expect((await call(mock, [PROJECTS])).authStatus).toBe("success");
  });
});

// Fault injection (issue "Faults", docs/intacct/gateway.md §4, §11, §13.8). Each fault is switched on at run time, exercised
// over HTTP, and switched off again by the reset in beforeEach.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEMO_CREDENTIALS,
  DEMO_SANDBOX_COMPANY_ID,
  NO_WEBSERVICES_COMPANY_ID,
  startMockIntacct,
  type MockIntacct,
} from "./index";
import { buildRequest, call, createPoXml, fn, readByQueryXml, readResponse, SUB_LINE } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const READ = readByQueryXml("VENDOR", "", { fields: "VENDORID", pagesize: 1 });

async function post(body: string, signal?: AbortSignal) {
  const res = await fetch(mock.endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/xml" },
    body,
    signal,
  });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

async function setFaultsOverHttp(patch: Record<string, unknown>) {
  const res = await fetch(`${mock.url}/__mock/faults`, { method: "POST", body: JSON.stringify(patch) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe("HTTP-level faults", () => {
  it("rate429 answers HTTP 429 with an XML GW-0010 control failure", async () => {
    await setFaultsOverHttp({ rate429: 1 });
    const res = await post(buildRequest([READ]));
    expect(res.status).toBe(429);
    const view = readResponse(res.status, res.contentType, res.text);
    expect(view.controlStatus).toBe("failure");
    expect(view.topErrors[0]?.errorno).toBe("GW-0010");
  });

  it("rate502 and rate503 answer HTML gateway errors without XML", async () => {
    await setFaultsOverHttp({ rate502: 1 });
    const bad = await post(buildRequest([READ]));
    expect([bad.status, bad.contentType]).toEqual([502, "text/html"]);
    expect(bad.text).toMatch(/<html>/);
    await setFaultsOverHttp({ rate502: 0, rate503: 1 });
    expect((await post(buildRequest([READ]))).status).toBe(503);
  });

  it("rateHtml500 answers a 500 HTML page and rateEmpty500 an empty 500", async () => {
    await setFaultsOverHttp({ rateHtml500: 1 });
    const html = await post(buildRequest([READ]));
    expect([html.status, html.contentType]).toEqual([500, "text/html"]);
    expect(html.text).toMatch(/Internal Server Error/);
    await setFaultsOverHttp({ rateHtml500: 0, rateEmpty500: 1 });
    const empty = await post(buildRequest([READ]));
    expect([empty.status, empty.text]).toEqual([500, ""]);
  });

  it("faults never run the request: a 502 on a write leaves no document", async () => {
    await setFaultsOverHttp({ rate502: 1 });
    await post(buildRequest([createPoXml({ lines: [SUB_LINE] })]));
    expect(mock.listDocuments()).toHaveLength(0);
  });

  it("rate524 answers Cloudflare's HTML 524 after the write landed (origin kept working)", async () => {
    await setFaultsOverHttp({ rate524: 1 });
    const res = await post(buildRequest([createPoXml({ documentno: "CF-1", lines: [SUB_LINE] })]));
    expect([res.status, res.contentType]).toEqual([524, "text/html"]);
    expect(res.text).toMatch(/A timeout occurred/);
    expect(mock.listDocuments().map((d) => d.DOCID)).toEqual(["Purchase Order-CF-1"]);
  });

  it("with commitOn524=false a 524 leaves nothing behind", async () => {
    await setFaultsOverHttp({ rate524: 1, commitOn524: false });
    expect((await post(buildRequest([createPoXml({ lines: [SUB_LINE] })]))).status).toBe(524);
    expect(mock.listDocuments()).toHaveLength(0);
  });

  it("rateReset drops the connection without an answer", async () => {
    await setFaultsOverHttp({ rateReset: 1 });
    await expect(post(buildRequest([READ]))).rejects.toThrow();
  });

  it("an invalid fault patch is refused with 400", async () => {
    const res = await fetch(`${mock.url}/__mock/faults`, { method: "POST", body: JSON.stringify({ rate429: 2 }) });
    expect(res.status).toBe(400);
    const unknown = await fetch(`${mock.url}/__mock/faults`, { method: "POST", body: JSON.stringify({ rate999: 1 }) });
    expect(unknown.status).toBe(400);
  });
});

describe("commit then drop", () => {
  it("the next N writes happen but the client sees a timeout; reads are not dropped", async () => {
    const config = await setFaultsOverHttp({ commitThenDrop: 1 });
    expect(config.commitThenDrop).toBe(1);
    expect((await post(buildRequest([READ]))).status).toBe(200);
    await expect(
      post(buildRequest([createPoXml({ documentno: "D-1", lines: [SUB_LINE] })]), AbortSignal.timeout(300)),
    ).rejects.toThrow(/aborted|timeout/i);
    expect(mock.listDocuments().map((d) => d.DOCID)).toEqual(["Purchase Order-D-1"]);
    // Budget used up: the next write is answered.
    expect((await post(buildRequest([createPoXml({ documentno: "D-2", lines: [SUB_LINE] })]))).status).toBe(200);
    expect(mock.listRequests().requests.filter((r) => r.fault === "drop")).toHaveLength(1);
  });

  it("dropMode reset commits and then closes the connection", async () => {
    await setFaultsOverHttp({ commitThenDrop: { count: 1 }, dropMode: "reset" });
    await expect(post(buildRequest([createPoXml({ documentno: "D-3", lines: [SUB_LINE] })]))).rejects.toThrow();
    expect(mock.listDocuments()).toHaveLength(1);
  });

  it("a rate drops that share of writes", async () => {
    await setFaultsOverHttp({ commitThenDrop: { rate: 1 }, dropMode: "reset" });
    await expect(post(buildRequest([createPoXml({ lines: [SUB_LINE] })]))).rejects.toThrow();
    await expect(post(buildRequest([createPoXml({ lines: [SUB_LINE] })]))).rejects.toThrow();
    expect(mock.listDocuments()).toHaveLength(2);
  });

  it("a retry of a dropped write with uniqueid=true and the same controlid is refused, so nothing posts twice", async () => {
    await setFaultsOverHttp({ commitThenDrop: 1, dropMode: "reset" });
    const write = fn(createPoXml({ lines: [SUB_LINE] }), "invoice-77");
    await expect(call(mock, [write], { uniqueId: true })).rejects.toThrow();
    const retry = await call(mock, [write], { uniqueId: true });
    expect(retry.results[0]?.status).toBe("failure");
    expect(mock.listDocuments()).toHaveLength(1);
  });
});

describe("concurrency, latency, sessions, reproducibility", () => {
  it("more concurrent requests per company than the limit (default 2) get 429 GW-0010", async () => {
    expect(mock.getFaults().maxConcurrentPerCompany).toBe(2);
    await setFaultsOverHttp({ latencyMs: 150 });
    const results = await Promise.all([0, 1, 2].map(() => post(buildRequest([READ]))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const limited = results.find((r) => r.status === 429);
    expect(readResponse(429, "", limited?.text ?? "").topErrors[0]?.errorno).toBe("GW-0010");
    expect(mock.listRequests().requests.some((r) => r.fault === "concurrency-429")).toBe(true);
  });

  it("the limit is per company", async () => {
    await setFaultsOverHttp({ latencyMs: 150 });
    const other = buildRequest([READ], { login: { companyId: NO_WEBSERVICES_COMPANY_ID } });
    const results = await Promise.all([post(buildRequest([READ])), post(buildRequest([READ])), post(other)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("the limit is adjustable (0 = unlimited)", async () => {
    await setFaultsOverHttp({ latencyMs: 100, maxConcurrentPerCompany: 0 });
    const results = await Promise.all([0, 1, 2, 3].map(() => post(buildRequest([READ]))));
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it("latencyMs delays every answer; jitterMs spreads it", async () => {
    await setFaultsOverHttp({ latencyMs: 120 });
    let started = Date.now();
    await post(buildRequest([READ]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    await setFaultsOverHttp({ latencyMs: 100, jitterMs: 60 });
    const durations: number[] = [];
    for (let i = 0; i < 4; i++) {
      started = Date.now();
      await post(buildRequest([READ]));
      durations.push(Date.now() - started);
    }
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(35);
    expect(Math.max(...durations)).toBeLessThan(400);
  });

  it("latency can be set at start-up", async () => {
    const slow = await startMockIntacct({ port: 0, latencyMs: 100 });
    try {
      const started = Date.now();
      await fetch(slow.endpoint, { method: "POST", body: buildRequest([READ]) });
      expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    } finally {
      await slow.close();
    }
  });

  it("forced session expiry through the fault API", async () => {
    const session = await call(mock, ["<getAPISession/>"]);
    const sessionId = session.results[0]?.data?.children[0]?.children[0]?.text ?? "";
    await setFaultsOverHttp({ expireSessions: true });
    const res = await call(mock, [READ], { sessionId });
    expect(res.authErrors[0]?.errorno).toBe("XL03000006");
  });

  it("random faults are reproducible from the seed", async () => {
    const sequence = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await post(buildRequest([READ]))).status);
      return statuses;
    };
    await setFaultsOverHttp({ rate502: 0.3, rate503: 0.3, faultSeed: 42 });
    const first = await sequence();
    await setFaultsOverHttp({ seed: 42 });
    const second = await sequence();
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
    await setFaultsOverHttp({ seed: 43 });
    expect(await sequence()).not.toEqual(first);
  });

  it("clear:true returns to the start-up fault configuration", async () => {
    await setFaultsOverHttp({ rate502: 1, http401OnBadLogin: true });
    const config = await setFaultsOverHttp({ clear: true });
    expect(config).toMatchObject({ rate502: 0, http401OnBadLogin: false, maxConcurrentPerCompany: 2 });
    expect((await post(buildRequest([READ]))).status).toBe(200);
    expect(DEMO_CREDENTIALS.companyId).toBe("DEMO-CONSTRUCTION");
  });

  it("faults scoped to one company touch only that company's requests, until cleared", async () => {
    const sandbox = { login: { companyId: DEMO_SANDBOX_COMPANY_ID } };
    expect((await post(buildRequest([READ], sandbox))).status).toBe(200);
    const config = await setFaultsOverHttp({ company: DEMO_SANDBOX_COMPANY_ID, rate503: 1, latencyMs: 5 });
    expect(config).toMatchObject({
      rate503: 0,
      companies: { [DEMO_SANDBOX_COMPANY_ID.toLowerCase()]: { rate503: 1, latencyMs: 5 } },
    });
    expect((await post(buildRequest([READ], sandbox))).status).toBe(503);
    expect((await post(buildRequest([READ]))).status).toBe(200);
    // A session opened in the sandbox is the sandbox too.
    await setFaultsOverHttp({ company: DEMO_SANDBOX_COMPANY_ID, rate503: 0 });
    const opened = await call(mock, ["<getAPISession/>"], sandbox);
    const sessionId = opened.results[0]?.data?.children[0]?.children[0]?.text ?? "";
    expect(sessionId).not.toBe("");
    await setFaultsOverHttp({ company: DEMO_SANDBOX_COMPANY_ID.toLowerCase(), rate429: 1 });
    expect((await post(buildRequest([READ], { sessionId }))).status).toBe(429);
    // Only request faults can be scoped; clearing the company leaves the rest of the mock as it was.
    const refused = await fetch(`${mock.url}/__mock/faults`, {
      method: "POST",
      body: JSON.stringify({ company: DEMO_SANDBOX_COMPANY_ID, maxConcurrentPerCompany: 1 }),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("applies to the whole mock");
    // Faults the gateway itself applies follow the company too.
    await setFaultsOverHttp({ company: DEMO_SANDBOX_COMPANY_ID, rate429: 0, http401OnBadLogin: true });
    expect(
      (await call(mock, [READ], { login: { companyId: DEMO_SANDBOX_COMPANY_ID, password: "wrong" } })).httpStatus,
    ).toBe(401);
    expect((await call(mock, [READ], { login: { password: "wrong" } })).httpStatus).toBe(200);
    await setFaultsOverHttp({ rate502: 1 });
    expect(await setFaultsOverHttp({ company: DEMO_SANDBOX_COMPANY_ID, clear: true })).toMatchObject({
      rate502: 1,
      companies: {},
    });
    expect((await post(buildRequest([READ], sandbox))).status).toBe(502);
  });
});

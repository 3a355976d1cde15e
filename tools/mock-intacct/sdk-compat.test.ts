// The official @intacct/intacct-sdk must run its normal flow against the mock. The SDK only accepts
// *.intacct.com hosts (docs/intacct/gateway.md §1, §12), so instead of patching it we point mock.intacct.com at 127.0.0.1:
// node-fetch (used by the SDK) goes through http.globalAgent, which we give a lookup that resolves that name
// locally. The mock's getAPISession then answers with an endpoint on the same host name, which the SDK accepts.
import { createRequire } from "node:module";
import type { LookupFunction } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, startMockIntacct, type MockIntacct } from "./index";

const require = createRequire(import.meta.url);
const http = require("node:http") as typeof import("node:http");
const dns = require("node:dns") as typeof import("node:dns");
const IA = require("@intacct/intacct-sdk");

const MOCK_HOST = "mock.intacct.com";

const redirectLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname !== MOCK_HOST) return dns.lookup(hostname, options, callback);
  if (options.all)
    return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: "127.0.0.1", family: 4 },
    ]);
  return callback(null, "127.0.0.1", 4);
};

let mock: MockIntacct;
let originalAgent: import("node:http").Agent;

function buildConfig(overrides: Record<string, string> = {}) {
  const config = new IA.ClientConfig();
  config.endpointUrl = `http://${MOCK_HOST}:${mock.port}/ia/xml/xmlgw.phtml`;
  config.senderId = DEMO_CREDENTIALS.senderId;
  config.senderPassword = DEMO_CREDENTIALS.senderPassword;
  config.companyId = DEMO_CREDENTIALS.companyId;
  config.userId = DEMO_CREDENTIALS.userId;
  config.userPassword = DEMO_CREDENTIALS.userPassword;
  Object.assign(config, overrides);
  return config;
}

beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
  originalAgent = http.globalAgent;
  http.globalAgent = new http.Agent({ keepAlive: false, lookup: redirectLookup } as import("node:http").AgentOptions);
});

afterAll(async () => {
  http.globalAgent = originalAgent;
  await mock.close();
});

describe("official @intacct/intacct-sdk against the mock", () => {
  it("SessionProvider.factory gets a session whose endpoint keeps the Intacct host name the SDK called", async () => {
    const sessionConfig = await IA.SessionProvider.factory(buildConfig());
    expect(sessionConfig.sessionId).toMatch(/\.\.$/);
    expect(sessionConfig.endpointUrl).toBe(`http://${MOCK_HOST}:${mock.port}/ia/xml/xmlgw.phtml`);
    expect(sessionConfig.companyId).toBe(DEMO_CREDENTIALS.companyId);
    expect(sessionConfig.entityId).toBe("");
  });

  it("pages VENDOR with ReadByQuery then ReadMore until numRemaining is 0", async () => {
    const client = new IA.OnlineClient(await IA.SessionProvider.factory(buildConfig()));
    const first = new IA.Functions.Common.ReadByQuery();
    first.objectName = "VENDOR";
    first.fields = ["VENDORID", "NAME", "STATUS"];
    first.pageSize = 10;
    let result = (await client.execute(first)).getResult();
    result.ensureStatusSuccess();
    const vendors = [...result.data];
    expect(result.totalCount).toBe(27);
    while (result.numRemaining > 0) {
      const more = new IA.Functions.Common.ReadMore();
      more.resultId = result.resultId;
      result = (await client.execute(more)).getResult();
      result.ensureStatusSuccess();
      vendors.push(...result.data);
    }
    expect(vendors).toHaveLength(27);
    expect(vendors[0]).toMatchObject({ VENDORID: "V-1001", NAME: "Apex Concrete, Inc", STATUS: "active" });
  });

  it("creates a purchase order with PurchasingTransactionCreate and gets '<definition>-<docno>' back", async () => {
    const client = new IA.OnlineClient(await IA.SessionProvider.factory(buildConfig()));
    const po = new IA.Functions.Purchasing.PurchasingTransactionCreate();
    po.transactionDefinition = "Purchase Order";
    po.transactionDate = new Date("2025-03-01T12:00:00Z");
    // SDK-JS writes <datedue> only when it is set; without it (or a payment term) the gateway refuses the create.
    po.dueDate = new Date("2025-03-31T12:00:00Z");
    po.vendorId = "V-1002";
    po.documentNumber = "SDK-1001";
    po.referenceNumber = "CONTRACT-77";
    const line = new IA.Functions.Purchasing.PurchasingTransactionLineCreate();
    line.itemId = "SUBCONTRACT";
    line.quantity = 1;
    line.price = 12500;
    line.locationId = "E100";
    line.projectId = "P-1001";
    po.lines = [line];
    const result = (await client.execute(po)).getResult();
    result.ensureStatusSuccess();
    expect(result.key).toBe("Purchase Order-SDK-1001");
    const doc = mock.listDocuments().find((d) => d.DOCID === "Purchase Order-SDK-1001");
    expect(doc?.entries[0]).toMatchObject({
      ITEMID: "SUBCONTRACT",
      PRICE: "12500.00",
      PROJECTID: "P-1001",
      LINE_NO: "0",
    });
  });

  it("a wrong user password surfaces as the SDK's ResponseException carrying XL03000006", async () => {
    const attempt = IA.SessionProvider.factory(buildConfig({ userPassword: "wrong" }));
    await expect(attempt).rejects.toBeInstanceOf(IA.Exceptions.ResponseException);
    await expect(IA.SessionProvider.factory(buildConfig({ userPassword: "wrong" }))).rejects.toMatchObject({
      message: expect.stringContaining("XL03000006"),
      errors: [expect.stringContaining("Sign-in information is incorrect")],
    });
  });

  it("a wrong sender password surfaces as a control-level ResponseException with XL03000006", async () => {
    await expect(IA.SessionProvider.factory(buildConfig({ senderPassword: "wrong" }))).rejects.toMatchObject({
      message: expect.stringMatching(/^Response control status failure - XL03000006/),
    });
  });

  it("the 401 variant (XMLGW_JPP0002) surfaces as a ResponseException too", async () => {
    mock.setFaults({ http401OnBadLogin: true });
    try {
      await expect(IA.SessionProvider.factory(buildConfig({ userPassword: "wrong" }))).rejects.toMatchObject({
        message: expect.stringContaining("XMLGW_JPP0002"),
      });
    } finally {
      mock.setFaults({ http401OnBadLogin: false });
    }
  });
});

// The readByQuery query-string subset and its failures (issue "Reads", docs/intacct/gateway.md §7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, readByQueryXml } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());

async function countVendors(query: string): Promise<number> {
  const res = await call(mock, [readByQueryXml("VENDOR", query, { fields: "VENDORID", pagesize: 1000 })]);
  const result = res.results[0];
  if (result?.status !== "success") throw new Error(`query failed: ${query}: ${JSON.stringify(result?.errors)}`);
  return Number(result.data?.attrs.totalcount);
}

describe("supported query-string operators (demo seed: 27 vendors, V-1022 inactive)", () => {
  const cases: [string, number][] = [
    ["", 27],
    ["VENDORID = 'V-1001'", 1],
    ["vendorid = 'V-1001'", 1],
    ["VENDORID != 'V-1001'", 26],
    ["VENDORID < 'V-1003'", 2],
    ["VENDORID > 'V-1025'", 2],
    ["VENDORID <= 'V-1003'", 3],
    ["VENDORID >= 'V-1026'", 2],
    ["NAME like 'A%'", 3],
    ["NAME like 'a%'", 0],
    ["NAME like '_BC Supply'", 1],
    ["NAME not like '%Inc%'", 25],
    ["VENDORID in ('V-1001', 'V-1002', 'V-9999')", 2],
    ["VENDORID not in ('V-1001')", 26],
    ["TAXID IS NULL", 7],
    ["TAXID is not null", 20],
    ["STATUS = 'T'", 26],
    ["STATUS = 'F'", 1],
    ["STATUS = 'active'", 0],
    ["STATUS = 'T' AND VENDORID in ('V-1022', 'V-1001')", 1],
    ["VENDORID = 'V-1001' OR VENDORID = 'V-1002' AND STATUS = 'F'", 1],
    ["(VENDORID = 'V-1001' OR VENDORID = 'V-1002') AND STATUS = 'T'", 2],
    ["((VENDORID = 'V-1001'))", 1],
    ["RECORDNO > 25", 2],
    ["RECORDNO > '25'", 2],
    ["WHENMODIFIED > '01/06/2025 09:45:00'", 21],
    ["WHENMODIFIED >= '01/06/2025'", 27],
    ["NAME = 'Apex Concrete, Inc'", 1],
  ];
  for (const [query, expected] of cases) {
    it(`"${query}" matches ${expected}`, async () => {
      expect(await countVendors(query)).toBe(expected);
    });
  }

  it("quoted strings take \\' escapes", async () => {
    mock.state.companies
      .get("demo-construction")
      ?.tables.VENDOR.insert({ VENDORID: "V-OB", NAME: "O'Brien Concrete", STATUS: "active" });
    expect(await countVendors("NAME = 'O\\'Brien Concrete'")).toBe(1);
  });

  it("GLACCOUNT ACCOUNTTYPE filters by stored codes 'I'/'N' while responses show the display value", async () => {
    const res = await call(mock, [
      readByQueryXml("GLACCOUNT", "ACCOUNTTYPE = 'N'", { fields: "ACCOUNTNO,ACCOUNTTYPE" }),
    ]);
    const records = res.results[0]?.records ?? [];
    expect(records.map((r) => r.ACCOUNTNO)).toEqual(["1000", "1200", "1300", "2000", "2100"]);
    expect(records[0]?.ACCOUNTTYPE).toBe("balancesheet");
  });
});

describe("anything outside the subset fails DL02000001-style", () => {
  const failures = [
    "VENDORID <> 'V-1001'",
    "NOT VENDORID = 'V-1001'",
    "rownum < 5",
    "VENDORID = 'V-1001",
    "NOPE = 'x'",
    "WHENMODIFIED > '2025-01-06'",
    "WHENMODIFIED > '02/30/2025'",
    "VENDORID = 'V-1001';",
    "VENDORID =",
    "VENDORID = VENDORID",
    "VENDORID between 'V-1001' and 'V-1003'",
    "RECORDNO > 'abc'",
    "VENDORID in 'V-1001'",
    "STATUS IS 'T'",
    "VENDORID = 'V-1001' AND",
  ];
  for (const query of failures) {
    it(`"${query}" fails with DL02000001`, async () => {
      const res = await call(mock, [readByQueryXml("VENDOR", query, { fields: "VENDORID" })]);
      expect(res.results[0]?.status).toBe("failure");
      expect(res.results[0]?.errors[0]?.errorno).toBe("DL02000001");
    });
  }
});

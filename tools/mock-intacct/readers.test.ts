// Generic readers (docs/intacct/gateway.md §3 payloads, §7, §13.4).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, callOk, createPoXml, fn, readByQueryXml, SUB_LINE, type ResultView } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function attrs(result: ResultView | undefined): Record<string, string> {
  return result?.data?.attrs ?? {};
}

describe("readByQuery and readMore", () => {
  it("pages VENDOR to the last page: count/totalcount/numremaining/resultId, lowercase wrappers, UPPERCASE fields", async () => {
    const first = await callOk(mock, readByQueryXml("VENDOR", "", { fields: "VENDORID,NAME", pagesize: 10 }));
    expect(attrs(first)).toMatchObject({ listtype: "vendor", count: "10", totalcount: "27", numremaining: "17" });
    expect(first.data?.children[0]?.name).toBe("vendor");
    expect(first.records[0]).toEqual({ VENDORID: "V-1001", NAME: "Apex Concrete, Inc" });
    const resultId = attrs(first).resultId ?? "";
    expect(resultId).not.toBe("");

    const second = await callOk(mock, `<readMore><resultId>${resultId}</resultId></readMore>`);
    expect(attrs(second)).toMatchObject({ count: "10", totalcount: "27", numremaining: "7", resultId });
    // §7 (SDK-PHP QueryClientTest): the last page keeps its resultId.
    const last = await callOk(mock, `<readMore><resultId>${resultId}</resultId></readMore>`);
    expect(attrs(last)).toMatchObject({ count: "7", numremaining: "0", resultId });
    expect(last.records.at(-1)?.VENDORID).toBe("V-1027");

    // A fully read result set is gone: readMore on it fails as on an expired one.
    const after = await call(mock, [`<readMore><resultId>${resultId}</resultId></readMore>`]);
    expect(after.results[0]?.errors[0]).toEqual({
      errorno: "readMore failed",
      description: "",
      description2: `Attempt to readMore with an invalid or expired resultId: ${resultId}`,
      correction: "",
    });
  });

  it("a read that fits in one page has an empty resultId (no result set is kept)", async () => {
    const only = await callOk(mock, readByQueryXml("VENDOR", "VENDORID = 'V-1001'", { fields: "VENDORID" }));
    expect(attrs(only)).toMatchObject({ count: "1", numremaining: "0", resultId: "" });
  });

  it("readMore by <object> continues the caller's last readByQuery of that object", async () => {
    await callOk(mock, readByQueryXml("VENDOR", "", { fields: "VENDORID", pagesize: 20 }));
    const more = await callOk(mock, "<readMore><object>VENDOR</object></readMore>");
    expect(attrs(more)).toMatchObject({ count: "7", numremaining: "0" });
  });

  it("an unknown resultId fails with errorno 'readMore failed' (§7)", async () => {
    const res = await call(mock, ["<readMore><resultId>nope</resultId></readMore>"]);
    expect(res.results[0]).toMatchObject({ status: "failure", function: "readMore" });
    expect(res.results[0]?.errors[0]).toMatchObject({
      errorno: "readMore failed",
      description: "",
      description2: "Attempt to readMore with an invalid or expired resultId: nope",
    });
  });

  it("pagesize defaults to 100 and accepts 1 to 1000", async () => {
    const total = mock.state.companies.get("demo-construction")?.tables.COSTTYPE.rows.length ?? 0;
    expect(total).toBeGreaterThan(100);
    const page = await callOk(mock, readByQueryXml("COSTTYPE", "", { fields: "RECORDNO" }));
    expect(attrs(page)).toMatchObject({ count: "100", totalcount: String(total), numremaining: String(total - 100) });
    const max = await callOk(mock, readByQueryXml("COSTTYPE", "", { fields: "RECORDNO", pagesize: 1000 }));
    expect(attrs(max).count).toBe(String(total));
    for (const bad of [0, 1001]) {
      const res = await call(mock, [readByQueryXml("COSTTYPE", "", { pagesize: bad })]);
      expect(res.results[0]?.errors[0]?.errorno).toBe("DL02000001");
    }
  });

  it("fields default to every field of the object", async () => {
    const result = await callOk(
      mock,
      "<readByQuery><object>VENDOR</object><query>VENDORID = 'V-1003'</query></readByQuery>",
    );
    expect(Object.keys(result.records[0] ?? {})).toEqual(
      expect.arrayContaining(["RECORDNO", "VENDORID", "NAME", "STATUS", "TAXID", "WHENMODIFIED"]),
    );
    expect(result.records[0]).toMatchObject({
      NAME: "Summit Electrical Contractors",
      STATUS: "active",
      TAXID: "84-1234503",
    });
  });

  it("an unknown object fails with 'Query Failed' / Object definition X not found", async () => {
    const res = await call(mock, [readByQueryXml("VENDORZ", "")]);
    expect(res.results[0]?.errors[0]).toMatchObject({
      errorno: "Query Failed",
      description2: "Object definition VENDORZ not found",
    });
  });

  it("an unknown field in <fields> fails with DL02000001", async () => {
    const res = await call(mock, [readByQueryXml("VENDOR", "", { fields: "VENDORID,SHOESIZE" })]);
    expect(res.results[0]?.errors[0]?.errorno).toBe("DL02000001");
  });

  it("a missing <query> element fails (object and query are required; the query may be empty)", async () => {
    const res = await call(mock, ["<readByQuery><object>VENDOR</object><fields>*</fields></readByQuery>"]);
    expect(res.results[0]?.errors[0]?.errorno).toBe("DL02000001");
  });

  it("WHENMODIFIED > '…' finds only records changed after a point (incremental refresh)", async () => {
    const before = await callOk(mock, readByQueryXml("VENDOR", "WHENMODIFIED > '01/01/2026'", { fields: "VENDORID" }));
    expect(before.records).toHaveLength(0);
    const res = await fetch(`${mock.url}/__mock/records`, {
      method: "POST",
      body: JSON.stringify({ object: "VENDOR", record: { VENDORID: "V-1005", NAME: "Mile High Mechanical Inc." } }),
    });
    expect(res.status).toBe(200);
    const after = await callOk(
      mock,
      readByQueryXml("VENDOR", "WHENMODIFIED > '01/01/2026'", { fields: "VENDORID,NAME" }),
    );
    expect(after.records).toEqual([{ VENDORID: "V-1005", NAME: "Mile High Mechanical Inc." }]);
  });

  it("the standard task catalogue lacks the cost codes absent in Intacct and names some differently", async () => {
    const result = await callOk(
      mock,
      readByQueryXml("STANDARDTASK", "STANDARDTASKID in ('03-3000', '11-3100', '07-1000')", {
        fields: "STANDARDTASKID,NAME",
      }),
    );
    expect(result.records).toEqual([
      { STANDARDTASKID: "03-3000", NAME: "Cast-In-Place Concrete" },
      { STANDARDTASKID: "07-1000", NAME: "Dampproofing & Waterproofing" },
    ]);
  });
});

describe("read, readByName, readEntityDetails", () => {
  it("read takes RECORDNO keys; readByName takes natural keys", async () => {
    const byRecord = await callOk(
      mock,
      "<read><object>VENDOR</object><keys>1,2</keys><fields>VENDORID</fields></read>",
    );
    expect(byRecord.records).toEqual([{ VENDORID: "V-1001" }, { VENDORID: "V-1002" }]);
    // §3 (SDK-PHP ResultTest): UPPERCASE wrapper and listtype, count only.
    expect(byRecord.data?.attrs).toEqual({ listtype: "VENDOR", count: "2" });
    expect(byRecord.data?.children.map((c) => c.name)).toEqual(["VENDOR", "VENDOR"]);
    const byName = await callOk(
      mock,
      "<readByName><object>PROJECT</object><keys>P-1003</keys><fields>PROJECTID,LOCATIONID,NAME</fields></readByName>",
    );
    expect(byName.records).toEqual([
      { PROJECTID: "P-1003", LOCATIONID: "E200", NAME: "Boulder Elementary School Renovation" },
    ]);
  });

  it("readByName of PODOCUMENT by DOCID returns its entries with RECORDNO, LINE_NO from 0, PROJECTID, TASKID, COSTTYPEID, PRICE, TOTAL", async () => {
    const created = await callOk(
      mock,
      createPoXml({
        documentno: "C-100",
        lines: [SUB_LINE, { ...SUB_LINE, quantity: "2", price: "10.50", taskid: "03-1000", costtypeid: "MAT" }],
      }),
    );
    expect(created.key).toBe("Purchase Order-C-100");
    const result = await callOk(
      mock,
      "<readByName><object>PODOCUMENT</object><keys>Purchase Order-C-100</keys><fields>*</fields></readByName>",
    );
    const doc = result.data?.children[0];
    expect(doc?.name).toBe("PODOCUMENT");
    const entries = doc?.children.find((c) => c.name === "PODOCUMENTENTRIES")?.children ?? [];
    const lines = entries.map((e) => Object.fromEntries(e.children.map((c) => [c.name, c.text])));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      LINE_NO: "1",
      PROJECTID: "P-1001",
      TASKID: "03-1000",
      COSTTYPEID: "MAT",
      QUANTITY: "2",
      PRICE: "10.50",
      UIPRICE: "10.50",
      TOTAL: "21.00",
    });
    expect(Number(lines[0]?.RECORDNO)).toBeGreaterThan(0);
    expect(lines[0]?.LINE_NO).toBe("0");
  });

  it("readByQuery with docparid selects one transaction definition; PODOCUMENTENTRY is queryable by DOCHDRID", async () => {
    await callOk(mock, createPoXml({ documentno: "D-1", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-1", lines: [SUB_LINE] }));
    const pos = await callOk(
      mock,
      readByQueryXml("PODOCUMENT", "", { fields: "DOCID,STATE", docparid: "Purchase Order" }),
    );
    expect(pos.records).toEqual([{ DOCID: "Purchase Order-D-1", STATE: "Pending" }]);
    const invoices = await callOk(
      mock,
      readByQueryXml("PODOCUMENT", "", { fields: "DOCID,STATE", docparid: "Vendor Invoice" }),
    );
    expect(invoices.records).toEqual([{ DOCID: "Vendor Invoice-INV-1", STATE: "Submitted" }]);
    const lines = await callOk(
      mock,
      readByQueryXml("PODOCUMENTENTRY", "DOCHDRID = 'Vendor Invoice-INV-1'", { fields: "RECORDNO,LINE_NO,ITEMID" }),
    );
    expect(lines.records).toHaveLength(1);
  });

  it("readEntityDetails lists the entities", async () => {
    const result = await callOk(mock, "<readEntityDetails/>");
    expect(result.records.map((r) => [r.LOCATIONID, r.NAME])).toEqual([
      ["E100", "Denver Operations"],
      ["E200", "Boulder Operations"],
    ]);
  });

  it("PODOCUMENTPARAMS lists the three seeded definitions; Vendor Invoice has an approval policy", async () => {
    const result = await callOk(
      mock,
      readByQueryXml("PODOCUMENTPARAMS", "", { fields: "DOCID,DOCCLASS,ENABLEAPPROVAL" }),
    );
    expect(result.records).toEqual([
      { DOCID: "Purchase Order", DOCCLASS: "Order", ENABLEAPPROVAL: "false" },
      { DOCID: "PO Change Order", DOCCLASS: "Order", ENABLEAPPROVAL: "false" },
      { DOCID: "Vendor Invoice", DOCCLASS: "Invoice", ENABLEAPPROVAL: "true" },
    ]);
  });
});

describe("query (UPPERCASE wrappers, offset paging)", () => {
  const queryXml = (inner: string, pagesize?: number, offset?: number) =>
    `<query><object>VENDOR</object><select><field>VENDORID</field><field>NAME</field></select>${inner}` +
    `<orderby><order><field>VENDORID</field><ascending/></order></orderby>` +
    `${pagesize !== undefined ? `<pagesize>${pagesize}</pagesize>` : ""}${offset !== undefined ? `<offset>${offset}</offset>` : ""}</query>`;

  it("pages with offset to the last page, reporting totalcount/offset/count/numremaining and UPPERCASE wrappers", async () => {
    const first = await callOk(mock, queryXml("", 10, 0));
    expect(attrs(first)).toMatchObject({
      listtype: "VENDOR",
      totalcount: "27",
      offset: "0",
      count: "10",
      numremaining: "17",
    });
    expect(first.data?.children[0]?.name).toBe("VENDOR");
    expect(attrs(first).resultId).toBeUndefined();
    const last = await callOk(mock, queryXml("", 10, 20));
    expect(attrs(last)).toMatchObject({ offset: "20", count: "7", numremaining: "0" });
    expect(last.records.at(-1)?.VENDORID).toBe("V-1027");
  });

  it("pagesize accepts up to 2000 and rejects more", async () => {
    expect(attrs(await callOk(mock, queryXml("", 2000))).count).toBe("27");
    const res = await call(mock, [queryXml("", 2001)]);
    expect(res.results[0]?.errors[0]?.errorno).toBe("DL02000001");
  });

  it("filters with and/or/equalto/in/like and orders descending", async () => {
    const filter =
      "<filter><and><or><like><field>NAME</field><value>A%</value></like><in><field>VENDORID</field><value>V-1010</value><value>V-1011</value></in></or>" +
      "<equalto><field>STATUS</field><value>active</value></equalto></and></filter>";
    const result = await callOk(
      mock,
      `<query><object>VENDOR</object><select><field>VENDORID</field></select>${filter}<orderby><order><field>VENDORID</field><descending/></order></orderby></query>`,
    );
    expect(result.records.map((r) => r.VENDORID)).toEqual(["V-1025", "V-1013", "V-1011", "V-1010", "V-1001"]);
  });

  it("STATUS in query accepts 'T' as well as 'active'", async () => {
    const withCode = await callOk(
      mock,
      queryXml("<filter><equalto><field>STATUS</field><value>F</value></equalto></filter>"),
    );
    expect(withCode.records.map((r) => r.VENDORID)).toEqual(["V-1022"]);
  });

  it("caseinsensitive option affects comparisons", async () => {
    const result = await callOk(
      mock,
      `<query><object>VENDOR</object><select><field>VENDORID</field></select><filter><equalto><field>NAME</field><value>metro flooring inc</value></equalto></filter><options><caseinsensitive>true</caseinsensitive></options></query>`,
    );
    expect(result.records).toEqual([{ VENDORID: "V-1017" }]);
  });

  it("between, notin, isnull, greaterthan work on typed fields", async () => {
    const between = await callOk(
      mock,
      queryXml("<filter><between><field>RECORDNO</field><value>2</value><value>4</value></between></filter>"),
    );
    expect(between.records.map((r) => r.VENDORID)).toEqual(["V-1002", "V-1003", "V-1004"]);
    const isnull = await callOk(mock, queryXml("<filter><isnull><field>TAXID</field></isnull></filter>"));
    expect(isnull.records).toHaveLength(7);
    const later = await callOk(
      mock,
      queryXml(
        "<filter><greaterthan><field>WHENMODIFIED</field><value>01/06/2025 10:05:00</value></greaterthan></filter>",
      ),
    );
    expect(later.records.map((r) => r.VENDORID)).toEqual(["V-1027"]);
  });

  it("count aggregates come back as COUNT.FIELD", async () => {
    const result = await callOk(mock, "<query><object>VENDOR</object><select><count>RECORDNO</count></select></query>");
    expect(result.records).toEqual([{ "COUNT.RECORDNO": "27" }]);
  });

  const failures: [string, string][] = [
    ["no select", "<query><object>VENDOR</object></query>"],
    [
      "and with one child",
      "<query><object>VENDOR</object><select><field>VENDORID</field></select><filter><and><equalto><field>VENDORID</field><value>V-1001</value></equalto></and></filter></query>",
    ],
    [
      "unknown operator",
      "<query><object>VENDOR</object><select><field>VENDORID</field></select><filter><sortof><field>VENDORID</field><value>V</value></sortof></filter></query>",
    ],
    ["unknown field", "<query><object>VENDOR</object><select><field>NOPE</field></select></query>"],
    [
      "bad date",
      "<query><object>VENDOR</object><select><field>VENDORID</field></select><filter><greaterthan><field>WHENMODIFIED</field><value>yesterday</value></greaterthan></filter></query>",
    ],
    [
      "negative offset",
      "<query><object>VENDOR</object><select><field>VENDORID</field></select><offset>-1</offset></query>",
    ],
  ];
  for (const [name, xml] of failures) {
    it(`fails with DL02000001 on ${name}`, async () => {
      const res = await call(mock, [xml]);
      expect(res.results[0]?.status).toBe("failure");
      expect(res.results[0]?.errors[0]?.errorno).toBe("DL02000001");
    });
  }

  it("fails with 'Query Failed' on an unknown object", async () => {
    const res = await call(mock, ["<query><object>NOPE</object><select><field>X</field></select></query>"]);
    expect(res.results[0]?.errors[0]?.errorno).toBe("Query Failed");
  });

  it("several readers in one request each get their own result", async () => {
    const res = await call(mock, [
      fn("<readEntityDetails/>", "a"),
      fn(queryXml("", 1), "b"),
      fn(readByQueryXml("ITEM", "", { fields: "ITEMID" }), "c"),
    ]);
    expect(res.results.map((r) => [r.controlid, r.status])).toEqual([
      ["a", "success"],
      ["b", "success"],
      ["c", "success"],
    ]);
  });
});

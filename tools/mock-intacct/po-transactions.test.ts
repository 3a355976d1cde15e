// create_potransaction, approvals and conversions (docs/intacct/gateway.md §9, §13.5, §13.9).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import {
  call,
  callOk,
  createPoXml,
  openSession,
  readByQueryXml,
  SUB_LINE,
  type PoLine,
  type ResponseView,
} from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

function expectSchemaError(res: ResponseView, fragment: string | RegExp) {
  expect(res.controlStatus).toBe("failure");
  expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  expect(res.topErrors[0]?.description2).toMatch(fragment);
  expect(res.results).toHaveLength(0);
}

function expectBusinessError(res: ResponseView, description2: string | RegExp) {
  const result = res.results[0];
  expect(result?.status).toBe("failure");
  expect(result?.function).toBe("create_potransaction");
  expect(
    result?.errors.some(
      (e) =>
        e.errorno === "BL01001973" &&
        (typeof description2 === "string" ? e.description2 === description2 : description2.test(e.description2)),
    ),
  ).toBe(true);
  expect(mock.listDocuments()).toHaveLength(0);
}

async function createPo(
  lines: PoLine[],
  extra: Parameters<typeof createPoXml>[0] extends infer T ? Partial<T> : never = {},
) {
  return call(mock, [createPoXml({ lines, ...extra })]);
}

describe("create_potransaction: success", () => {
  it("returns <key> '<definition>-<docno>' and stores the document with its lines", async () => {
    const result = await callOk(
      mock,
      createPoXml({ documentno: "SC-2025-001", referenceno: "CONTRACT-1", lines: [SUB_LINE] }),
    );
    expect(result.key).toBe("Purchase Order-SC-2025-001");
    const [doc] = mock.listDocuments();
    expect(doc).toMatchObject({
      DOCID: "Purchase Order-SC-2025-001",
      DOCNO: "SC-2025-001",
      DOCPARID: "Purchase Order",
      STATE: "Pending",
      VENDORID: "V-1002",
      PONUMBER: "CONTRACT-1",
      TOTAL: "2500.00",
      WHENCREATED: "03/01/2025",
    });
    expect(doc?.entries[0]).toMatchObject({
      LINE_NO: "0",
      ITEMID: "SUBCONTRACT",
      PROJECTID: "P-1001",
      TASKID: "03-2000",
      COSTTYPEID: "SUB",
      LOCATIONID: "E100",
    });
  });

  it("a blank documentno auto-numbers per definition", async () => {
    const a = await callOk(mock, createPoXml({ lines: [SUB_LINE] }));
    const b = await callOk(mock, createPoXml({ documentno: "", lines: [SUB_LINE] }));
    expect([a.key, b.key]).toEqual(["Purchase Order-PO0001", "Purchase Order-PO0002"]);
  });

  it("an entity-level session defaults line locations to its entity", async () => {
    const { sessionId } = await openSession(mock, "E100");
    const { locationid: _omit, ...line } = SUB_LINE;
    await callOk(mock, createPoXml({ lines: [line] }), { sessionId });
    expect(mock.listDocuments()[0]).toMatchObject({
      MEGAENTITYID: "E100",
      entries: [expect.objectContaining({ LOCATIONID: "E100" })],
    });
  });

  it("a Purchase Order (no approval policy) is Pending; a Vendor Invoice (approval policy) is Submitted; Draft stays Draft", async () => {
    await callOk(mock, createPoXml({ documentno: "1", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-1", lines: [SUB_LINE] }));
    await callOk(
      mock,
      createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-2", state: "Draft", lines: [SUB_LINE] }),
    );
    expect(mock.listDocuments().map((d) => [d.DOCID, d.STATE])).toEqual([
      ["Purchase Order-1", "Pending"],
      ["Vendor Invoice-INV-1", "Submitted"],
      ["Vendor Invoice-INV-2", "Draft"],
    ]);
  });

  it("approve moves a Submitted PODOCUMENT to Approved; approving it again fails", async () => {
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-9", lines: [SUB_LINE] }));
    const approve =
      "<approve><PODOCUMENT><DOCID>Vendor Invoice-INV-9</DOCID><COMMENT>ok</COMMENT></PODOCUMENT></approve>";
    await callOk(mock, approve);
    expect(mock.listDocuments()[0]?.STATE).toBe("Approved");
    const again = await call(mock, [approve]);
    expect(again.results[0]?.errors[0]?.errorno).toBe("BL01001973");
  });

  it("decline moves a Submitted PODOCUMENT to Declined", async () => {
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-D", lines: [SUB_LINE] }));
    await callOk(mock, "<decline><PODOCUMENT><DOCID>Vendor Invoice-INV-D</DOCID></PODOCUMENT></decline>");
    expect(mock.listDocuments()[0]?.STATE).toBe("Declined");
  });

  it("a Vendor Invoice createdfrom a PO validates sourcelinekey and converts the PO", async () => {
    await callOk(mock, createPoXml({ documentno: "PO-1", lines: [SUB_LINE, { ...SUB_LINE, taskid: "03-1000" }] }));
    const [l1, l2] = mock.listDocuments()[0]?.entries ?? [];
    await callOk(
      mock,
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno: "INV-1",
        createdfrom: "Purchase Order-PO-1",
        lines: [{ ...SUB_LINE, sourcelinekey: l1?.RECORDNO }],
      }),
    );
    expect(mock.listDocuments().find((d) => d.DOCID === "Purchase Order-PO-1")?.STATE).toBe("Partially Converted");
    await callOk(
      mock,
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno: "INV-2",
        createdfrom: "Purchase Order-PO-1",
        lines: [{ ...SUB_LINE, taskid: "03-1000", sourcelinekey: l2?.RECORDNO }],
      }),
    );
    const docs = mock.listDocuments();
    expect(docs.find((d) => d.DOCID === "Purchase Order-PO-1")?.STATE).toBe("Converted");
    expect(docs.find((d) => d.DOCID === "Vendor Invoice-INV-2")).toMatchObject({
      CREATEDFROM: "Purchase Order-PO-1",
      STATE: "Submitted",
    });
  });

  it("a conversion takes part of a line's quantity; more than is left is refused, and a Converted PO converts no more", async () => {
    const dollars = (quantity: string) => ({ ...SUB_LINE, quantity, price: "1" });
    await callOk(mock, createPoXml({ documentno: "PO-Q", lines: [dollars("1000")] }));
    const poLine = mock.listDocuments()[0]?.entries[0]?.RECORDNO;
    const invoice = (documentno: string, quantity: string) =>
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno,
        createdfrom: "Purchase Order-PO-Q",
        lines: [{ ...dollars(quantity), sourcelinekey: poLine }],
      });
    await callOk(mock, invoice("Q-1", "400"));
    expect(mock.listDocuments().find((d) => d.DOCID === "Purchase Order-PO-Q")?.STATE).toBe("Partially Converted");
    const tooMuch = await call(mock, [invoice("Q-2", "700")]);
    expect(tooMuch.results[0]?.errors[0]?.description2).toBe(
      `Line 1: the quantity 700 exceeds the quantity 600 left to convert on source line ${poLine}.`,
    );
    await callOk(mock, invoice("Q-2", "600"));
    expect(mock.listDocuments().find((d) => d.DOCID === "Purchase Order-PO-Q")?.STATE).toBe("Converted");
    const again = await call(mock, [invoice("Q-3", "1")]);
    expect(again.results[0]?.errors.map((e) => e.description2)).toContain(
      "The source document 'Purchase Order-PO-Q' is Converted and cannot be converted.",
    );
  });

  it("what a change order adds to a PO line can be converted too", async () => {
    const dollars = (quantity: string) => ({ ...SUB_LINE, quantity, price: "1" });
    await callOk(mock, createPoXml({ documentno: "PO-C", lines: [dollars("1000")] }));
    const po = mock.listDocuments()[0];
    await callOk(
      mock,
      createPoXml({
        transactiontype: "PO Change Order",
        documentno: "PO-C-CO-1",
        lines: [{ ...dollars("500"), relateddockey: po?.RECORDNO, relateddoclinekey: po?.entries[0]?.RECORDNO }],
      }),
    );
    await callOk(
      mock,
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno: "C-1",
        createdfrom: "Purchase Order-PO-C",
        lines: [{ ...dollars("1500"), sourcelinekey: po?.entries[0]?.RECORDNO }],
      }),
    );
    expect(mock.listDocuments().find((d) => d.DOCID === "Purchase Order-PO-C")?.STATE).toBe("Converted");
  });

  it("PO Change Order lines reference the source PO and line by RECORDNO; the source's change log counts", async () => {
    await callOk(mock, createPoXml({ documentno: "PO-7", lines: [SUB_LINE] }));
    const po = mock.listDocuments()[0];
    const lines: PoLine[] = [
      { ...SUB_LINE, price: "500.00", relateddockey: po?.RECORDNO, relateddoclinekey: po?.entries[0]?.RECORDNO },
      { ...SUB_LINE, taskid: "03-1000", price: "250.00", relateddockey: po?.RECORDNO },
    ];
    const result = await callOk(mock, createPoXml({ transactiontype: "PO Change Order", documentno: "CO-1", lines }));
    expect(result.key).toBe("PO Change Order-CO-1");
    const docs = mock.listDocuments();
    expect(docs.find((d) => d.DOCID === "Purchase Order-PO-7")?.CHANGELOGNUMBER).toBe("1");
    expect(
      docs.find((d) => d.DOCID === "PO Change Order-CO-1")?.entries.map((e) => [e.RELATEDDOCKEY, e.RELATEDDOCLINEKEY]),
    ).toEqual([
      [po?.RECORDNO, po?.entries[0]?.RECORDNO],
      [po?.RECORDNO, ""],
    ]);
  });

  it("the SDK-style header with every optional element in order is accepted", async () => {
    const xml =
      "<create_potransaction><transactiontype>Purchase Order</transactiontype><datecreated><year>2025</year><month>3</month><day>1</day></datecreated>" +
      "<dateposted><year>2025</year><month>03</month><day>01</day></dateposted><vendorid>V-1003</vendorid><documentno>FULL-1</documentno>" +
      "<referenceno>R</referenceno><vendordocno>VD</vendordocno><termname>Net 30</termname><datedue><year>2025</year><month>03</month><day>31</day></datedue>" +
      "<message>m</message><shippingmethod>s</shippingmethod><returnto><contactname>Summit Electrical Contractors(V-1003)</contactname></returnto>" +
      "<payto><contactname/></payto><deliverto><contactname/></deliverto><supdocid>A</supdocid><externalid>EXT-1</externalid><basecurr>USD</basecurr>" +
      "<currency>USD</currency><exchratedate><year>2025</year><month>03</month><day>01</day></exchratedate><exchratetype>Intacct Daily Rate</exchratetype>" +
      "<customfields><customfield><customfieldname>X</customfieldname><customfieldvalue>Y</customfieldvalue></customfield></customfields>" +
      "<state>Pending</state><projectid>P-1001</projectid><potransitems><potransitem><itemid>SUBCONTRACT</itemid><itemdesc>d</itemdesc><quantity>1</quantity>" +
      "<unit>Each</unit><price>1</price><locationid>E100</locationid><departmentid>100</departmentid><memo>m</memo><projectid>P-1001</projectid>" +
      "<taskid>03-2000</taskid><costtypeid>SUB</costtypeid><billable>false</billable><retainagepercentage>10</retainagepercentage></potransitem></potransitems>" +
      "<subtotals><subtotal><description>x</description><total>1</total></subtotal></subtotals></create_potransaction>";
    const result = await callOk(mock, xml);
    expect(result.key).toBe("Purchase Order-FULL-1");
  });
});

describe("create_potransaction: element order and required elements (schema, control-level XL03000003)", () => {
  it("header order is enforced: vendorid before datecreated", async () => {
    const xml = createPoXml({ lines: [SUB_LINE] }).replace(
      /(<datecreated>.*?<\/datecreated>)(<vendorid>.*?<\/vendorid>)/,
      "$2$1",
    );
    expectSchemaError(await call(mock, [xml]), /Element 'vendorid': This element is not expected/);
  });

  it("header order is enforced: state after potransitems", async () => {
    const xml = createPoXml({ lines: [SUB_LINE] }).replace("</potransitems>", "</potransitems><state>Pending</state>");
    expectSchemaError(await call(mock, [xml]), /Element 'state'/);
  });

  it("line order is enforced: quantity before itemid, taskid before projectid", async () => {
    const swapped = createPoXml({ lines: [SUB_LINE] }).replace(
      "<itemid>SUBCONTRACT</itemid><quantity>1</quantity>",
      "<quantity>1</quantity><itemid>SUBCONTRACT</itemid>",
    );
    expectSchemaError(await call(mock, [swapped]), /Element 'quantity'/);
    const task = createPoXml({ lines: [SUB_LINE] }).replace(
      "<projectid>P-1001</projectid><taskid>03-2000</taskid>",
      "<taskid>03-2000</taskid><projectid>P-1001</projectid>",
    );
    expectSchemaError(await call(mock, [task]), /Element 'projectid'/);
  });

  it("at least one line is required", async () => {
    expectSchemaError(
      await createPo([]),
      /Element 'potransitems': Missing child element\(s\)\. Expected is \( potransitem \)/,
    );
  });

  it("itemid and quantity are required per line", async () => {
    const { itemid: _i, ...noItem } = SUB_LINE;
    expectSchemaError(await createPo([noItem]), /itemid/);
    const { quantity: _q, ...noQty } = SUB_LINE;
    expectSchemaError(await createPo([noQty]), /quantity/);
  });

  it("returnto and payto are required", async () => {
    const xml = createPoXml({ lines: [SUB_LINE] }).replace("<returnto><contactname/></returnto>", "");
    expectSchemaError(await call(mock, [xml]), /returnto/);
  });

  it("datecreated needs year, month and day", async () => {
    const xml = createPoXml({ lines: [SUB_LINE] }).replace("<day>01</day>", "");
    expectSchemaError(
      await call(mock, [xml]),
      /Element 'datecreated': Missing child element\(s\)\. Expected is \( day \)/,
    );
  });

  it("state must be Draft, Pending or Closed", async () => {
    expectSchemaError(await createPo([SUB_LINE], { state: "Submitted" }), /enumeration/);
  });

  it("unknown elements are rejected", async () => {
    const xml = createPoXml({ lines: [SUB_LINE] }).replace(
      "<quantity>1</quantity>",
      "<quantity>1</quantity><glaccountno>5000</glaccountno>",
    );
    expectSchemaError(await call(mock, [xml]), /glaccountno/);
  });
});

describe("create_potransaction: references and values (BL01001973, function-level)", () => {
  it("an unknown vendor: Invalid Vendor 'X' specified.", async () => {
    expectBusinessError(await createPo([SUB_LINE], { vendorid: "V-9999" }), "Invalid Vendor 'V-9999' specified.");
  });

  it("an inactive vendor is refused", async () => {
    expectBusinessError(await createPo([SUB_LINE], { vendorid: "V-1022" }), "Invalid Vendor 'V-1022' specified.");
  });

  it("an unknown transaction definition is refused", async () => {
    expectBusinessError(
      await createPo([SUB_LINE], { transactiontype: "Subcontract" }),
      "Invalid Transaction Definition 'Subcontract' specified.",
    );
  });

  const invalidLines: [string, PoLine, string][] = [
    ["item", { ...SUB_LINE, itemid: "NOPE" }, "Invalid Item 'NOPE' specified."],
    ["inactive item", { ...SUB_LINE, itemid: "MISC-OLD" }, "Invalid Item 'MISC-OLD' specified."],
    ["location", { ...SUB_LINE, locationid: "E900" }, "Invalid Location 'E900' specified."],
    ["department", { ...SUB_LINE, departmentid: "999" }, "Invalid Department '999' specified."],
    ["project", { ...SUB_LINE, projectid: "P-9999" }, "Invalid Project 'P-9999' specified."],
    [
      "task not on the project (exists in the catalogue)",
      { ...SUB_LINE, taskid: "03-3000" },
      "Invalid Task '03-3000' specified.",
    ],
    ["task absent from Intacct", { ...SUB_LINE, taskid: "11-3100" }, "Invalid Task '11-3100' specified."],
    [
      "cost type not on the task",
      { ...SUB_LINE, taskid: "01-5000", costtypeid: "MAT" },
      "Invalid Cost Type 'MAT' specified.",
    ],
    ["quantity", { ...SUB_LINE, quantity: "lots" }, "Line 1: Invalid quantity 'lots'."],
  ];
  for (const [name, line, message] of invalidLines) {
    it(`an invalid ${name} is refused: ${message}`, async () => {
      expectBusinessError(await createPo([line]), message);
    });
  }

  it("taskid needs projectid", async () => {
    const { projectid: _p, costtypeid: _c, ...line } = SUB_LINE;
    expectBusinessError(await createPo([line]), /requires a project/);
  });

  it("costtypeid needs taskid", async () => {
    const { taskid: _t, ...line } = SUB_LINE;
    expectBusinessError(await createPo([line]), /requires a project and a task/);
  });

  it("a top-level session must give each line a location", async () => {
    const { locationid: _l, ...line } = SUB_LINE;
    expectBusinessError(await createPo([line]), /Location is required/);
  });

  it("an entity session cannot post to another entity's project", async () => {
    const { sessionId } = await openSession(mock, "E200");
    const res = await call(mock, [createPoXml({ lines: [{ ...SUB_LINE, locationid: undefined }] })], { sessionId });
    expectBusinessError(res, "Invalid Project 'P-1001' specified.");
  });

  it("an impossible date is refused", async () => {
    expectBusinessError(await createPo([SUB_LINE], { date: ["2025", "02", "30"] }), /Invalid Date Created/);
  });

  it("several problems are reported together, ending with 'Could not create Document record!'", async () => {
    const res = await createPo([{ ...SUB_LINE, itemid: "NOPE", projectid: "P-0" }], { vendorid: "V-0" });
    const messages = res.results[0]?.errors.map((e) => e.description2);
    expect(messages).toEqual([
      "Invalid Vendor 'V-0' specified.",
      "Invalid Item 'NOPE' specified.",
      "Invalid Project 'P-0' specified.",
      "Could not create Document record!",
    ]);
  });

  it("a duplicate document number fails with BL34000061 and leaves the first document alone", async () => {
    await callOk(mock, createPoXml({ documentno: "DUP-1", lines: [SUB_LINE] }));
    const res = await createPo([SUB_LINE], { documentno: "DUP-1" });
    expect(res.results[0]?.errors[0]).toMatchObject({
      errorno: "BL34000061",
      description2: "Another Purchase Order with the given value(s) DUP-1 already exists",
    });
    expect(mock.listDocuments()).toHaveLength(1);
  });

  it("the same document number under another definition is fine", async () => {
    await callOk(mock, createPoXml({ documentno: "N-1", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "N-1", lines: [SUB_LINE] }));
    expect(mock.listDocuments()).toHaveLength(2);
  });

  it("createdfrom must name an existing document of a definition the target converts from", async () => {
    expectBusinessError(
      await createPo([SUB_LINE], { transactiontype: "Vendor Invoice", createdfrom: "Purchase Order-NOPE" }),
      "Invalid Created From document 'Purchase Order-NOPE' specified.",
    );
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "I-1", lines: [SUB_LINE] }));
    const res = await createPo([SUB_LINE], { createdfrom: "Vendor Invoice-I-1" });
    expect(res.results[0]?.errors[0]?.description2).toBe(
      "A 'Purchase Order' cannot be created from a 'Vendor Invoice'.",
    );
  });

  it("a sourcelinekey must belong to the createdfrom document", async () => {
    await callOk(mock, createPoXml({ documentno: "A", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ documentno: "B", lines: [SUB_LINE] }));
    const lineOfB = mock.listDocuments()[1]?.entries[0]?.RECORDNO ?? "";
    const res = await call(mock, [
      createPoXml({
        transactiontype: "Vendor Invoice",
        createdfrom: "Purchase Order-A",
        lines: [{ ...SUB_LINE, sourcelinekey: lineOfB }],
      }),
    ]);
    expect(res.results[0]?.errors[0]?.description2).toBe(`Invalid Source Line '${lineOfB}' specified.`);
  });

  it("change order lines need relateddockey, and relateddoclinekey must be a line of that document", async () => {
    await callOk(mock, createPoXml({ documentno: "S-1", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ documentno: "S-2", lines: [SUB_LINE] }));
    const [s1, s2] = mock.listDocuments();
    const missing = await call(mock, [createPoXml({ transactiontype: "PO Change Order", lines: [SUB_LINE] })]);
    expect(missing.results[0]?.errors[0]?.description2).toMatch(/relateddockey is required/);
    const wrongLine = await call(mock, [
      createPoXml({
        transactiontype: "PO Change Order",
        lines: [{ ...SUB_LINE, relateddockey: s1?.RECORDNO, relateddoclinekey: s2?.entries[0]?.RECORDNO }],
      }),
    ]);
    expect(wrongLine.results[0]?.errors[0]?.description2).toBe(
      `Invalid Related Document Line '${s2?.entries[0]?.RECORDNO}' specified.`,
    );
    const notSource = await call(mock, [
      createPoXml({ transactiontype: "PO Change Order", lines: [{ ...SUB_LINE, relateddockey: "999" }] }),
    ]);
    expect(notSource.results[0]?.errors[0]?.description2).toBe("Invalid Related Document '999' specified.");
    const onPo = await call(mock, [createPoXml({ lines: [{ ...SUB_LINE, relateddockey: s1?.RECORDNO }] })]);
    expect(onPo.results[0]?.errors[0]?.description2).toMatch(/only valid on a change order definition/);
  });
});

describe("transaction definitions are data", () => {
  it("a renamed definition answers to its new name only; a removed one is gone", async () => {
    const rename = await fetch(`${mock.url}/__mock/definitions`, {
      method: "POST",
      body: JSON.stringify({ rename: { from: "Purchase Order", to: "Subcontract" } }),
    });
    expect(rename.status).toBe(200);
    expect((await createPo([SUB_LINE])).results[0]?.errors[0]?.description2).toBe(
      "Invalid Transaction Definition 'Purchase Order' specified.",
    );
    expect(
      (await callOk(mock, createPoXml({ transactiontype: "Subcontract", documentno: "S1", lines: [SUB_LINE] }))).key,
    ).toBe("Subcontract-S1");

    await fetch(`${mock.url}/__mock/definitions`, {
      method: "POST",
      body: JSON.stringify({ remove: "Vendor Invoice" }),
    });
    const params = await callOk(mock, readByQueryXml("PODOCUMENTPARAMS", "", { fields: "DOCID" }));
    expect(params.records.map((r) => r.DOCID)).toEqual(["Subcontract", "PO Change Order"]);
    expect((await createPo([SUB_LINE], { transactiontype: "Vendor Invoice" })).results[0]?.status).toBe("failure");
  });

  it("turning the approval policy off makes new vendor invoices Pending", async () => {
    await fetch(`${mock.url}/__mock/definitions`, {
      method: "POST",
      body: JSON.stringify({ upsert: { DOCID: "Vendor Invoice", ENABLEAPPROVAL: false } }),
    });
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "X", lines: [SUB_LINE] }));
    expect(mock.listDocuments()[0]?.STATE).toBe("Pending");
  });
});

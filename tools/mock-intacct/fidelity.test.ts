// What the official SDKs' tests, the XSD and Sage's docs show about Intacct's replies and refusals (docs/intacct/gateway.md §3, §4, §7),
// held against the mock over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import {
  call,
  callOk,
  createPoXml,
  fn,
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

const COMPANY = "DEMO-CONSTRUCTION";
const dollars = (quantity: string): PoLine => ({ ...SUB_LINE, quantity, price: "1" });
const documentById = (docId: string) => mock.listDocuments().find((doc) => doc.DOCID === docId);

function expectSchemaError(res: ResponseView, fragment: RegExp) {
  expect(res.controlStatus).toBe("failure");
  expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  expect(res.topErrors[0]?.description2).toMatch(fragment);
  expect(mock.listDocuments()).toHaveLength(0);
}

async function upsertVendor(record: Record<string, string>): Promise<void> {
  const response = await fetch(`${mock.url}/__mock/records`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ companyId: COMPANY, object: "VENDOR", record }),
  });
  expect(response.ok).toBe(true);
}

describe("text as Intacct writes it", () => {
  it("writes an apostrophe as &#039; in error texts and record fields", async () => {
    await upsertVendor({ VENDORID: "V-OB", NAME: "O'Brien & Sons <Concrete>", STATUS: "active" });
    const refused = await call(mock, [createPoXml({ vendorid: "NO'PE", lines: [SUB_LINE] })]);
    expect(refused.text).toContain("Invalid Vendor &#039;NO&#039;PE&#039; specified.");
    expect(refused.text).not.toContain("&apos;");
    const read = await call(mock, [readByQueryXml("VENDOR", "VENDORID = 'V-OB'", { fields: "VENDORID,NAME" })]);
    expect(read.text).toContain("<NAME>O&#039;Brien &amp; Sons &lt;Concrete&gt;</NAME>");
    // Read back through an XML parser, the name is what was stored.
    expect(read.results[0]?.records[0]?.NAME).toBe("O'Brien & Sons <Concrete>");
  });

  it("writes empty fields as <x></x>", async () => {
    const refused = await call(mock, [createPoXml({ vendorid: "NOPE", lines: [SUB_LINE] })]);
    expect(refused.text).toContain("<description></description>");
    expect(refused.text).not.toMatch(/<description\/>/);
  });

  it("reports DL02000001 with description 'Error' and the text in description2", async () => {
    const res = await call(mock, [readByQueryXml("VENDOR", "BOGUS = 'x'")]);
    expect(res.results[0]?.errors[0]).toMatchObject({
      errorno: "DL02000001",
      description: "Error",
      description2: "There was an error processing the request.",
    });
  });

  it("reports a duplicate document number as BL34000061 followed by BL01001973 'Could not create … record!'", async () => {
    await callOk(mock, createPoXml({ documentno: "DUP-1", lines: [SUB_LINE] }));
    const again = await call(mock, [createPoXml({ documentno: "DUP-1", lines: [SUB_LINE] })]);
    expect(again.results[0]?.errors.map((e) => [e.errorno, e.description2])).toEqual([
      ["BL34000061", "Another Purchase Order with the given value(s) DUP-1 already exists"],
      ["BL01001973", "Could not create Purchase Order record!"],
    ]);
  });
});

describe("create_potransaction: datedue and currency (schema, control-level XL03000003)", () => {
  it("refuses a create with neither datedue nor termname", async () => {
    expectSchemaError(
      await call(mock, [createPoXml({ datedue: null, lines: [SUB_LINE] })]),
      /Expected is one of \( termname, datedue \)/,
    );
  });

  it("accepts termname without datedue (Sage's table), and datedue alone", async () => {
    await callOk(mock, createPoXml({ documentno: "T-1", datedue: null, termname: "Net 30", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ documentno: "T-2", datedue: ["2025", "04", "30"], lines: [SUB_LINE] }));
    expect(documentById("Purchase Order-T-2")?.WHENDUE).toBe("04/30/2025");
  });

  it.each([
    ["a currency without a rate", "<currency>USD</currency>", /Expected is one of \( exchratedate, exchratetype/],
    [
      "both a rate type and a rate",
      "<currency>USD</currency><exchratetype>Intacct Daily Rate</exchratetype><exchrate>1</exchrate>",
      /'exchrate': This element is not expected/,
    ],
    [
      "a rate date without a rate type",
      "<currency>USD</currency><exchratedate><year>2025</year><month>03</month><day>01</day></exchratedate><exchrate>1</exchrate>",
      /Expected is \( exchratetype \)/,
    ],
    ["a rate without a currency", "<exchrate>1</exchrate>", /Expected is \( currency \)/],
  ])("refuses %s", async (_label, currencyXml, fragment) => {
    expectSchemaError(await call(mock, [createPoXml({ currencyXml, lines: [SUB_LINE] })]), fragment);
  });

  it("accepts a currency with a rate type (optionally dated) or with a rate", async () => {
    for (const [documentno, currencyXml] of [
      ["C-1", "<currency>USD</currency><exchratetype>Intacct Daily Rate</exchratetype>"],
      [
        "C-2",
        "<currency>USD</currency><exchratedate><year>2025</year><month>03</month><day>01</day></exchratedate><exchratetype>Intacct Daily Rate</exchratetype>",
      ],
      ["C-3", "<basecurr>USD</basecurr><currency>USD</currency><exchrate>1</exchrate>"],
    ] as const)
      await callOk(mock, createPoXml({ documentno, currencyXml, lines: [SUB_LINE] }));
    expect(mock.listDocuments()).toHaveLength(3);
  });
});

describe("replay answers (uniqueid=true; undocumented, so switchable per company)", () => {
  const write = () => fn(createPoXml({ documentno: "R-1", lines: [SUB_LINE] }), "replay-1");

  it.each([
    ["control-id", "failure", "BL01001973", /control ID 'replay-1' has already been processed/],
    ["other-errorno", "failure", "XL03000011", /control ID 'replay-1' has already been processed/],
    ["other-wording", "failure", "BL01001973", /^There was an error processing the request\.$/],
    ["success-no-data", "success", undefined, undefined],
  ] as const)("%s: the replay runs nothing", async (replayAnswer, status, errorno, text) => {
    mock.setFaults({ company: COMPANY, replayAnswer });
    await call(mock, [write()], { uniqueId: true });
    const replay = await call(mock, [write()], { uniqueId: true });
    const result = replay.results[0];
    expect(result?.status).toBe(status);
    if (errorno) {
      expect(result?.errors[0]?.errorno).toBe(errorno);
      expect(result?.errors[0]?.description2).toMatch(text as RegExp);
      if (replayAnswer === "other-wording") expect(result?.errors[0]?.description).toBe("Error");
    } else {
      expect(result?.key).toBeUndefined();
      expect(result?.data).toBeUndefined();
      expect(result?.errors).toEqual([]);
    }
    expect(mock.listDocuments().filter((doc) => doc.DOCNO === "R-1")).toHaveLength(1);
  });

  it("the switch is per company: another company keeps the default answer", async () => {
    mock.setFaults({ company: "OTHER-COMPANY", replayAnswer: "success-no-data" });
    await call(mock, [write()], { uniqueId: true });
    const replay = await call(mock, [write()], { uniqueId: true });
    expect(replay.results[0]?.status).toBe("failure");
  });
});

describe("vendor invoices converted from PO Change Order lines (§9 conversion)", () => {
  /** A PO with one line of 1000, and a change order that adds a line of 300 and raises the PO line by 200. */
  async function poWithChangeOrder() {
    await callOk(mock, createPoXml({ documentno: "PO-1", lines: [dollars("1000")] }));
    const po = documentById("Purchase Order-PO-1");
    const poLine = po?.entries[0]?.RECORDNO ?? "";
    await callOk(
      mock,
      createPoXml({
        transactiontype: "PO Change Order",
        documentno: "PO-1-CO-1",
        lines: [
          { ...dollars("300"), taskid: "03-1000", costtypeid: "MAT", relateddockey: po?.RECORDNO },
          { ...dollars("200"), relateddockey: po?.RECORDNO, relateddoclinekey: poLine },
        ],
      }),
    );
    const co = documentById("PO Change Order-PO-1-CO-1");
    return { poLine, addedLine: co?.entries[0]?.RECORDNO ?? "", changeLine: co?.entries[1]?.RECORDNO ?? "" };
  }
  const invoice = (documentno: string, lines: PoLine[], createdfrom?: string) =>
    createPoXml({ transactiontype: "Vendor Invoice", documentno, createdfrom, lines });

  it("one source: createdfrom the change order and sourcelinekey its line; quantities left per line", async () => {
    const { addedLine } = await poWithChangeOrder();
    const added = { ...dollars("100"), taskid: "03-1000", costtypeid: "MAT", sourcelinekey: addedLine };
    await callOk(mock, invoice("I-1", [added], "PO Change Order-PO-1-CO-1"));
    expect(documentById("PO Change Order-PO-1-CO-1")?.STATE).toBe("Partially Converted");
    const over = await call(mock, [invoice("I-2", [{ ...added, quantity: "250" }], "PO Change Order-PO-1-CO-1")]);
    expect(over.results[0]?.errors[0]?.description2).toBe(
      `Line 1: the quantity 250 exceeds the quantity 200 left to convert on source line ${addedLine}.`,
    );
    await callOk(mock, invoice("I-2", [{ ...added, quantity: "200" }], "PO Change Order-PO-1-CO-1"));
    expect(documentById("PO Change Order-PO-1-CO-1")?.STATE).toBe("Converted");
  });

  it("several sources: sourcedocid and sourcedoclineid on each line, PO and change order together", async () => {
    const { poLine, addedLine } = await poWithChangeOrder();
    const lines = [
      { ...dollars("1200"), sourcedocid: "Purchase Order-PO-1", sourcedoclineid: poLine },
      {
        ...dollars("300"),
        taskid: "03-1000",
        costtypeid: "MAT",
        sourcedocid: "PO Change Order-PO-1-CO-1",
        sourcedoclineid: addedLine,
      },
    ];
    const result = await callOk(mock, invoice("I-M", lines));
    expect(result.key).toBe("Vendor Invoice-I-M");
    // The PO line had 1000 + the change order's 200; the added line 300: all of it is billed.
    expect(documentById("Purchase Order-PO-1")?.STATE).toBe("Converted");
    expect(documentById("PO Change Order-PO-1-CO-1")?.STATE).toBe("Converted");
    expect(documentById("Vendor Invoice-I-M")?.entries.map((e) => [e.SOURCEDOCID, e.SOURCEDOCLINEID])).toEqual([
      ["Purchase Order-PO-1", poLine],
      ["PO Change Order-PO-1-CO-1", addedLine],
    ]);
  });

  it("refuses more than is left on a source line across sources", async () => {
    const { addedLine } = await poWithChangeOrder();
    const line = (quantity: string) => ({
      ...dollars(quantity),
      taskid: "03-1000",
      costtypeid: "MAT",
      sourcedocid: "PO Change Order-PO-1-CO-1",
      sourcedoclineid: addedLine,
    });
    const res = await call(mock, [invoice("I-X", [line("200"), line("101")])]);
    expect(res.results[0]?.errors[0]?.description2).toBe(
      `Line 2: the quantity 101 exceeds the quantity 300 left to convert on source line ${addedLine}.`,
    );
    expect(documentById("Vendor Invoice-I-X")).toBeUndefined();
  });

  it("refuses a line of another document, half a pair, a mix with createdfrom, and a change to a PO line as source", async () => {
    const { poLine, changeLine } = await poWithChangeOrder();
    const wrongDoc = await call(mock, [
      invoice("I-W", [{ ...dollars("1"), sourcedocid: "PO Change Order-PO-1-CO-1", sourcedoclineid: poLine }]),
    ]);
    expect(wrongDoc.results[0]?.errors[0]?.description2).toBe(`Invalid Source Document Line '${poLine}' specified.`);
    const half = await call(mock, [invoice("I-H", [{ ...dollars("1"), sourcedocid: "Purchase Order-PO-1" }])]);
    expect(half.results[0]?.errors[0]?.description2).toMatch(/sourcedocid and sourcedoclineid go together/);
    const mixed = await call(mock, [
      invoice(
        "I-MX",
        [{ ...dollars("1"), sourcedocid: "Purchase Order-PO-1", sourcedoclineid: poLine }],
        "Purchase Order-PO-1",
      ),
    ]);
    expect(mixed.results[0]?.errors[0]?.description2).toMatch(/with createdfrom, use sourcelinekey/);
    const change = await call(mock, [
      invoice("I-C", [{ ...dollars("1"), sourcedocid: "PO Change Order-PO-1-CO-1", sourcedoclineid: changeLine }]),
    ]);
    expect(change.results[0]?.errors[0]?.description2).toBe(
      `Line 1: source line ${changeLine} changes line ${poLine} of its source document; convert that line instead.`,
    );
    expect(mock.listDocuments().filter((doc) => doc.DOCPARID === "Vendor Invoice")).toHaveLength(0);
  });
});

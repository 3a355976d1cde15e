// The accountant endpoints (POST /__mock/accountant) and what a client reads back afterwards: PODOCUMENT STATE and
// WHENMODIFIED, the APBILL behind PRRECORDKEY, APPYMT, AUDITHISTORY (docs/intacct/gateway.md §9, §15).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, callOk, createPoXml, readByQueryXml, SUB_LINE } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

type Json = Record<string, unknown> & {
  error?: string;
  document?: (Record<string, string> & { entries: Record<string, string>[] }) | null;
  bill?: Record<string, string> | null;
  previousBill?: Record<string, string>;
  payment?: Record<string, string> & { details: Record<string, string>[] };
  audit?: Record<string, string>[];
};

async function accountant(body: Record<string, unknown>): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${mock.url}/__mock/accountant`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

async function accountantOk(body: Record<string, unknown>): Promise<Json> {
  const { status, json } = await accountant(body);
  if (status !== 200) throw new Error(`expected 200, got ${status}: ${JSON.stringify(json)}`);
  expect(json.ok).toBe(true);
  return json;
}

const OLD = "01/01/2025 00:00:00";

/** Pushes every record's WHENMODIFIED back to OLD, so a filter `> OLD` finds exactly what changes next. */
function ageEverything(): void {
  for (const company of mock.state.companies.values())
    for (const name of [
      "PODOCUMENT",
      "PODOCUMENTENTRY",
      "APBILL",
      "APPYMT",
      "PJESTIMATE",
      "PJESTIMATEENTRY",
    ] as const) {
      for (const row of company.tables[name].rows) row.WHENMODIFIED = OLD;
      company.tables[name].touch();
    }
}

async function createInvoice(documentno = "INV-1001", lines = [SUB_LINE, { ...SUB_LINE, price: "500.00" }]) {
  const result = await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno, lines }));
  return result.key ?? "";
}

async function readOne(object: string, keys: string, fields = "*") {
  const result = await callOk(
    mock,
    `<read><object>${object}</object><keys>${keys}</keys><fields>${fields}</fields></read>`,
  );
  return result.records;
}

async function readByName(object: string, keys: string) {
  return (
    await callOk(mock, `<readByName><object>${object}</object><keys>${keys}</keys><fields>*</fields></readByName>`)
  ).records;
}

function queryXml(object: string, fields: string[], filter = "", extra = ""): string {
  return `<query><object>${object}</object><select>${fields.map((f) => `<field>${f}</field>`).join("")}</select>${
    filter ? `<filter>${filter}</filter>` : ""
  }${extra}</query>`;
}

describe("approve / decline", () => {
  it("approve moves a Submitted vendor invoice to Approved, stamps WHENMODIFIED and posts its AP bill", async () => {
    const docId = await createInvoice();
    const [created] = await readByName("PODOCUMENT", docId);
    expect(created).toMatchObject({ STATE: "Submitted", PRRECORDKEY: "" });
    ageEverything();

    const json = await accountantOk({ action: "approve", docid: docId });
    expect(json.document).toMatchObject({ DOCID: docId, STATE: "Approved" });
    expect(json.document?.WHENMODIFIED).not.toBe(OLD);
    expect(json.bill).toMatchObject({
      STATE: "Posted",
      TOTALENTERED: "3000.00",
      TOTALPAID: "0.00",
      TOTALDUE: "3000.00",
    });
    expect(json.document?.PRRECORDKEY).toBe(json.bill?.RECORDNO);
    expect(json.audit?.map((a) => [a.OBJECTTYPE, a.ACCESSMODE])).toEqual([
      ["podocument", "Modified"],
      ["apbill", "Created"],
    ]);

    // What a client reads back: the document's state and the bill behind PRRECORDKEY.
    const [doc] = await readByName("PODOCUMENT", docId);
    expect(doc?.STATE).toBe("Approved");
    const [bill] = await readOne("APBILL", doc?.PRRECORDKEY ?? "");
    expect(bill).toMatchObject({
      RECORDNO: doc?.PRRECORDKEY,
      VENDORID: "V-1002",
      STATE: "Posted",
      TOTALDUE: "3000.00",
    });
    // Bills number apart from documents, so a client cannot mix the two keys up and still pass.
    expect(Number(bill?.RECORDNO)).toBeGreaterThan(9000);
  });

  it("decline (with a comment) moves it to Declined and posts nothing; a second decision is refused", async () => {
    const docId = await createInvoice();
    const json = await accountantOk({ action: "decline", docid: docId, comment: "Wrong cost code" });
    expect(json.document).toMatchObject({ STATE: "Declined", PRRECORDKEY: "" });
    expect(json.comment).toBe("Wrong cost code");
    expect(json.bill).toBeNull();
    const again = await accountant({ action: "approve", docid: docId });
    expect(again.status).toBe(400);
    expect(again.json.error).toMatch(/not awaiting approval; its state is Declined/);
    const pay = await accountant({ action: "pay", docid: docId, amount: "1.00" });
    expect(pay.status).toBe(400);
    expect(pay.json.error).toMatch(/no AP bill/);
  });

  it("the gateway's approve function follows the same rule: the approved invoice gets its bill", async () => {
    const docId = await createInvoice();
    await callOk(mock, `<approve><PODOCUMENT><DOCID>${docId}</DOCID><COMMENT>ok</COMMENT></PODOCUMENT></approve>`);
    const [doc] = await readByName("PODOCUMENT", docId);
    expect(doc?.STATE).toBe("Approved");
    const [bill] = await readOne("APBILL", doc?.PRRECORDKEY ?? "");
    expect(bill?.TOTALENTERED).toBe("3000.00");
  });

  it("a purchase order has no AP bill to post", async () => {
    await callOk(mock, createPoXml({ documentno: "SC-1", lines: [SUB_LINE] }));
    const post = await accountant({ action: "post", docid: "Purchase Order-SC-1" });
    expect(post.status).toBe(400);
    expect(post.json.error).toMatch(/only a transaction definition of the Invoice class creates an AP bill/);
  });
});

describe("post", () => {
  it("refuses a Submitted invoice, returns the existing bill of an approved one", async () => {
    const docId = await createInvoice();
    const early = await accountant({ action: "post", docid: docId });
    expect(early.status).toBe(400);
    expect(early.json.error).toMatch(/Submitted and cannot post; approve it first/);
    const approved = await accountantOk({ action: "approve", docid: docId });
    const posted = await accountantOk({ action: "post", docid: docId });
    expect(posted.bill?.RECORDNO).toBe(approved.bill?.RECORDNO);
    expect(mock.state.companies.get("demo-construction")?.tables.APBILL.rows).toHaveLength(1);
  });

  it("an invoice definition without an approval policy posts its bill when the document is created", async () => {
    await fetch(`${mock.url}/__mock/definitions`, {
      method: "POST",
      body: JSON.stringify({ upsert: { DOCID: "Vendor Invoice", ENABLEAPPROVAL: "false" } }),
    });
    const docId = await createInvoice("INV-NA");
    const [doc] = await readByName("PODOCUMENT", docId);
    expect(doc?.STATE).toBe("Pending");
    const [bill] = await readOne("APBILL", doc?.PRRECORDKEY ?? "");
    expect(bill).toMatchObject({ STATE: "Posted", TOTALDUE: "3000.00", RECORDID: "INV-NA" });
  });

  it("a draft invoice does not post", async () => {
    await callOk(
      mock,
      createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-D", state: "Draft", lines: [SUB_LINE] }),
    );
    const post = await accountant({ action: "post", docid: "Vendor Invoice-INV-D" });
    expect(post.status).toBe(400);
    expect(post.json.error).toMatch(/is Draft and cannot post/);
  });
});

describe("pay", () => {
  it("a partial payment makes the bill Partially Paid, the rest makes it Paid; more than due is refused", async () => {
    const docId = await createInvoice();
    const { bill: posted } = await accountantOk({ action: "approve", docid: docId });
    ageEverything();

    const first = await accountantOk({ action: "pay", docid: docId, amount: "1000", date: "11/15/2026" });
    expect(first.bill).toMatchObject({
      RECORDNO: posted?.RECORDNO,
      STATE: "Partially Paid",
      TOTALPAID: "1000.00",
      TOTALDUE: "2000.00",
      WHENPAID: "11/15/2026",
    });
    expect(first.payment).toMatchObject({ TOTALPAID: "1000.00", PAYMENTDATE: "11/15/2026", VENDORID: "V-1002" });
    expect(first.payment?.details[0]).toMatchObject({ RECORDKEY: posted?.RECORDNO, PAYMENTAMOUNT: "1000.00" });

    const tooMuch = await accountant({ action: "pay", docid: docId, amount: "2000.01" });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.error).toBe(`The payment 2000.01 is more than the 2000.00 due on bill ${posted?.RECORDNO}.`);

    const rest = await accountantOk({ action: "pay", docid: docId, amount: "2000.00", date: "12/01/2026" });
    expect(rest.bill).toMatchObject({ STATE: "Paid", TOTALPAID: "3000.00", TOTALDUE: "0.00", WHENPAID: "12/01/2026" });
    const [bill] = await readOne("APBILL", posted?.RECORDNO ?? "");
    expect(bill).toMatchObject({ STATE: "Paid", TOTALDUE: "0.00" });
    expect(bill?.WHENMODIFIED).not.toBe(OLD);

    // Paying moves the bill, not the purchasing document.
    const [doc] = await readByName("PODOCUMENT", docId);
    expect(doc?.WHENMODIFIED).toBe(OLD);
    const nothingLeft = await accountant({ action: "pay", docid: docId, amount: "0.01" });
    expect(nothingLeft.status).toBe(400);
  });

  it("payments are readable as APPYMT with their APPYMTDETAILS", async () => {
    const docId = await createInvoice();
    await accountantOk({ action: "approve", docid: docId });
    const { payment } = await accountantOk({ action: "pay", docid: docId, amount: "250.50" });
    const [read] =
      (await callOk(mock, `<read><object>APPYMT</object><keys>${payment?.RECORDNO}</keys><fields>*</fields></read>`))
        .data?.children ?? [];
    expect(read?.name).toBe("APPYMT");
    const details = read?.children.find((c) => c.name === "APPYMTDETAILS");
    expect(details?.children[0]?.children.find((c) => c.name === "PAYMENTAMOUNT")?.text).toBe("250.50");
    const listed = await callOk(
      mock,
      readByQueryXml("APPYMT", "VENDORID = 'V-1002'", { fields: "RECORDNO,TOTALPAID" }),
    );
    expect(listed.records).toEqual([{ RECORDNO: payment?.RECORDNO, TOTALPAID: "250.50" }]);
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const docId = await createInvoice();
    await accountantOk({ action: "approve", docid: docId });
    for (const [body, message] of [
      [{ action: "pay", docid: docId, amount: "12,50" }, /amount must be a decimal string/],
      [{ action: "pay", docid: docId, amount: "1.00", date: "2026-12-01" }, /MM\/DD\/YYYY/],
      [{ action: "pay", docid: docId, amount: "1.00", date: "02/30/2026" }, /real date/],
      [{ action: "pay", docid: docId, amount: "0" }, /more than 0\.00/],
      [{ action: "refund", docid: docId }, /action/],
      [{ action: "pay", docId, amount: "1.00" }, /docid/],
    ] as const) {
      const res = await accountant(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatch(message);
    }
    const missing = await accountant({ action: "approve", docid: "Vendor Invoice-NOPE" });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatch(/No transaction 'Vendor Invoice-NOPE'/);
    const otherCompany = await accountant({ company: "NOPE-CO", action: "approve", docid: docId });
    expect(otherCompany.status).toBe(404);
    expect(mock.state.companies.get("demo-construction")?.tables.APPYMT.rows).toHaveLength(0);
  });
});

describe("change", () => {
  it("a line's amount changes the document, stamps WHENMODIFIED and recreates the bill under a new RECORDNO", async () => {
    const docId = await createInvoice();
    const { bill: first } = await accountantOk({ action: "approve", docid: docId });
    ageEverything();

    const json = await accountantOk({ action: "change", docid: docId, line: 2, amount: "750.25" });
    expect(json.document).toMatchObject({ TOTAL: "3250.25", SUBTOTAL: "3250.25" });
    expect(json.document?.entries[1]).toMatchObject({ TOTAL: "750.25", QUANTITY: "1", PRICE: "750.25" });
    expect(json.previousBill?.RECORDNO).toBe(first?.RECORDNO);
    expect(json.bill?.RECORDNO).not.toBe(first?.RECORDNO);
    expect(json.bill).toMatchObject({ TOTALENTERED: "3250.25", TOTALDUE: "3250.25", STATE: "Posted" });

    const [doc] = await readByName("PODOCUMENT", docId);
    expect(doc).toMatchObject({ PRRECORDKEY: json.bill?.RECORDNO, TOTAL: "3250.25" });
    expect(doc?.WHENMODIFIED).not.toBe(OLD);
    expect(await readOne("APBILL", first?.RECORDNO ?? "")).toEqual([]);
    const audit = await callOk(
      mock,
      readByQueryXml("AUDITHISTORY", `OBJECTTYPE = 'apbill' AND ACCESSMODE = 'D'`, { fields: "OBJECTKEY,ACCESSMODE" }),
    );
    expect(audit.records).toEqual([{ OBJECTKEY: `${first?.RECORDNO}--REC`, ACCESSMODE: "Deleted" }]);
  });

  it("a line at a price of 1.00 (how our sync writes amounts) changes its quantity", async () => {
    const docId = await createInvoice("INV-Q", [{ ...SUB_LINE, quantity: "2500", price: "1.00" }]);
    await accountantOk({ action: "decline", docid: docId });
    const json = await accountantOk({ action: "change", docid: docId, line: 1, amount: "2600.50" });
    expect(json.document?.entries[0]).toMatchObject({ QUANTITY: "2600.5", PRICE: "1.00", TOTAL: "2600.50" });
    // A declined invoice has no bill to recreate.
    expect(json.bill).toBeUndefined();
  });

  it("vendorid moves the document to another active vendor; an unknown or inactive one is refused", async () => {
    const docId = await createInvoice();
    await accountantOk({ action: "approve", docid: docId });
    const json = await accountantOk({ action: "change", docid: docId, vendorid: "V-1003" });
    expect(json.document?.VENDORID).toBe("V-1003");
    expect(json.bill?.VENDORID).toBe("V-1003");
    for (const vendorid of ["V-9999", "V-1022"]) {
      const res = await accountant({ action: "change", docid: docId, vendorid });
      expect(res.status).toBe(400);
      expect(res.json.error).toBe(`Invalid Vendor '${vendorid}' specified.`);
    }
  });

  it("a converted line cannot take more than its source line has; taking less reopens the source", async () => {
    const amountLine = { ...SUB_LINE, quantity: "2500", price: "1.00" };
    await callOk(mock, createPoXml({ documentno: "SC-C", state: "Pending", lines: [amountLine] }));
    const poLine = mock.listDocuments().find((d) => d.DOCID === "Purchase Order-SC-C")?.entries[0]?.RECORDNO;
    await callOk(
      mock,
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno: "INV-C",
        createdfrom: "Purchase Order-SC-C",
        lines: [{ ...amountLine, sourcelinekey: poLine }],
      }),
    );
    await accountantOk({ action: "approve", docid: "Vendor Invoice-INV-C" });
    const poState = () => mock.listDocuments().find((d) => d.DOCID === "Purchase Order-SC-C")?.STATE;
    expect(poState()).toBe("Converted");

    const more = await accountant({ action: "change", docid: "Vendor Invoice-INV-C", line: 1, amount: "2600.00" });
    expect(more.status).toBe(400);
    expect(more.json.error).toBe(
      `Line 1: the quantity 2600 exceeds the quantity 2500 left to convert on source line ${poLine}.`,
    );
    const less = await accountantOk({ action: "change", docid: "Vendor Invoice-INV-C", line: 1, amount: "2000.00" });
    expect(less.bill).toMatchObject({ TOTALDUE: "2000.00" });
    expect(poState()).toBe("Partially Converted");
    await accountantOk({ action: "change", docid: "Vendor Invoice-INV-C", line: 1, amount: "2500.00" });
    expect(poState()).toBe("Converted");
  });

  it("is refused while Submitted, after a payment, and for a line that does not exist", async () => {
    const docId = await createInvoice();
    const locked = await accountant({ action: "change", docid: docId, line: 1, amount: "1.00" });
    expect(locked.status).toBe(400);
    expect(locked.json.error).toBe(`${docId} is Submitted and locked for editing.`);
    await accountantOk({ action: "approve", docid: docId });
    const noLine = await accountant({ action: "change", docid: docId, line: 3, amount: "1.00" });
    expect(noLine.json.error).toBe(`${docId} has 2 line(s); there is no line 3.`);
    const half = await accountant({ action: "change", docid: docId, line: 1 });
    expect(half.json.error).toMatch(/line and amount go together/);
    const empty = await accountant({ action: "change", docid: docId });
    expect(empty.json.error).toMatch(/change needs line \+ amount, or vendorid/);
    await accountantOk({ action: "pay", docid: docId, amount: "10.00" });
    const paid = await accountant({ action: "change", docid: docId, line: 1, amount: "1.00" });
    expect(paid.status).toBe(400);
    expect(paid.json.error).toMatch(/cannot be changed: its AP bill \d+ has payments applied \(10\.00 paid\)/);
  });
});

describe("delete", () => {
  it("read and readByQuery no longer return the document; AUDITHISTORY has a 'D' row; WHENMODIFIED shows nothing", async () => {
    const docId = await createInvoice();
    const { bill } = await accountantOk({ action: "approve", docid: docId });
    const [before] = await readByName("PODOCUMENT", docId);
    ageEverything();

    const json = await accountantOk({ action: "delete", docid: docId });
    expect(json.document).toBeNull();
    expect(json.audit?.map((a) => [a.OBJECTTYPE, a.OBJECTKEY, a.ACCESSMODE])).toEqual([
      ["apbill", `${bill?.RECORDNO}--REC`, "Deleted"],
      ["podocument", `${before?.RECORDNO}--REC`, "Deleted"],
    ]);

    expect(await readByName("PODOCUMENT", docId)).toEqual([]);
    expect(await readOne("PODOCUMENT", before?.RECORDNO ?? "")).toEqual([]);
    expect(await readOne("APBILL", bill?.RECORDNO ?? "")).toEqual([]);
    const all = await callOk(mock, readByQueryXml("PODOCUMENT", `DOCID = '${docId}'`));
    expect(all.records).toEqual([]);
    const lines = await callOk(mock, readByQueryXml("PODOCUMENTENTRY", `DOCHDRID = '${docId}'`));
    expect(lines.records).toEqual([]);
    const changed = await callOk(mock, readByQueryXml("PODOCUMENT", `WHENMODIFIED > '${OLD}'`));
    expect(changed.records).toEqual([]);

    // The check's deletion read, both ways (estuary's connector uses query with ACCESSMODE 'D').
    const byQuery = await callOk(
      mock,
      queryXml(
        "AUDITHISTORY",
        ["OBJECTKEY", "ACCESSTIME", "ID", "OBJECTDESC"],
        `<and><equalto><field>OBJECTTYPE</field><value>podocument</value></equalto><equalto><field>ACCESSMODE</field><value>D</value></equalto><greaterthan><field>ACCESSTIME</field><value>${OLD}</value></greaterthan></and>`,
        "<orderby><order><field>ACCESSTIME</field><ascending/></order></orderby><pagesize>2000</pagesize>",
      ),
    );
    expect(byQuery.records).toEqual([
      {
        OBJECTKEY: `${before?.RECORDNO}--REC`,
        ACCESSTIME: expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/),
        ID: expect.stringMatching(/^\d+:\d+$/),
        OBJECTDESC: docId,
      },
    ]);
    const byReadByQuery = await callOk(
      mock,
      readByQueryXml("AUDITHISTORY", `OBJECTTYPE = 'podocument' AND ACCESSMODE = 'D' AND ACCESSTIME > '${OLD}'`),
    );
    expect(byReadByQuery.records).toHaveLength(1);
    expect(byReadByQuery.records[0]).toMatchObject({ ACCESSMODE: "Deleted", SOURCE: "ui", USERID: "accountant" });

    const docs = (await (await fetch(`${mock.url}/__mock/documents?includeDeleted=1`)).json()) as {
      documents: Record<string, unknown>[];
    };
    expect(docs.documents.find((d) => d.DOCID === docId)).toMatchObject({ deleted: true, STATE: "Approved" });
    const live = (await (await fetch(`${mock.url}/__mock/documents`)).json()) as { count: number };
    expect(live.count).toBe(0);
    expect((await accountant({ action: "delete", docid: docId })).status).toBe(404);
  });

  it("a converted purchase order cannot go first; deleting the invoice puts it back to Pending", async () => {
    await callOk(mock, createPoXml({ documentno: "SC-9", state: "Pending", lines: [SUB_LINE] }));
    const po = mock.listDocuments().find((d) => d.DOCID === "Purchase Order-SC-9");
    expect(po?.STATE).toBe("Pending");
    await callOk(
      mock,
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno: "INV-9",
        createdfrom: "Purchase Order-SC-9",
        lines: [{ ...SUB_LINE, sourcelinekey: po?.entries[0]?.RECORDNO }],
      }),
    );
    expect(mock.listDocuments().find((d) => d.DOCID === "Purchase Order-SC-9")?.STATE).toBe("Converted");
    const refused = await accountant({ action: "delete", docid: "Purchase Order-SC-9" });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe(
      "Purchase Order-SC-9 cannot be deleted: Vendor Invoice-INV-9 was created from it. Delete that first.",
    );
    await accountantOk({ action: "delete", docid: "Vendor Invoice-INV-9" });
    expect(mock.listDocuments().find((d) => d.DOCID === "Purchase Order-SC-9")?.STATE).toBe("Pending");
  });

  it("a paid invoice cannot be deleted", async () => {
    const docId = await createInvoice();
    await accountantOk({ action: "approve", docid: docId });
    await accountantOk({ action: "pay", docid: docId, amount: "3000.00" });
    const res = await accountant({ action: "delete", docid: docId });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/cannot be deleted: its AP bill \d+ has payments applied/);
  });
});

describe("reading APBILL, APPYMT and AUDITHISTORY", () => {
  async function twoPaidInvoices() {
    for (const no of ["INV-A", "INV-B", "INV-C"]) {
      const docId = await createInvoice(no);
      await accountantOk({ action: "approve", docid: docId });
    }
    ageEverything();
    await accountantOk({ action: "pay", docid: "Vendor Invoice-INV-B", amount: "100.00" });
  }

  it("WHENMODIFIED filters find the bills a payment moved (readByQuery and query)", async () => {
    await twoPaidInvoices();
    const rbq = await callOk(
      mock,
      readByQueryXml("APBILL", `WHENMODIFIED > '${OLD}'`, { fields: "RECORDNO,RECORDID,STATE,TOTALPAID,TOTALDUE" }),
    );
    expect(rbq.records).toEqual([
      {
        RECORDNO: expect.any(String),
        RECORDID: "INV-B",
        STATE: "Partially Paid",
        TOTALPAID: "100.00",
        TOTALDUE: "2900.00",
      },
    ]);
    const q = await callOk(
      mock,
      queryXml(
        "APBILL",
        ["RECORDID", "WHENPAID"],
        `<greaterthan><field>WHENMODIFIED</field><value>${OLD}</value></greaterthan>`,
      ),
    );
    expect(q.records.map((r) => r.RECORDID)).toEqual(["INV-B"]);
    const payments = await callOk(
      mock,
      queryXml(
        "APPYMT",
        ["RECORDNO", "TOTALPAID"],
        `<greaterthan><field>WHENMODIFIED</field><value>${OLD}</value></greaterthan>`,
      ),
    );
    expect(payments.records).toHaveLength(1);
  });

  it("pages: readByQuery with readMore, query with offset", async () => {
    await twoPaidInvoices();
    const first = await callOk(mock, readByQueryXml("APBILL", "", { fields: "RECORDID", pagesize: 2 }));
    expect(first.records.map((r) => r.RECORDID)).toEqual(["INV-A", "INV-B"]);
    expect(first.data?.attrs.numremaining).toBe("1");
    const more = await callOk(mock, `<readMore><resultId>${first.data?.attrs.resultId}</resultId></readMore>`);
    expect(more.records.map((r) => r.RECORDID)).toEqual(["INV-C"]);
    const page2 = await callOk(mock, queryXml("APBILL", ["RECORDID"], "", "<pagesize>2</pagesize><offset>2</offset>"));
    expect(page2.records.map((r) => r.RECORDID)).toEqual(["INV-C"]);
    expect(page2.data?.attrs).toMatchObject({ totalcount: "3", offset: "2", count: "1", numremaining: "0" });
    const audit = await callOk(mock, readByQueryXml("AUDITHISTORY", "OBJECTTYPE = 'podocument'", { pagesize: 1 }));
    expect(audit.data?.attrs.totalcount).toBe("6");
  });

  it("unknown fields and bad timestamps fail with DL02000001, as for every other object", async () => {
    const bad = [
      readByQueryXml("APBILL", "", { fields: "RECORDNO,PAIDAMOUNT" }),
      readByQueryXml("APBILL", "TOTALOWED > 0"),
      queryXml("APPYMT", ["AMOUNT"]),
      queryXml("AUDITHISTORY", ["OBJECTKEY"], "<equalto><field>ACTION</field><value>D</value></equalto>"),
      queryXml(
        "AUDITHISTORY",
        ["OBJECTKEY"],
        "<greaterthan><field>ACCESSTIME</field><value>yesterday</value></greaterthan>",
      ),
      readByQueryXml("AUDITHISTORY", "WHENMODIFIED > '01/01/2025'"),
    ];
    const res = await call(mock, bad);
    for (const result of res.results) {
      expect(result.status).toBe("failure");
      expect(result.errors[0]).toMatchObject({ errorno: "DL02000001", description: "Error" });
    }
  });

  it("the status check's first request: one read per object, all answered", async () => {
    const docId = await createInvoice();
    await accountantOk({ action: "approve", docid: docId });
    const since = `<greaterthan><field>WHENMODIFIED</field><value>${OLD}</value></greaterthan>`;
    const res = await call(mock, [
      queryXml(
        "PODOCUMENT",
        ["RECORDNO", "DOCID", "STATE", "PRRECORDKEY", "WHENMODIFIED"],
        `<and>${since}<in><field>DOCPARID</field><value>Vendor Invoice</value><value>Purchase Order</value></in></and>`,
      ),
      queryXml("APBILL", ["RECORDNO", "STATE", "TOTALENTERED", "TOTALPAID", "TOTALDUE", "WHENPAID"], since),
      queryXml("PJESTIMATEENTRY", ["RECORDNO", "AMOUNT"], since),
      queryXml(
        "AUDITHISTORY",
        ["OBJECTTYPE", "OBJECTKEY", "ACCESSTIME"],
        `<and><in><field>OBJECTTYPE</field><value>podocument</value><value>pjestimateentry</value></in><equalto><field>ACCESSMODE</field><value>D</value></equalto><greaterthan><field>ACCESSTIME</field><value>${OLD}</value></greaterthan></and>`,
      ),
    ]);
    expect(res.results.map((r) => r.status)).toEqual(["success", "success", "success", "success"]);
    expect(res.results[0]?.records[0]).toMatchObject({ DOCID: docId, STATE: "Approved" });
    expect(res.results[1]?.records).toHaveLength(1);
    expect(res.results[3]?.records).toEqual([]);
  });
});

describe("project estimate lines", () => {
  async function createEstimate(status = "active") {
    const entry = (amount: string) =>
      `<PJESTIMATEENTRY><TASKID>03-2000</TASKID><COSTTYPEID>SUB</COSTTYPEID><AMOUNT>${amount}</AMOUNT></PJESTIMATEENTRY>`;
    await callOk(
      mock,
      `<create><PJESTIMATE><PJESTIMATEID>EST-1</PJESTIMATEID><PROJECTID>P-1001</PROJECTID><STATUS>${status}</STATUS><ENTRIES>${entry("1000.00")}${entry("500.00")}</ENTRIES></PJESTIMATE></create>`,
    );
    return mock.listEstimates()[0]?.entries.map((e) => e.RECORDNO ?? "") ?? [];
  }

  it("change-estimate-entry stamps the line's WHENMODIFIED and the estimate's total", async () => {
    const [first] = await createEstimate();
    ageEverything();
    const json = await accountantOk({ action: "change-estimate-entry", recordno: first, amount: "1200.50" });
    expect(json.entry).toMatchObject({ RECORDNO: first, AMOUNT: "1200.50" });
    expect(json.estimate).toMatchObject({ TOTALAMOUNT: "1700.50" });
    const changed = await callOk(
      mock,
      queryXml(
        "PJESTIMATEENTRY",
        ["RECORDNO", "AMOUNT"],
        `<greaterthan><field>WHENMODIFIED</field><value>${OLD}</value></greaterthan>`,
      ),
    );
    expect(changed.records).toEqual([{ RECORDNO: first, AMOUNT: "1200.50" }]);
  });

  it("delete-estimate-entry removes the line; only AUDITHISTORY tells", async () => {
    const [first, second] = await createEstimate();
    ageEverything();
    const json = await accountantOk({ action: "delete-estimate-entry", recordno: second });
    expect(json.entry).toBeNull();
    expect(json.estimate).toMatchObject({ TOTALAMOUNT: "1000.00" });
    expect(await readOne("PJESTIMATEENTRY", second ?? "")).toEqual([]);
    expect((await readOne("PJESTIMATEENTRY", first ?? ""))[0]?.RECORDNO).toBe(first);
    const audit = await callOk(
      mock,
      readByQueryXml("AUDITHISTORY", `OBJECTTYPE = 'pjestimateentry' AND ACCESSMODE = 'D' AND ACCESSTIME > '${OLD}'`, {
        fields: "OBJECTKEY",
      }),
    );
    expect(audit.records).toEqual([{ OBJECTKEY: `${second}--REC` }]);
    expect((await accountant({ action: "delete-estimate-entry", recordno: second })).status).toBe(404);
  });

  it("a finalized estimate is locked; a bad recordno is refused", async () => {
    const [first] = await createEstimate("finalized");
    const locked = await accountant({ action: "change-estimate-entry", recordno: first, amount: "1.00" });
    expect(locked.status).toBe(400);
    expect(locked.json.error).toBe("Project Estimate 'EST-1' is finalized and cannot be changed.");
    const bad = await accountant({ action: "delete-estimate-entry", recordno: "abc" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/recordno must be a PJESTIMATEENTRY RECORDNO/);
  });
});

describe("every read-back object answers read, readByName, readByQuery (with paging) and query", () => {
  // RECORDNO keys for read; readByName takes the natural key (RECORDNO, or ID for AUDITHISTORY).
  const OBJECTS = [
    { object: "APBILL", field: "TOTALDUE", nameKey: "RECORDNO" },
    { object: "APPYMT", field: "TOTALPAID", nameKey: "RECORDNO" },
    { object: "APPYMTDETAIL", field: "PAYMENTAMOUNT", nameKey: "RECORDNO" },
    { object: "AUDITHISTORY", field: "ACCESSMODE", nameKey: "ID" },
  ];

  beforeEach(async () => {
    for (const no of ["INV-R1", "INV-R2"]) {
      const docId = await createInvoice(no);
      await accountantOk({ action: "approve", docid: docId });
      await accountantOk({ action: "pay", docid: docId, amount: "10.00" });
      await accountantOk({ action: "pay", docid: docId, amount: "20.00" });
    }
  });

  for (const { object, field, nameKey } of OBJECTS) {
    it(object, async () => {
      const all = await callOk(mock, readByQueryXml(object, "", { fields: `RECORDNO,${nameKey},${field}` }));
      const total = all.records.length;
      expect(total).toBeGreaterThanOrEqual(2);
      const [firstRow, secondRow] = all.records;

      // read by RECORDNO, readByName by the natural key
      const read = await readOne(object, `${firstRow?.RECORDNO},${secondRow?.RECORDNO}`, `RECORDNO,${field}`);
      expect(read).toEqual([
        { RECORDNO: firstRow?.RECORDNO, [field]: firstRow?.[field] },
        { RECORDNO: secondRow?.RECORDNO, [field]: secondRow?.[field] },
      ]);
      const byName = await callOk(
        mock,
        `<readByName><object>${object}</object><keys>${secondRow?.[nameKey]}</keys><fields>RECORDNO</fields></readByName>`,
      );
      expect(byName.records).toEqual([{ RECORDNO: secondRow?.RECORDNO }]);

      // readByQuery pages with readMore; query pages with offset
      const page1 = await callOk(mock, readByQueryXml(object, "", { fields: "RECORDNO", pagesize: 1 }));
      expect(page1.data?.attrs).toMatchObject({
        count: "1",
        totalcount: String(total),
        numremaining: String(total - 1),
      });
      const page2 = await callOk(mock, `<readMore><resultId>${page1.data?.attrs.resultId}</resultId></readMore>`);
      expect(page2.records).toEqual([{ RECORDNO: secondRow?.RECORDNO }]);
      const offset = await callOk(mock, queryXml(object, ["RECORDNO"], "", "<pagesize>1</pagesize><offset>1</offset>"));
      expect(offset.records).toEqual([{ RECORDNO: secondRow?.RECORDNO }]);
      expect(offset.data?.attrs).toMatchObject({
        totalcount: String(total),
        offset: "1",
        numremaining: String(total - 2),
      });

      // the filter field of the status check: WHENMODIFIED, or ACCESSTIME for the audit trail
      const stampField = object === "AUDITHISTORY" ? "ACCESSTIME" : "WHENMODIFIED";
      const recent = await callOk(mock, readByQueryXml(object, `${stampField} > '${OLD}'`, { fields: "RECORDNO" }));
      expect(recent.records).toHaveLength(total);
      const future = await callOk(
        mock,
        queryXml(
          object,
          ["RECORDNO"],
          `<greaterthan><field>${stampField}</field><value>01/01/2999</value></greaterthan>`,
        ),
      );
      expect(future.records).toEqual([]);

      // unknown fields fail as for every other object
      const bad = await call(mock, [
        readByQueryXml(object, "", { fields: "RECORDNO,NOSUCHFIELD" }),
        queryXml(object, ["NOSUCHFIELD"]),
        readByQueryXml(object, "NOSUCHFIELD = '1'"),
      ]);
      for (const result of bad.results) expect(result.errors[0]?.errorno).toBe("DL02000001");
    });
  }
});

describe("--state FILE", () => {
  it("the accountant's work survives a restart: bills, payments, audit rows and deleted documents", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-accountant-"));
    const file = join(dir, "state.json");
    try {
      const first = await startMockIntacct({ port: 0, stateFile: file });
      for (const no of ["INV-S1", "INV-S2"])
        await callOk(first, createPoXml({ transactiontype: "Vendor Invoice", documentno: no, lines: [SUB_LINE] }));
      first.accountant({ action: "approve", docid: "Vendor Invoice-INV-S1" });
      first.accountant({ action: "pay", docid: "Vendor Invoice-INV-S1", amount: "2500.00" });
      first.accountant({ action: "delete", docid: "Vendor Invoice-INV-S2" });
      await first.close();

      const second = await startMockIntacct({ port: 0, stateFile: file });
      try {
        const docs = second.listDocuments(undefined, { includeDeleted: true });
        expect(docs.find((d) => d.DOCID === "Vendor Invoice-INV-S1")?.bill?.STATE).toBe("Paid");
        expect(docs.find((d) => d.DOCID === "Vendor Invoice-INV-S1")?.payments).toHaveLength(1);
        expect(docs.find((d) => d.DOCID === "Vendor Invoice-INV-S2")?.deleted).toBe(true);
        const audit = await callOk(
          second,
          readByQueryXml("AUDITHISTORY", "ACCESSMODE = 'D'", { fields: "OBJECTDESC" }),
        );
        expect(audit.records).toEqual([{ OBJECTDESC: "Vendor Invoice-INV-S2" }]);
        // Bill numbering carries on where it stopped.
        await callOk(
          second,
          createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-S3", lines: [SUB_LINE] }),
        );
        const third = second.accountant({ action: "approve", docid: "Vendor Invoice-INV-S3" });
        expect("bill" in third ? third.bill?.RECORDNO : undefined).toBe("9002");
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

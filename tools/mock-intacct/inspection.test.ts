// /__mock/* inspection API, the HTML viewer and --state persistence (issue "Inspection", "Company data").
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockIntacct, type MockIntacct } from "./index";
import { call, callOk, createPoXml, fn, readByQueryXml, SUB_LINE } from "./test-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function getJson<T = Record<string, unknown>>(path: string): Promise<T> {
  const res = await fetch(`${mock.url}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return (await res.json()) as T;
}

type DocumentsBody = { count: number; documents: (Record<string, string> & { entries: Record<string, string>[] })[] };

describe("inspection API", () => {
  it("GET /__mock/documents lists created PO documents with every field, state, createdfrom and lines with RECORDNOs", async () => {
    await callOk(mock, createPoXml({ documentno: "PO-1", lines: [SUB_LINE] }));
    const poLine = mock.listDocuments()[0]?.entries[0]?.RECORDNO ?? "";
    await callOk(
      mock,
      createPoXml({
        transactiontype: "Vendor Invoice",
        documentno: "INV-1",
        createdfrom: "Purchase Order-PO-1",
        lines: [{ ...SUB_LINE, sourcelinekey: poLine }],
      }),
    );
    const body = await getJson<DocumentsBody>("/__mock/documents");
    expect(body.count).toBe(2);
    const invoice = body.documents.find((d) => d.DOCPARID === "Vendor Invoice");
    expect(invoice).toMatchObject({
      companyId: "DEMO-CONSTRUCTION",
      DOCID: "Vendor Invoice-INV-1",
      STATE: "Submitted",
      CREATEDFROM: "Purchase Order-PO-1",
      VENDORID: "V-1002",
    });
    expect(invoice?.entries[0]).toMatchObject({
      SOURCELINEKEY: poLine,
      PROJECTID: "P-1001",
      TASKID: "03-2000",
      COSTTYPEID: "SUB",
    });
    expect(Number(invoice?.entries[0]?.RECORDNO)).toBeGreaterThan(0);
    const filtered = await getJson<DocumentsBody>("/__mock/documents?definition=Purchase%20Order");
    expect(filtered.documents.map((d) => d.DOCID)).toEqual(["Purchase Order-PO-1"]);
  });

  it("GET /__mock/estimates lists estimates with their entries", async () => {
    await callOk(
      mock,
      "<create><PJESTIMATE><PJESTIMATEID>E-1</PJESTIMATEID><PROJECTID>P-1002</PROJECTID><ENTRIES><PJESTIMATEENTRY><TASKID>03-3000</TASKID><AMOUNT>5</AMOUNT></PJESTIMATEENTRY></ENTRIES></PJESTIMATE></create>",
    );
    const body = await getJson<DocumentsBody & { estimates: DocumentsBody["documents"] }>("/__mock/estimates");
    expect(body.estimates[0]).toMatchObject({
      PJESTIMATEID: "E-1",
      PROJECTID: "P-1002",
      entries: [expect.objectContaining({ TASKID: "03-3000", AMOUNT: "5.00", WFTYPE: "original" })],
    });
  });

  it("GET /__mock/requests logs each request with its functions and keeps per-function counts", async () => {
    await call(mock, [fn(readByQueryXml("VENDOR", ""), "a"), fn(readByQueryXml("PROJECT", ""), "b")]);
    await call(mock, [createPoXml({ lines: [SUB_LINE] })]);
    await call(mock, [readByQueryXml("VENDOR", "")], { senderPassword: "bad" });
    const body = await getJson<{
      total: number;
      counts: Record<string, number>;
      requests: {
        status: number;
        companyId: string;
        functions: { function: string; object: string; status: string }[];
        errors: string[];
      }[];
    }>("/__mock/requests");
    expect(body.counts).toEqual({ readByQuery: 2, create_potransaction: 1 });
    expect(body.total).toBe(3);
    expect(body.requests[0]?.functions).toEqual([
      { function: "readByQuery", controlId: "a", object: "VENDOR", status: "success" },
      { function: "readByQuery", controlId: "b", object: "PROJECT", status: "success" },
    ]);
    expect(body.requests[1]?.functions[0]).toMatchObject({
      function: "create_potransaction",
      object: "Purchase Order",
      status: "success",
    });
    expect(body.requests[2]?.errors[0]).toMatch(/^XL03000006/);
    await fetch(`${mock.url}/__mock/requests/clear`, { method: "POST" });
    expect((await getJson<{ requests: unknown[] }>("/__mock/requests")).requests).toHaveLength(0);
  });

  it("POST /__mock/reset brings the seed back and forgets documents", async () => {
    await callOk(mock, createPoXml({ lines: [SUB_LINE] }));
    const res = await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(mock.listDocuments()).toHaveLength(0);
  });

  it("GET /__mock/sessions and /__mock/faults describe the current state", async () => {
    await call(mock, ["<getAPISession/>"]);
    const sessions = await getJson<{ sessions: { companyId: string; userId: string }[] }>("/__mock/sessions");
    expect(sessions.sessions[0]).toMatchObject({ companyId: "DEMO-CONSTRUCTION", userId: "xml_gateway" });
    const faults = await getJson("/__mock/faults");
    expect(faults).toMatchObject({ maxConcurrentPerCompany: 2, rate429: 0 });
  });

  it("unknown inspection routes answer 404 JSON", async () => {
    const res = await fetch(`${mock.url}/__mock/nothing`);
    expect(res.status).toBe(404);
  });
});

describe("HTML viewer", () => {
  it("shows documents where Intacct users look for them", async () => {
    await callOk(mock, createPoXml({ documentno: "PO-V", lines: [SUB_LINE] }));
    await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: "INV-V", lines: [SUB_LINE] }));
    await callOk(
      mock,
      "<create><PJESTIMATE><PJESTIMATEID>EST-V</PJESTIMATEID><PROJECTID>P-1001</PROJECTID><ENTRIES><PJESTIMATEENTRY><AMOUNT>1</AMOUNT></PJESTIMATEENTRY></ENTRIES></PJESTIMATE></create>",
    );
    const res = await fetch(`${mock.url}/`);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("Purchasing → Transactions → Order");
    expect(html).toContain("<h4>Purchase Order <small>(1)</small></h4>");
    expect(html).toContain("<h4>PO Change Order <small>(0)</small></h4>");
    expect(html).toContain("Purchasing → Transactions → Invoice");
    expect(html).toMatch(/Vendor Invoice-INV-V.*Submitted/s);
    expect(html).toContain("Projects → Project Estimates");
    expect(html).toContain("EST-V");
  });
});

describe("HTML viewer: the accountant's buttons", () => {
  it("every document has the accountant's buttons; bills, payments and deleted documents show", async () => {
    for (const no of ["INV-P", "INV-X"])
      await callOk(mock, createPoXml({ transactiontype: "Vendor Invoice", documentno: no, lines: [SUB_LINE] }));
    mock.accountant({ action: "approve", docid: "Vendor Invoice-INV-P" });
    mock.accountant({ action: "pay", docid: "Vendor Invoice-INV-P", amount: "100.00", date: "12/01/2026" });
    mock.accountant({ action: "delete", docid: "Vendor Invoice-INV-X" });
    const html = await (await fetch(`${mock.url}/`)).text();
    for (const action of ["approve", "decline", "post", "pay", "change", "change-vendor", "delete"])
      expect(html).toContain(`data-action="${action}" data-docid="Vendor Invoice-INV-P"`);
    expect(html).toMatch(
      /AP bill <strong>9001<\/strong> · <span class="state state-partially-paid">Partially Paid<\/span>/,
    );
    expect(html).toContain("due 2400.00");
    expect(html).toMatch(/Purchasing → Deleted transactions.*Vendor Invoice-INV-X/s);
    await callOk(
      mock,
      "<create><PJESTIMATE><PJESTIMATEID>EST-B</PJESTIMATEID><PROJECTID>P-1001</PROJECTID><ENTRIES><PJESTIMATEENTRY><AMOUNT>1</AMOUNT></PJESTIMATEENTRY></ENTRIES></PJESTIMATE></create>",
    );
    const withEstimate = await (await fetch(`${mock.url}/`)).text();
    for (const action of ["change-estimate-entry", "delete-estimate-entry"])
      expect(withEstimate).toContain(`data-action="${action}" data-docid="EST-B"`);
    // The page's script parses (a syntax error would leave the buttons dead).
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
    expect(script).toContain("/__mock/accountant");
    expect(() => new Function(`return async () => {${script}}`)).not.toThrow();
  });
});

describe("--state FILE persistence", () => {
  it("a demo survives a restart: documents, sequences and completed controlids come back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-intacct-"));
    const file = join(dir, "state.json");
    try {
      const first = await startMockIntacct({ port: 0, stateFile: file });
      await callOk(first, createPoXml({ lines: [SUB_LINE] }));
      await call(first, [fn(createPoXml({ lines: [SUB_LINE] }), "persisted-id")], { uniqueId: true });
      await first.close();
      expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("mock-intacct-state");

      const second = await startMockIntacct({ port: 0, stateFile: file });
      try {
        expect(second.listDocuments().map((d) => d.DOCID)).toEqual(["Purchase Order-PO0001", "Purchase Order-PO0002"]);
        expect((await callOk(second, createPoXml({ lines: [SUB_LINE] }))).key).toBe("Purchase Order-PO0003");
        const replay = await call(second, [fn(createPoXml({ lines: [SUB_LINE] }), "persisted-id")], { uniqueId: true });
        expect(replay.results[0]?.status).toBe("failure");
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

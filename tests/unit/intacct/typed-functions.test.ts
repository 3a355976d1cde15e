import { describe, expect, it } from "vitest";
import { IntacctValidationError } from "@/lib/intacct";
import { queryPage, response, successResult } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds } from "./helpers";

const entry = (recordNo: string, line: string) =>
  `<podocumententry><RECORDNO>${recordNo}</RECORDNO><LINE_NO>${line}</LINE_NO><ITEMID>SUBCON</ITEMID><QUANTITY>1</QUANTITY><PRICE>2500.00</PRICE><TOTAL>2500.00</TOTAL><PROJECTID>P-19</PROJECTID><TASKID>03-3500</TASKID><COSTTYPEID>MAT</COSTTYPEID></podocumententry>`;
const document = (entries: string) =>
  `<data listtype="podocument" count="1"><podocument><RECORDNO>77</RECORDNO><DOCID>Purchase Order-PO-1001</DOCID><DOCNO>PO-1001</DOCNO><DOCPARID>Purchase Order</DOCPARID><STATE>Pending</STATE><VENDORID>V100</VENDORID><PODOCUMENTENTRIES>${entries}</PODOCUMENTENTRIES></podocument></data>`;

describe("typed functions", () => {
  it("readPurchasingDocument returns the document with its entries' RECORDNOs (one entry)", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        response(successResult("readByName", functionControlIds(request.body)[0] ?? "", document(entry("501", "0")))),
    ]);
    const { client } = createTestClient(transport);
    const doc = await client.readPurchasingDocument("Purchase Order-PO-1001", { docParId: "Purchase Order" });
    expect(dataRequests()[0]?.body).toContain(
      "<readByName><object>PODOCUMENT</object><keys>Purchase Order-PO-1001</keys><fields>*</fields><returnFormat>xml</returnFormat><docparid>Purchase Order</docparid></readByName>",
    );
    expect(doc).toMatchObject({ recordNo: "77", docId: "Purchase Order-PO-1001", state: "Pending", vendorId: "V100" });
    expect(doc?.entries).toEqual([
      {
        recordNo: "501",
        lineNo: "0",
        itemId: "SUBCON",
        quantity: "1",
        price: "2500.00",
        total: "2500.00",
        projectId: "P-19",
        taskId: "03-3500",
        costTypeId: "MAT",
        memo: undefined,
        locationId: undefined,
        departmentId: undefined,
      },
    ]);
  });

  it("readPurchasingDocument reads many entries and returns undefined when not found", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        response(
          successResult(
            "readByName",
            functionControlIds(request.body)[0] ?? "",
            document(entry("501", "0") + entry("502", "1")),
          ),
        ),
      (request) =>
        response(
          successResult(
            "readByName",
            functionControlIds(request.body)[0] ?? "",
            `<data listtype="podocument" count="0"/>`,
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    expect((await client.readPurchasingDocument("Purchase Order-PO-1001"))?.entries.map((e) => e.recordNo)).toEqual([
      "501",
      "502",
    ]);
    expect(await client.readPurchasingDocument("Purchase Order-NOPE")).toBeUndefined();
  });

  it("findPurchasingDocument queries PODOCUMENT by DOCPARID and DOCNO", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        queryPage({
          object: "PODOCUMENT",
          controlId: functionControlIds(request.body)[0] ?? "",
          totalCount: 1,
          offset: 0,
          numRemaining: 0,
          records: [
            "<PODOCUMENT><RECORDNO>9</RECORDNO><DOCID>Vendor Invoice-INV-1</DOCID><DOCNO>INV-1</DOCNO><DOCPARID>Vendor Invoice</DOCPARID><STATE>Submitted</STATE></PODOCUMENT>",
          ],
        }),
    ]);
    const { client } = createTestClient(transport);
    const found = await client.findPurchasingDocument({ docParId: "Vendor Invoice", documentNo: "INV-1" });
    expect(found).toMatchObject({ docId: "Vendor Invoice-INV-1", state: "Submitted", entries: [] });
    expect(dataRequests()[0]?.body).toContain(
      "<filter><and><equalto><field>DOCPARID</field><value>Vendor Invoice</value></equalto><equalto><field>DOCNO</field><value>INV-1</value></equalto></and></filter>",
    );
  });

  it("createVendorInvoice converts a PO: createdfrom on the header, sourcelinekey on lines, key = DOCID", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      () => response(successResult("create_potransaction", "vi-1", "<key>Vendor Invoice-INV-1</key>")),
    ]);
    const { client } = createTestClient(transport);
    const outcome = await client.createVendorInvoice({
      controlId: "vi-1",
      dateCreated: "2025-03-10",
      dateDue: "2025-04-30",
      vendorId: "V100",
      documentNo: "INV-1",
      createdFrom: "Purchase Order-PO-1001",
      lines: [
        {
          itemId: "SUBCON",
          quantity: 1,
          price: "2500.00",
          sourceLineKey: "501",
          projectId: "P-19",
          taskId: "03-3500",
          costTypeId: "MAT",
          locationId: "E1",
        },
      ],
    });
    expect(outcome).toEqual({
      status: "done",
      controlId: "vi-1",
      key: "Vendor Invoice-INV-1",
      recordNo: undefined,
    });
    const body = dataRequests()[0]?.body ?? "";
    expect(body).toContain("<transactiontype>Vendor Invoice</transactiontype>");
    expect(body).toContain("<createdfrom>Purchase Order-PO-1001</createdfrom>");
    expect(body).toContain(
      "<sourcelinekey>501</sourcelinekey><locationid>E1</locationid><projectid>P-19</projectid><taskid>03-3500</taskid><costtypeid>MAT</costtypeid>",
    );
  });

  it("createProjectEstimate reports the PJESTIMATEID and RECORDNO of the generic create", async () => {
    const { transport } = createScriptedTransport([
      () =>
        response(
          successResult(
            "create",
            "est-1",
            `<data listtype="objects" count="1"><pjestimate><RECORDNO>12</RECORDNO><PJESTIMATEID>EST-P19</PJESTIMATEID></pjestimate></data>`,
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const outcome = await client.createProjectEstimate({
      controlId: "est-1",
      projectId: "P-19",
      entries: [{ taskId: "03-3500", costTypeId: "MAT", accountNo: "5000", amount: "9550.00" }],
    });
    expect(outcome).toEqual({ status: "done", controlId: "est-1", key: "EST-P19", recordNo: "12" });
  });

  it("updateProjectEstimate adds entries to an estimate identified by RECORDNO", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      () =>
        response(
          successResult(
            "update",
            "est-1-co-1",
            `<data listtype="objects" count="1"><pjestimate><RECORDNO>12</RECORDNO></pjestimate></data>`,
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const outcome = await client.updateProjectEstimate({
      controlId: "est-1-co-1",
      recordNo: "12",
      entries: [
        { taskId: "03-3500", costTypeId: "MAT", amount: 500, wfType: "approved change", effectiveDate: "2025-05-01" },
      ],
    });
    expect(outcome.status).toBe("done");
    expect(dataRequests()[0]?.body).toContain(
      "<update><PJESTIMATE><RECORDNO>12</RECORDNO><ENTRIES><PJESTIMATEENTRY><TASKID>03-3500</TASKID><COSTTYPEID>MAT</COSTTYPEID><AMOUNT>500</AMOUNT><WFTYPE>approved change</WFTYPE><EFFECTIVEDATE>05/01/2025</EFFECTIVEDATE>",
    );
  });

  it("a typed write with invalid input resolves as failed with a validation error and sends nothing", async () => {
    const { transport, requests } = createScriptedTransport([]);
    const { client } = createTestClient(transport);
    const outcome = await client.createPurchaseOrder({
      controlId: "po-1",
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V100",
      lines: [],
    });
    expect(outcome.status).toBe("failed");
    if (outcome.status === "failed") {
      expect(outcome.error).toBeInstanceOf(IntacctValidationError);
      expect(outcome.error.userMessage).toContain("lines");
    }
    expect(requests).toHaveLength(0);
  });

  it("rejects an invalid client configuration with a validation error that does not echo secrets", async () => {
    const { createIntacctClient } = await import("@/lib/intacct");
    let thrown: unknown;
    try {
      createIntacctClient({
        senderId: "",
        senderPassword: "super-secret-pw",
        companyId: "C",
        userId: "U",
        userPassword: "x",
        endpointUrl: "ftp://nope",
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(IntacctValidationError);
    expect(String((thrown as Error).message)).not.toContain("super-secret-pw");
  });
});

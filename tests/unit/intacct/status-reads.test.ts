// The status check's reads (§7, §9, §15) against hand-written replies: the probe is one request of one query per
// object, each filtered on its own mark; replies map to typed records; an object with more than a page is paged on.
import { describe, expect, it } from "vitest";
import { auditRecordNo, buildStatusProbe, IntacctValidationError, isDeletion } from "@/lib/intacct";
import { parseCalendarDate, parseCents, parseStamp, settledStamp } from "@/lib/integrations/sage-intacct/status-check";
import { response, successResult } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds } from "./helpers";

const since = {
  PODOCUMENT: "12/01/2026 10:00:00",
  APBILL: "12/01/2026 10:00:01",
  AUDITHISTORY: "12/01/2026 10:00:02",
  PJESTIMATEENTRY: "12/01/2026 10:00:03",
};
const data = (object: string, records: string, remaining = 0, total?: number) =>
  `<data listtype="${object}" totalcount="${total ?? 0}" offset="0" count="1" numremaining="${remaining}">${records}</data>`;

describe("the status probe", () => {
  it("is one request with one query per object, each after its own mark; our definitions only", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) => {
        const [doc, bill, audit, entry] = functionControlIds(request.body);
        return response(
          successResult(
            "query",
            doc ?? "",
            data(
              "PODOCUMENT",
              "<PODOCUMENT><RECORDNO>7</RECORDNO><DOCID>Vendor Invoice-INV-1</DOCID><DOCPARID>Vendor Invoice</DOCPARID><STATE>Approved</STATE><VENDORID>V1</VENDORID><PRRECORDKEY>9001</PRRECORDKEY><TOTAL>275000.00</TOTAL><WHENMODIFIED>12/01/2026 10:05:00</WHENMODIFIED></PODOCUMENT>",
            ),
          ) +
            successResult(
              "query",
              bill ?? "",
              data(
                "APBILL",
                "<APBILL><RECORDNO>9001</RECORDNO><RECORDID>INV-1</RECORDID><VENDORID>V1</VENDORID><STATE>Partially Paid</STATE><TOTALENTERED>275000.00</TOTALENTERED><TOTALPAID>100000.00</TOTALPAID><TOTALDUE>175000.00</TOTALDUE><WHENPAID>11/20/2026</WHENPAID><WHENMODIFIED>12/01/2026 10:06:00</WHENMODIFIED></APBILL>",
              ),
            ) +
            successResult(
              "query",
              audit ?? "",
              data(
                "AUDITHISTORY",
                "<AUDITHISTORY><OBJECTTYPE>podocument</OBJECTTYPE><OBJECTKEY>12--REC</OBJECTKEY><OBJECTDESC>Purchase Order-SC-9</OBJECTDESC><ACCESSMODE>Deleted</ACCESSMODE><ACCESSTIME>12/01/2026 10:07:00</ACCESSTIME></AUDITHISTORY>",
              ),
            ) +
            successResult("query", entry ?? "", data("PJESTIMATEENTRY", "")),
        );
      },
    ]);
    const { client } = createTestClient(transport);
    const probe = await client.probeStatus({
      docParIds: ["Purchase Order", "PO Change Order", "Vendor Invoice"],
      since,
    });
    expect(dataRequests()).toHaveLength(1);
    const body = dataRequests()[0]?.body ?? "";
    expect(body.match(/<query>/g)).toHaveLength(4);
    expect(body).toContain(
      "<greaterthan><field>WHENMODIFIED</field><value>12/01/2026 10:00:00</value></greaterthan><in><field>DOCPARID</field><value>Purchase Order</value><value>PO Change Order</value><value>Vendor Invoice</value></in>",
    );
    expect(body).toContain("<object>APBILL</object>");
    expect(body).toContain("<greaterthan><field>WHENMODIFIED</field><value>12/01/2026 10:00:01</value></greaterthan>");
    expect(body).toContain("<equalto><field>ACCESSMODE</field><value>D</value></equalto>");
    expect(body).toContain("<greaterthan><field>ACCESSTIME</field><value>12/01/2026 10:00:02</value></greaterthan>");
    expect(probe).toMatchObject({
      requests: 1,
      documents: [{ recordNo: "7", docId: "Vendor Invoice-INV-1", state: "Approved", prRecordKey: "9001" }],
      bills: [{ recordNo: "9001", state: "Partially Paid", totalPaid: "100000.00", whenPaid: "11/20/2026" }],
      deletions: [{ objectType: "podocument", objectKey: "12--REC", accessMode: "Deleted" }],
      estimateEntries: [],
    });
    expect(auditRecordNo(probe.deletions[0]!)).toBe("12");
    expect(isDeletion(probe.deletions[0]!)).toBe(true);
    expect(isDeletion({ accessMode: "D" })).toBe(true);
    expect(isDeletion({ accessMode: "Modified" })).toBe(false);
  });

  it("pages on an object with more changes than a page, at the next offset", async () => {
    const bill = (n: number) =>
      `<APBILL><RECORDNO>${n}</RECORDNO><RECORDID>B${n}</RECORDID><VENDORID>V1</VENDORID><STATE>Paid</STATE><TOTALENTERED>1.00</TOTALENTERED><TOTALPAID>1.00</TOTALPAID><TOTALDUE>0.00</TOTALDUE><WHENMODIFIED>12/01/2026 10:06:00</WHENMODIFIED></APBILL>`;
    const { transport, dataRequests } = createScriptedTransport([
      (request) => {
        const ids = functionControlIds(request.body);
        return response(
          successResult("query", ids[0] ?? "", data("PODOCUMENT", "")) +
            successResult("query", ids[1] ?? "", data("APBILL", bill(1), 1, 2)) +
            successResult("query", ids[2] ?? "", data("AUDITHISTORY", "")),
        );
      },
      (request) => response(successResult("query", functionControlIds(request.body)[0] ?? "", data("APBILL", bill(2)))),
    ]);
    const { client } = createTestClient(transport);
    const probe = await client.probeStatus({
      docParIds: ["Vendor Invoice"],
      since: { ...since, PJESTIMATEENTRY: undefined },
      pageSize: 1,
    });
    expect(probe.requests).toBe(2);
    expect(probe.bills.map((b) => b.recordNo)).toEqual(["1", "2"]);
    expect(dataRequests()[1]?.body).toContain("<offset>1</offset>");
  });

  it("refuses a mark that is not Intacct's timestamp, before sending anything", () => {
    expect(() =>
      buildStatusProbe({ docParIds: ["Purchase Order"], since: { ...since, APBILL: "2026-12-01T10:00:00Z" } }),
    ).toThrow(IntacctValidationError);
    expect(() => buildStatusProbe({ docParIds: [], since })).toThrow(IntacctValidationError);
  });
});

describe("reading what changed", () => {
  it("reads headers and lines of the changed documents side by side in one request, and joins them", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) => {
        const [headers, lines] = functionControlIds(request.body);
        return response(
          successResult(
            "query",
            headers ?? "",
            data(
              "PODOCUMENT",
              "<PODOCUMENT><RECORDNO>7</RECORDNO><DOCID>Purchase Order-SC-1</DOCID><DOCPARID>Purchase Order</DOCPARID><STATE>Pending</STATE><VENDORID>V1</VENDORID><PRRECORDKEY></PRRECORDKEY><TOTAL>105000.00</TOTAL><WHENMODIFIED>12/01/2026 10:05:00</WHENMODIFIED></PODOCUMENT>",
            ),
          ) +
            successResult(
              "query",
              lines ?? "",
              data(
                "PODOCUMENTENTRY",
                "<PODOCUMENTENTRY><RECORDNO>70</RECORDNO><DOCHDRID>Purchase Order-SC-1</DOCHDRID><LINE_NO>0</LINE_NO><TOTAL>60000.00</TOTAL><TASKID>03</TASKID></PODOCUMENTENTRY>" +
                  "<PODOCUMENTENTRY><RECORDNO>71</RECORDNO><DOCHDRID>Purchase Order-SC-1</DOCHDRID><LINE_NO>1</LINE_NO><TOTAL>45000.00</TOTAL><TASKID></TASKID></PODOCUMENTENTRY>",
              ),
            ),
        );
      },
    ]);
    const { client } = createTestClient(transport);
    const details = await client.readStatusDetails({ docIds: ["Purchase Order-SC-1"] });
    expect(dataRequests()).toHaveLength(1);
    expect(dataRequests()[0]?.body).toContain("<in><field>DOCHDRID</field><value>Purchase Order-SC-1</value></in>");
    expect(details.requests).toBe(1);
    expect(details.serverTime).toBe(Date.parse("2025-03-01T10:08:34-07:00"));
    expect(details.documents).toEqual([
      expect.objectContaining({
        docId: "Purchase Order-SC-1",
        total: "105000.00",
        lines: [
          { recordNo: "70", docId: "Purchase Order-SC-1", lineNo: "0", total: "60000.00", taskId: "03" },
          { recordNo: "71", docId: "Purchase Order-SC-1", lineNo: "1", total: "45000.00", taskId: undefined },
        ],
      }),
    ]);
  });
});

describe("reading Intacct's values", () => {
  it("decimals to cents without floating point, stamps and dates as UTC", () => {
    expect(parseCents("275000.00")).toBe(27_500_000);
    expect(parseCents("0.1")).toBe(10);
    expect(parseCents("-12.345")).toBe(-1_235);
    expect(parseCents("1000000000.07")).toBe(100_000_000_007);
    expect(parseCents("")).toBe(0);
    expect(parseStamp("12/01/2026 10:05:09")).toBe(Date.UTC(2026, 11, 1, 10, 5, 9));
    expect(parseStamp("2026-12-01")).toBeNull();
    expect(parseCalendarDate("12/01/2026")).toEqual(new Date("2026-12-01T00:00:00Z"));
  });

  it("a stamp read in its own second is not trusted (an edit in that second would keep it)", () => {
    const stampMs = Date.UTC(2026, 11, 1, 10, 5, 9);
    expect(settledStamp("12/01/2026 10:05:09", stampMs)).toBe("");
    expect(settledStamp("12/01/2026 10:05:09", stampMs + 999)).toBe("");
    expect(settledStamp("12/01/2026 10:05:09", stampMs + 1000)).toBe("12/01/2026 10:05:09");
    expect(settledStamp("12/01/2026 10:05:09", null)).toBe("");
  });
});

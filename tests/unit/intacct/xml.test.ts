import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import {
  IntacctValidationError,
  buildCreatePoChangeOrder,
  buildCreateProjectEstimate,
  buildCreatePurchaseOrder,
  buildCreateVendorInvoice,
  buildQuery,
  quoteQueryLiteral,
} from "@/lib/intacct";
import { buildRequestXml } from "@/lib/intacct/xml-build";
import { formatGenericDate, formatGenericTimestamp, formatLegacyDate } from "@/lib/intacct/xml-values";

const envelope = (functions: Parameters<typeof buildRequestXml>[0]["functions"]) =>
  buildRequestXml({ senderId: "S", senderPassword: "SP", controlId: "req-1", uniqueId: true, transaction: false, authentication: { sessionId: "sess" }, functions });
const po = (overrides: Partial<Parameters<typeof buildCreatePurchaseOrder>[0]> = {}) =>
  buildCreatePurchaseOrder({ controlId: "po-1", dateCreated: "2025-03-01", vendorId: "V100", lines: [{ itemId: "SUBCON", quantity: 1, price: "2500.00" }], ...overrides });
const roundTrip = (xml: string) => new XMLParser({ parseTagValue: false, ignoreAttributes: false }).parse(xml);
const tagOrder = (xml: string, parent: string) => {
  const inner = new RegExp(`<${parent}>(.*?)</${parent}>`).exec(xml)?.[1] ?? "";
  const names: string[] = [];
  let depth = 0;
  for (const match of inner.matchAll(/<(\/?)([A-Za-z_]+)[^>]*?(\/?)>/g)) {
    if (match[1]) depth -= 1;
    else {
      if (depth === 0) names.push(match[2] ?? "");
      if (!match[3]) depth += 1;
    }
  }
  return names;
};

describe("XML building and escaping", () => {
  it("escapes & < > \" ' in element text", () => {
    const xml = envelope([po({ message: `Tom & Jerry's <b>"bold"</b>` })]);
    expect(xml).toContain("<message>Tom &amp; Jerry&apos;s &lt;b&gt;&quot;bold&quot;&lt;/b&gt;</message>");
    expect(roundTrip(xml).request.operation.content.function.create_potransaction.message).toBe(`Tom & Jerry's <b>"bold"</b>`);
  });

  it("escapes attribute values (function controlid)", () => {
    const xml = envelope([po({ controlId: `po-"1"&<x>` })]);
    expect(xml).toContain('<function controlid="po-&quot;1&quot;&amp;&lt;x&gt;">');
  });

  it("neutralises text that looks like CDATA or markup", () => {
    const hostile = "<![CDATA[</memo><vendorid>EVIL</vendorid>]]>";
    const xml = envelope([po({ lines: [{ itemId: "SUBCON", quantity: 1, memo: hostile }] })]);
    expect(xml).not.toContain("<![CDATA[");
    expect(xml.match(/<vendorid>/g)).toHaveLength(1);
    expect(roundTrip(xml).request.operation.content.function.create_potransaction.potransitems.potransitem.memo).toBe(hostile);
  });

  it("passes Unicode through unchanged (accents, CJK, emoji, RTL)", () => {
    const text = "Café Ürün 東京 🏗️ עברית";
    const xml = envelope([po({ message: text })]);
    expect(xml).toContain(`<message>${text}</message>`);
  });

  it("rejects control characters with a validation error that names the field", () => {
    expect(() => envelope([po({ message: "bad\u0007bell" })])).toThrowError(IntacctValidationError);
    try {
      envelope([po({ message: "bad\u0007bell" })]);
    } catch (error) {
      expect((error as IntacctValidationError).message).toBe('Field "message" contains the character U+0007 at position 3, which XML cannot carry');
      expect((error as IntacctValidationError).userMessage).toContain('"message"');
    }
  });

  it("allows tab, newline and carriage return", () => {
    expect(() => envelope([po({ message: "a\tb\nc\r\n" })])).not.toThrow();
  });

  it("rejects lone surrogates and U+FFFF", () => {
    expect(() => envelope([po({ message: "x\uD800y" })])).toThrowError(IntacctValidationError);
    expect(() => envelope([po({ message: "x\uFFFF" })])).toThrowError(IntacctValidationError);
  });

  it("orders the control block children as the XSD sequence requires", () => {
    expect(tagOrder(envelope([po()]), "control")).toEqual(["senderid", "password", "controlid", "uniqueid", "dtdversion", "includewhitespace"]);
  });

  it("orders create_potransaction header elements as §9 requires", () => {
    const xml = envelope([
      buildCreateVendorInvoice({
        controlId: "vi-1",
        transactionType: "Vendor Invoice",
        dateCreated: "2025-03-01",
        datePosted: "2025-03-02",
        createdFrom: "Purchase Order-PO0213",
        vendorId: "V100",
        documentNo: "INV-1",
        referenceNo: "EXT-77",
        vendorDocNo: "VD-1",
        termName: "N30",
        message: "m",
        externalId: "x-1",
        currency: "USD",
        customFields: { JOBSITE: "North" },
        state: "Pending",
        projectId: "P-19",
        lines: [{ itemId: "SUBCON", quantity: 1, sourceLineKey: "41" }],
      }),
    ]);
    expect(tagOrder(xml, "create_potransaction")).toEqual([
      "transactiontype", "datecreated", "dateposted", "createdfrom", "vendorid", "documentno", "referenceno", "vendordocno", "termname",
      "message", "returnto", "payto", "externalid", "currency", "customfields", "state", "projectid", "potransitems",
    ]);
  });

  it("orders potransitem elements per the XSD with taskid/costtypeid right after projectid (§9)", () => {
    const xml = envelope([
      po({
        lines: [
          {
            itemId: "SUBCON", itemDescription: "d", warehouseId: "W1", quantity: "2", unit: "Each", price: 5, sourceLineKey: "7", locationId: "E1", departmentId: "D1",
            memo: "m", projectId: "P-19", taskId: "03-3500", costTypeId: "MAT", customerId: "C1", vendorId: "V1", employeeId: "EM1", classId: "CL1", billable: true,
            retainagePercentage: 10,
          },
        ],
      }),
    ]);
    expect(tagOrder(xml, "potransitem")).toEqual([
      "itemid", "itemdesc", "warehouseid", "quantity", "unit", "price", "sourcelinekey", "locationid", "departmentid", "memo", "projectid", "taskid", "costtypeid",
      "customerid", "vendorid", "employeeid", "classid", "billable", "retainagepercentage",
    ]);
  });

  it("writes change-order lines with relateddockey and relateddoclinekey and requires relateddockey", () => {
    const fn = buildCreatePoChangeOrder({
      controlId: "co-1", transactionType: "PO Change Order", dateCreated: "2025-03-05", vendorId: "V100",
      lines: [{ itemId: "SUBCON", quantity: 1, price: 100, relatedDocKey: "12", relatedDocLineKey: "34" }, { itemId: "SUBCON", quantity: 1, price: 5, relatedDocKey: "12" }],
    });
    const xml = envelope([fn]);
    expect(xml).toContain("<relateddockey>12</relateddockey><relateddoclinekey>34</relateddoclinekey>");
    expect(xml).not.toContain("<createdfrom>");
    expect(() => buildCreatePoChangeOrder({ controlId: "co-2", transactionType: "PO Change Order", dateCreated: "2025-03-05", vendorId: "V100", lines: [{ itemId: "X", quantity: 1 }] })).toThrowError(/relatedDocKey/);
  });

  it("requires projectId for taskId and taskId for costTypeId on lines", () => {
    expect(() => po({ lines: [{ itemId: "X", quantity: 1, taskId: "T" }] })).toThrowError(/taskId needs projectId/);
    expect(() => po({ lines: [{ itemId: "X", quantity: 1, projectId: "P", costTypeId: "MAT" }] })).toThrowError(/costTypeId needs taskId/);
  });

  it("formats legacy dates as <year><month><day> and generic dates as mm/dd/yyyy", () => {
    expect(envelope([po({ dateCreated: "2025-03-01" })])).toContain("<datecreated><year>2025</year><month>03</month><day>01</day></datecreated>");
    expect(formatLegacyDate(new Date(Date.UTC(2025, 11, 31)))).toEqual({ year: "2025", month: "12", day: "31" });
    expect(formatGenericDate("2025-03-01")).toBe("03/01/2025");
    expect(formatGenericTimestamp(new Date("2025-03-01T07:08:09Z"))).toBe("03/01/2025 07:08:09");
    const estimate = buildCreateProjectEstimate({ controlId: "e-1", projectId: "P-19", estimateDate: "2025-04-02", entries: [{ taskId: "T", amount: 1, effectiveDate: "2025-04-03" }] });
    expect(envelope([estimate])).toContain("<ESTIMATEDATE>04/02/2025</ESTIMATEDATE>");
    expect(envelope([estimate])).toContain("<EFFECTIVEDATE>04/03/2025</EFFECTIVEDATE>");
  });

  it("rejects invalid dates and exponent-notation amounts", () => {
    expect(() => po({ dateCreated: "03/01/2025" })).toThrowError(IntacctValidationError);
    expect(() => po({ lines: [{ itemId: "X", quantity: 1e21 }] })).toThrowError(/plain decimal/);
  });

  it("builds PJESTIMATE with PJESTIMATEENTRY lines (WFTYPE, ACCOUNTNO, TASKID, COSTTYPEID, AMOUNT)", () => {
    const xml = envelope([
      buildCreateProjectEstimate({
        controlId: "est-P19", estimateId: "EST-P19", projectId: "P-19",
        entries: [{ taskId: "03-3500", costTypeId: "MAT", accountNo: "5000", amount: "9550.00" }, { taskId: "03-3500", amount: 10, wfType: "approved change" }],
      }),
    ]);
    expect(xml).toContain(
      "<create><PJESTIMATE><PJESTIMATEID>EST-P19</PJESTIMATEID><PROJECTID>P-19</PROJECTID><ENTRIES><PJESTIMATEENTRY><TASKID>03-3500</TASKID><COSTTYPEID>MAT</COSTTYPEID><ACCOUNTNO>5000</ACCOUNTNO><AMOUNT>9550.00</AMOUNT><WFTYPE>original</WFTYPE></PJESTIMATEENTRY>",
    );
    expect(xml).toContain("<WFTYPE>approved change</WFTYPE>");
    expect(xml).not.toContain("GLACCOUNTNO");
  });

  it("writes query filters, order and paging in the element order §7 shows", () => {
    const fn = buildQuery({
      object: "PROJECT", select: ["PROJECTID", "NAME"],
      filter: { and: [{ field: "STATUS", op: "equalto", value: "active" }, { field: "NAME", op: "like", value: "A%" }] },
      orderBy: [{ field: "PROJECTID" }], showPrivate: true, pageSize: 500, offset: 1000,
    });
    expect(envelope([fn])).toContain(
      "<query><object>PROJECT</object><select><field>PROJECTID</field><field>NAME</field></select><filter><and><equalto><field>STATUS</field><value>active</value></equalto><like><field>NAME</field><value>A%</value></like></and></filter><orderby><order><field>PROJECTID</field><ascending/></order></orderby><options><showprivate>true</showprivate></options><pagesize>500</pagesize><offset>1000</offset></query>",
    );
  });

  it("unwraps an and/or with a single child (§7: and/or need two)", () => {
    const fn = buildQuery({ object: "VENDOR", select: ["VENDORID"], filter: { and: [{ field: "STATUS", op: "equalto", value: "active" }] } });
    expect(envelope([fn])).toContain("<filter><equalto><field>STATUS</field><value>active</value></equalto></filter>");
  });

  it("quotes readByQuery literals with backslash escapes (§7)", () => {
    expect(quoteQueryLiteral("O'Brien \\ Sons")).toBe("'O\\'Brien \\\\ Sons'");
  });

  it("writes transaction and uniqueid as true/false (never a bare attribute)", () => {
    const xml = buildRequestXml({ senderId: "S", senderPassword: "SP", controlId: "r", uniqueId: true, transaction: true, authentication: { sessionId: "s" }, functions: [po()] });
    expect(xml).toContain('<operation transaction="true">');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><request>')).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import {
  IntacctValidationError,
  buildCreatePoChangeOrder,
  buildCreateProjectEstimate,
  buildCreatePurchaseOrder,
  buildCreateVendorInvoice,
  buildQuery,
  buildUpdateProjectEstimate,
  quoteQueryLiteral,
} from "@/lib/intacct";
import {
  buildGetApiSession,
  buildReadByName,
  buildReadByQuery,
  buildReadEntityDetails,
  buildReadMore,
} from "@/lib/intacct/functions/read-functions";
import {
  buildRequestXml,
  writeFunctions,
  type EnvelopeFunction,
  type XmlNode,
  type XmlValue,
} from "@/lib/intacct/xml-build";
import { writeFunctionsWithXmlBuilder } from "../../../scripts/lib/reference-xml";
import { escapeXmlText, formatGenericDate, formatGenericTimestamp, formatLegacyDate } from "@/lib/intacct/xml-values";

const envelope = (functions: Parameters<typeof buildRequestXml>[0]["functions"]) =>
  buildRequestXml({
    senderId: "S",
    senderPassword: "SP",
    controlId: "req-1",
    uniqueId: true,
    transaction: false,
    authentication: { sessionId: "sess" },
    functions,
  });
const po = (overrides: Partial<Parameters<typeof buildCreatePurchaseOrder>[0]> = {}) =>
  buildCreatePurchaseOrder({
    controlId: "po-1",
    dateCreated: "2025-03-01",
    dateDue: "2025-04-30",
    vendorId: "V100",
    lines: [{ itemId: "SUBCON", quantity: 1, price: "2500.00" }],
    ...overrides,
  });
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
    expect(roundTrip(xml).request.operation.content.function.create_potransaction.message).toBe(
      `Tom & Jerry's <b>"bold"</b>`,
    );
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
    expect(roundTrip(xml).request.operation.content.function.create_potransaction.potransitems.potransitem.memo).toBe(
      hostile,
    );
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
      expect((error as IntacctValidationError).message).toBe(
        'Field "message" contains the character U+0007 at position 3, which XML cannot carry',
      );
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

  it("escapes any string as a regex replace would, and rejects exactly what XML cannot carry (property)", () => {
    const forbidden =
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
    // Strings of any UTF-16 code units (lone surrogates included), weighted towards the characters that matter.
    const unit = fc.oneof(
      fc.constantFrom(
        "&",
        "<",
        ">",
        '"',
        "'",
        "\t",
        "\n",
        "\r",
        "\u0000",
        "\u001F",
        "\uD83C",
        "\uDFD7",
        "\uFFFE",
        "\uFFFF",
        "é",
        "–",
      ),
      fc.string({ unit: "binary", maxLength: 1 }),
    );
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 16 }).map((units) => units.join("")),
        (text) => {
          if (forbidden.test(text)) expect(() => escapeXmlText("memo", text)).toThrowError(IntacctValidationError);
          else expect(escapeXmlText("memo", text)).toBe(text.replace(/[&<>"']/g, (char) => entities[char] ?? char));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("orders the control block children as the XSD sequence requires", () => {
    expect(tagOrder(envelope([po()]), "control")).toEqual([
      "senderid",
      "password",
      "controlid",
      "uniqueid",
      "dtdversion",
      "includewhitespace",
    ]);
  });

  it("orders create_potransaction header elements as §9 requires", () => {
    const xml = envelope([
      buildCreateVendorInvoice({
        controlId: "vi-1",
        transactionType: "Vendor Invoice",
        dateCreated: "2025-03-01",
        dateDue: "2025-04-30",
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
        exchangeRateDate: "2025-03-01",
        exchangeRateType: "Intacct Daily Rate",
        customFields: { JOBSITE: "North" },
        state: "Pending",
        projectId: "P-19",
        lines: [{ itemId: "SUBCON", quantity: 1, sourceLineKey: "41" }],
      }),
    ]);
    expect(tagOrder(xml, "create_potransaction")).toEqual([
      "transactiontype",
      "datecreated",
      "dateposted",
      "createdfrom",
      "vendorid",
      "documentno",
      "referenceno",
      "vendordocno",
      "termname",
      "datedue",
      "message",
      "returnto",
      "payto",
      "externalid",
      "currency",
      "exchratedate",
      "exchratetype",
      "customfields",
      "state",
      "projectid",
      "potransitems",
    ]);
  });

  it("orders potransitem elements per the XSD with taskid/costtypeid right after projectid (§9)", () => {
    const xml = envelope([
      po({
        lines: [
          {
            itemId: "SUBCON",
            itemDescription: "d",
            warehouseId: "W1",
            quantity: "2",
            unit: "Each",
            price: 5,
            sourceLineKey: "7",
            locationId: "E1",
            departmentId: "D1",
            memo: "m",
            projectId: "P-19",
            taskId: "03-3500",
            costTypeId: "MAT",
            customerId: "C1",
            vendorId: "V1",
            employeeId: "EM1",
            classId: "CL1",
            billable: true,
            retainagePercentage: 10,
          },
        ],
      }),
    ]);
    expect(tagOrder(xml, "potransitem")).toEqual([
      "itemid",
      "itemdesc",
      "warehouseid",
      "quantity",
      "unit",
      "price",
      "sourcelinekey",
      "locationid",
      "departmentid",
      "memo",
      "projectid",
      "taskid",
      "costtypeid",
      "customerid",
      "vendorid",
      "employeeid",
      "classid",
      "billable",
      "retainagepercentage",
    ]);
  });

  it("writes change-order lines with relateddockey and relateddoclinekey and requires relateddockey", () => {
    const fn = buildCreatePoChangeOrder({
      controlId: "co-1",
      transactionType: "PO Change Order",
      dateCreated: "2025-03-05",
      dateDue: "2025-04-30",
      vendorId: "V100",
      lines: [
        { itemId: "SUBCON", quantity: 1, price: 100, relatedDocKey: "12", relatedDocLineKey: "34" },
        { itemId: "SUBCON", quantity: 1, price: 5, relatedDocKey: "12" },
      ],
    });
    const xml = envelope([fn]);
    expect(xml).toContain("<relateddockey>12</relateddockey><relateddoclinekey>34</relateddoclinekey>");
    expect(xml).not.toContain("<createdfrom>");
    expect(() =>
      buildCreatePoChangeOrder({
        controlId: "co-2",
        transactionType: "PO Change Order",
        dateCreated: "2025-03-05",
        dateDue: "2025-04-30",
        vendorId: "V100",
        lines: [{ itemId: "X", quantity: 1 }],
      }),
    ).toThrowError(/relatedDocKey/);
  });

  it("requires projectId for taskId and taskId for costTypeId on lines", () => {
    expect(() => po({ lines: [{ itemId: "X", quantity: 1, taskId: "T" }] })).toThrowError(/taskId needs projectId/);
    expect(() => po({ lines: [{ itemId: "X", quantity: 1, projectId: "P", costTypeId: "MAT" }] })).toThrowError(
      /costTypeId needs taskId/,
    );
  });

  it("formats legacy dates as <year><month><day> and generic dates as mm/dd/yyyy", () => {
    expect(envelope([po({ dateCreated: "2025-03-01" })])).toContain(
      "<datecreated><year>2025</year><month>03</month><day>01</day></datecreated>",
    );
    expect(formatLegacyDate(new Date(Date.UTC(2025, 11, 31)))).toEqual({ year: "2025", month: "12", day: "31" });
    expect(formatGenericDate("2025-03-01")).toBe("03/01/2025");
    expect(formatGenericTimestamp(new Date("2025-03-01T07:08:09Z"))).toBe("03/01/2025 07:08:09");
    const estimate = buildCreateProjectEstimate({
      controlId: "e-1",
      projectId: "P-19",
      estimateDate: "2025-04-02",
      entries: [{ taskId: "T", amount: 1, effectiveDate: "2025-04-03" }],
    });
    expect(envelope([estimate])).toContain("<ESTIMATEDATE>04/02/2025</ESTIMATEDATE>");
    expect(envelope([estimate])).toContain("<EFFECTIVEDATE>04/03/2025</EFFECTIVEDATE>");
  });

  it("rejects invalid dates and exponent-notation amounts", () => {
    expect(() => po({ dateCreated: "03/01/2025" })).toThrowError(IntacctValidationError);
    expect(() => po({ lines: [{ itemId: "X", quantity: 1e21 }] })).toThrowError(/plain decimal/);
  });

  it("requires datedue on every create_potransaction and always writes it (§9)", () => {
    const input = {
      controlId: "x",
      dateCreated: "2025-03-01",
      vendorId: "V100",
      lines: [{ itemId: "S", quantity: 1 }],
    };
    for (const build of [buildCreatePurchaseOrder, buildCreateVendorInvoice]) {
      expect(() => build(input as Parameters<typeof build>[0])).toThrowError(/dateDue/);
    }
    expect(() =>
      buildCreatePoChangeOrder({
        ...input,
        transactionType: "PO Change Order",
        lines: [{ itemId: "S", quantity: 1, relatedDocKey: "12" }],
      } as Parameters<typeof buildCreatePoChangeOrder>[0]),
    ).toThrowError(/dateDue/);
    expect(envelope([po({ dateDue: "2025-04-30" })])).toContain(
      "<datedue><year>2025</year><month>04</month><day>30</day></datedue>",
    );
  });

  it("takes a currency with exactly one of exchangeRateType (optionally dated) or exchangeRate (§9)", () => {
    expect(() => po({ currency: "EUR" })).toThrowError(/exchangeRateType.*or exchangeRate/);
    expect(() => po({ currency: "EUR", exchangeRateType: "Intacct Daily Rate", exchangeRate: "1.1" })).toThrowError(
      /not both/,
    );
    expect(() => po({ currency: "EUR", exchangeRateDate: "2025-03-01", exchangeRate: "1.1" })).toThrowError(
      /exchangeRateDate goes with exchangeRateType/,
    );
    expect(() => po({ exchangeRate: "1.1" })).toThrowError(/needs a currency/);
    expect(envelope([po({ currency: "EUR", exchangeRate: "1.1" })])).toContain(
      "<currency>EUR</currency><exchrate>1.1</exchrate>",
    );
    expect(
      envelope([po({ currency: "EUR", exchangeRateDate: "2025-03-01", exchangeRateType: "Intacct Daily Rate" })]),
    ).toContain(
      "<currency>EUR</currency><exchratedate><year>2025</year><month>03</month><day>01</day></exchratedate><exchratetype>Intacct Daily Rate</exchratetype>",
    );
  });

  it("refuses LOCATIONID on an estimate entry: Sage documents no such PJESTIMATEENTRY field (§10)", () => {
    expect(() =>
      buildCreateProjectEstimate({
        controlId: "e-1",
        projectId: "P-19",
        entries: [{ taskId: "T", amount: 1, locationId: "E100" } as never],
      }),
    ).toThrowError(/locationId/);
  });

  it("builds PJESTIMATE with PJESTIMATEENTRY lines (WFTYPE, ACCOUNTNO, TASKID, COSTTYPEID, AMOUNT)", () => {
    const xml = envelope([
      buildCreateProjectEstimate({
        controlId: "est-P19",
        estimateId: "EST-P19",
        projectId: "P-19",
        entries: [
          { taskId: "03-3500", costTypeId: "MAT", accountNo: "5000", amount: "9550.00" },
          { taskId: "03-3500", amount: 10, wfType: "approved change" },
        ],
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
      object: "PROJECT",
      select: ["PROJECTID", "NAME"],
      filter: {
        and: [
          { field: "STATUS", op: "equalto", value: "active" },
          { field: "NAME", op: "like", value: "A%" },
        ],
      },
      orderBy: [{ field: "PROJECTID" }],
      showPrivate: true,
      pageSize: 500,
      offset: 1000,
    });
    expect(envelope([fn])).toContain(
      "<query><object>PROJECT</object><select><field>PROJECTID</field><field>NAME</field></select><filter><and><equalto><field>STATUS</field><value>active</value></equalto><like><field>NAME</field><value>A%</value></like></and></filter><orderby><order><field>PROJECTID</field><ascending/></order></orderby><options><showprivate>true</showprivate></options><pagesize>500</pagesize><offset>1000</offset></query>",
    );
  });

  it("unwraps an and/or with a single child (§7: and/or need two)", () => {
    const fn = buildQuery({
      object: "VENDOR",
      select: ["VENDORID"],
      filter: { and: [{ field: "STATUS", op: "equalto", value: "active" }] },
    });
    expect(envelope([fn])).toContain("<filter><equalto><field>STATUS</field><value>active</value></equalto></filter>");
  });

  it("quotes readByQuery literals with backslash escapes (§7)", () => {
    expect(quoteQueryLiteral("O'Brien \\ Sons")).toBe("'O\\'Brien \\\\ Sons'");
  });

  it("writes transaction and uniqueid as true/false (never a bare attribute)", () => {
    const xml = buildRequestXml({
      senderId: "S",
      senderPassword: "SP",
      controlId: "r",
      uniqueId: true,
      transaction: true,
      authentication: { sessionId: "s" },
      functions: [po()],
    });
    expect(xml).toContain('<operation transaction="true">');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><request>')).toBe(true);
  });
});

describe("function writer held to XMLBuilder", () => {
  // Every value a user can type, with the five XML specials, markup and CDATA lookalikes, and Unicode.
  const hostile = `Tom & Jerry's <b>"x"</b> <![CDATA[]]> Café 東京 🏗️ \t\n`;

  it("writes every typed function, all fields set and hostile text in them, exactly as XMLBuilder does", () => {
    const line = {
      itemId: "SUBCON",
      itemDescription: hostile,
      warehouseId: "W1",
      quantity: "2",
      unit: "Each",
      price: 5,
      locationId: "E1",
      departmentId: "D1",
      memo: hostile,
      projectId: "P-19",
      taskId: "03-3500",
      costTypeId: "MAT",
      customerId: "C1",
      vendorId: "V1",
      employeeId: "EM1",
      classId: "CL1",
      billable: true,
      retainagePercentage: 10,
      customFields: { JOBSITE: hostile, EMPTY: "" },
    };
    const header = {
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      datePosted: "2025-03-02",
      vendorId: "V100",
      documentNo: "INV-1",
      referenceNo: hostile,
      vendorDocNo: "VD-1",
      termName: "N30",
      message: hostile,
      externalId: "x-1",
      currency: "USD",
      exchangeRateType: "Intacct Daily Rate",
      customFields: { JOBSITE: "North" },
      state: "Pending" as const,
      projectId: "P-19",
    };
    const functions = [
      buildCreatePurchaseOrder({
        ...header,
        controlId: `po-"1"&<x>`,
        lines: [line, { itemId: "SUBCON", quantity: 1 }],
      }),
      buildCreateVendorInvoice({
        ...header,
        controlId: "vi-1",
        createdFrom: "Purchase Order-PO-1",
        lines: [{ ...line, sourceLineKey: "41" }],
      }),
      buildCreatePoChangeOrder({
        ...header,
        controlId: "co-1",
        transactionType: "PO Change Order",
        lines: [{ ...line, relatedDocKey: "12", relatedDocLineKey: "34" }],
      }),
      buildCreateProjectEstimate({
        controlId: "est-1",
        estimateId: "EST-1",
        projectId: "P-19",
        description: hostile,
        estimateDate: "2025-04-02",
        entries: [
          {
            taskId: "T",
            costTypeId: "MAT",
            accountNo: "5000",
            amount: "9550.00",
            memo: hostile,
            effectiveDate: "2025-04-03",
          },
          { taskId: "T", quantity: 2, unitCost: 3 },
        ],
      }),
      buildUpdateProjectEstimate({
        controlId: "est-1-co",
        recordNo: "12",
        entries: [{ taskId: "T", amount: 1, wfType: "approved change" }],
      }),
      buildQuery({
        object: "PROJECT",
        select: ["PROJECTID", "NAME"],
        orderBy: [{ field: "PROJECTID" }, { field: "NAME", descending: true }],
        caseInsensitive: true,
        showPrivate: true,
        filter: {
          or: [
            { field: "NAME", op: "like", value: hostile },
            { field: "STATUS", op: "in", values: ["active", "inactive"] },
            { field: "PARENTID", op: "isnull" },
          ],
        },
      }),
      buildReadByQuery({ object: "VENDOR", query: `NAME = '${hostile}'`, docParId: "Purchase Order" }),
      buildReadMore("result-1"),
      buildReadByName({ object: "PODOCUMENT", keys: ["Purchase Order-PO-1"], docParId: "Purchase Order" }),
      buildReadEntityDetails(),
      buildReadEntityDetails("VENDOR"),
      buildGetApiSession("E1"),
    ];
    const written = writeFunctions(functions);
    expect(written).toBe(writeFunctionsWithXmlBuilder(functions));
    expect(written).toContain("<message>Tom &amp; Jerry&apos;s &lt;b&gt;&quot;x&quot;&lt;/b&gt; &lt;![CDATA[]]&gt;");
  });

  // Trees of any shape the builders can produce: nested elements, lists (also of ""), empty elements and
  // objects, undefined (dropped), attributes on any element, and any text XML can carry.
  const xmlText = fc
    .string({ unit: "grapheme", maxLength: 12 })
    .filter((text) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(text));
  const elementName = fc.constantFrom("a", "b", "item", "PJESTIMATEENTRY", "x-y", "n_1");
  const { tree } = fc.letrec<{ tree: XmlNode; value: XmlValue }>((recurse) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      xmlText,
      fc.constant(undefined),
      recurse("tree"),
      fc.array(fc.oneof(xmlText, fc.constant(""), recurse("tree")), { maxLength: 3 }),
    ),
    tree: fc
      .tuple(
        fc.dictionary(elementName, recurse("value"), { maxKeys: 4 }),
        fc.option(fc.dictionary(fc.constantFrom("@_k", "@_id"), xmlText, { maxKeys: 2 }), { nil: undefined }),
      )
      .map(([children, attributes]) => ({ ...attributes, ...children }) as XmlNode),
  }));

  it("refuses XMLBuilder's special keys, which a body never needs and which would not be XML as elements", () => {
    expect(() => writeFunctions([{ controlId: "c", body: { a: { "#text": "t" } } }])).toThrowError(
      /"#text" is not an element name/,
    );
    expect(() => writeFunctions([{ controlId: "c", body: { "?xml": "" } }])).toThrowError(
      /"\?xml" is not an element name/,
    );
  });

  it("writes any tree of that shape exactly as XMLBuilder does (property)", () => {
    const functions = fc.array(fc.record({ controlId: xmlText, body: tree }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(functions, (generated: EnvelopeFunction[]) => {
        expect(writeFunctions(generated)).toBe(writeFunctionsWithXmlBuilder(generated));
      }),
      { numRuns: 500 },
    );
  });
});

// The reply shapes the official SDKs' tests show (docs/intacct/gateway.md §3, §4, §7), held against the parser and the client. Every
// fixture is hand-written after those tests' XML, never produced by our mock, so the client cannot pass by symmetry.
import { describe, expect, it } from "vitest";
import { toIntacctError } from "@/lib/intacct/errors";
import { decodeXmlText, parseResponseXml } from "@/lib/intacct/xml-parse";
import { control, errorXml, failureResult, readByQueryPage, response, successResult, vendorRecord } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds } from "./helpers";

const CONTEXT = { companyId: "DEMO", senderId: "s", userId: "u", redact: (text: string) => text };

const functionError = (details: { errorNo: string; description: string; description2: string }[]) =>
  toIntacctError(
    {
      type: "function",
      status: 200,
      body: "",
      details: details.map((detail) => ({ ...detail, correction: "" })),
      functionControlId: "f-1",
      functionName: "create_potransaction",
      resultStatus: "failure",
    },
    CONTEXT,
  );

describe("numeric character references (§3: Intacct writes ' as &#039;)", () => {
  it("decodes &#NNN; and &#xHH; in record fields, attributes and error texts", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "readByQuery",
          "f1",
          `<data listtype="vendor" count="1" totalcount="1" numremaining="0" resultId="R&#039;1"><vendor><VENDORID>V-9</VENDORID><NAME>O&#039;Brien &amp; Sons &lt;Concrete&gt; &#x2014; Caf&#233;</NAME></vendor></data>`,
        ) +
          failureResult(
            "create_potransaction",
            "f2",
            errorXml("BL01001973", "", "Invalid Vendor &#039;V-9&#039; specified."),
          ),
      ),
    );
    expect(parsed.results[0]?.data?.records[0]?.NAME).toBe("O'Brien & Sons <Concrete> — Café");
    expect(parsed.results[0]?.data?.resultId).toBe("R'1");
    expect(parsed.results[1]?.errors[0]?.description2).toBe("Invalid Vendor 'V-9' specified.");
  });

  it("decodes once: an escaped ampersand before a reference stays literal text", () => {
    expect(decodeXmlText("&amp;#039; &amp;lt;b&amp;gt; &amp;amp;")).toBe("&#039; &lt;b&gt; &amp;");
  });

  it("never turns decoded text into markup: &#60;b&#62; is the text <b>, not an element", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "read",
          "f1",
          `<data listtype="VENDOR" count="1"><VENDOR><NAME>&#60;b&#62;x&#60;/b&#62;</NAME></VENDOR></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data?.records[0]).toEqual({ NAME: "<b>x</b>" });
  });

  it("keeps references to characters XML cannot carry, and unknown entities, as written", () => {
    expect(decodeXmlText("a&#0;b&#xD800;c&#1114112;d&nbsp;e&copy;")).toBe("a&#0;b&#xD800;c&#1114112;d&nbsp;e&copy;");
    expect(decodeXmlText("&#x1F3D7;&#65;&#x41;")).toBe("🏗AA");
  });

  it("does not expand entities declared in a DOCTYPE, and keeps CDATA literal", () => {
    const xml =
      `<?xml version="1.0"?><!DOCTYPE response [<!ENTITY boom "EXPANDED">]><response>${control()}<operation>` +
      successResult(
        "read",
        "f1",
        `<data listtype="VENDOR" count="1"><VENDOR><NAME>&boom;</NAME><MEMO><![CDATA[a &amp; <b>]]></MEMO></VENDOR></data>`,
      ) +
      `</operation></response>`;
    expect(parseResponseXml(xml).results[0]?.data?.records[0]).toEqual({ NAME: "&boom;", MEMO: "a &amp; <b>" });
  });

  it("lets the invalid-vendor rule fire on Intacct's own wording and quotes the vendor id decoded", () => {
    const [detail] = parseResponseXml(
      response(
        failureResult(
          "create_potransaction",
          "f1",
          errorXml("BL01001973", "", "Invalid Vendor &#039;V-9&#039; specified."),
        ),
      ),
    ).results[0]!.errors;
    const error = functionError([detail!]);
    expect(error.code).toBe("invalid-vendor");
    expect(error.userMessage).toBe(
      "Vendor 'V-9' is missing or inactive in Sage Intacct — reactivate it there or relink the vendor in the app.",
    );
    expect(error.userMessage).not.toContain("&#");
  });
});

describe("reply shapes (§3, §4, §7)", () => {
  it("reads an UPPERCASE read/readByName wrapper that carries listtype and count only", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "readByName",
          "f1",
          `<data listtype="VENDOR" count="2"><VENDOR><VENDORID>V1</VENDORID></VENDOR><VENDOR><VENDORID>V2</VENDORID></VENDOR></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data).toEqual({
      listType: "VENDOR",
      count: 2,
      totalCount: undefined,
      numRemaining: undefined,
      resultId: undefined,
      offset: undefined,
      records: [{ VENDORID: "V1" }, { VENDORID: "V2" }],
    });
  });

  it("client.read and readByName return the records of an UPPERCASE wrapper", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        response(
          successResult(
            "readByName",
            functionControlIds(request.body)[0] ?? "",
            `<data listtype="PJESTIMATE" count="1"><PJESTIMATE><RECORDNO>12</RECORDNO><PJESTIMATEID>EST-P19</PJESTIMATEID></PJESTIMATE></data>`,
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    expect(await client.readByName({ object: "PJESTIMATE", keys: ["EST-P19"] })).toEqual([
      { RECORDNO: "12", PJESTIMATEID: "EST-P19" },
    ]);
  });

  it("stops readByQuery at numremaining 0 although the last page keeps its resultId", async () => {
    const { transport, dataRequests } = createScriptedTransport([
      (request) =>
        readByQueryPage({
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [vendorRecord("V1")],
          totalCount: 2,
          numRemaining: 1,
          resultId: "6465763031V2wi28CoHYQAAF0HcP8AAAAc5",
        }),
      (request) =>
        readByQueryPage({
          fn: "readMore",
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [vendorRecord("V2")],
          totalCount: 2,
          numRemaining: 0,
          resultId: "6465763031V2wi28CoHYQAAF0HcP8AAAAc5",
        }),
    ]);
    const { client } = createTestClient(transport);
    const ids = [];
    for await (const page of client.readByQuery({ object: "VENDOR" })) ids.push(...page.map((r) => r.VENDORID));
    expect(ids).toEqual(["V1", "V2"]);
    expect(dataRequests()).toHaveLength(2);
  });

  it("reports an invalid or expired resultId ('readMore failed') as a result set that expired", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        response(
          failureResult(
            "readMore",
            functionControlIds(request.body)[0] ?? "",
            errorXml(
              "readMore failed",
              "",
              "Attempt to readMore with an invalid or expired resultId: 6465763031V2wi28CoHYQAAF0HcP8AAAAc5",
            ),
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const error = await client.readMore("6465763031V2wi28CoHYQAAF0HcP8AAAAc5").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "result-set-expired", errorNo: "readMore failed" });
    expect((error as { userMessage: string }).userMessage).toMatch(/start the refresh again/);
  });

  it("reads a generic failure with 'Error' in description and the text in description2", () => {
    const error = functionError([
      { errorNo: "DL02000001", description: "Error", description2: "There was an error processing the request." },
    ]);
    expect(error.code).toBe("query-failed");
    const other = functionError([
      { errorNo: "XX99", description: "Error", description2: "Something Intacct-specific went wrong." },
    ]);
    // The placeholder is dropped from what an admin reads; the real words stay.
    expect(other.userMessage).toBe("Sage Intacct rejected the request: Something Intacct-specific went wrong.");
  });

  it("reads a duplicate document number (BL34000061 then BL01001973 'Could not create … record!') as a duplicate", () => {
    const parsed = parseResponseXml(
      response(
        failureResult(
          "create_potransaction",
          "f1",
          errorXml(
            "BL34000061",
            "",
            "Another Document with the given value(s) SC-1  already exists",
            "Use a unique value instead.",
          ) + errorXml("BL01001973", "", "Could not create Document record!"),
        ),
      ),
    );
    const details = parsed.results[0]!.errors;
    expect(details.map((detail) => detail.errorNo)).toEqual(["BL34000061", "BL01001973"]);
    expect(functionError(details).code).toBe("duplicate");
  });

  it("accepts <authentication> without locationid and sessiontimeout, and keeps the session", async () => {
    const bare =
      `<?xml version="1.0" encoding="UTF-8"?><response>${control()}<operation><authentication><status>success</status>` +
      `<userid>xml_gateway</userid><companyid>DEMO-CONSTRUCTION</companyid><sessiontimestamp>2025-03-01T10:08:34-07:00</sessiontimestamp></authentication>`;
    const parsed = parseResponseXml(`${bare}${successResult("read", "f1", "")}</operation></response>`);
    expect(parsed.authentication).toEqual({
      status: "success",
      userId: "xml_gateway",
      companyId: "DEMO-CONSTRUCTION",
      locationId: "",
      sessionTimestamp: "2025-03-01T10:08:34-07:00",
      sessionTimeout: "",
    });
    const { transport, dataRequests } = createScriptedTransport([
      (request) => `${bare}${readByQueryResult(functionControlIds(request.body)[0] ?? "")}</operation></response>`,
      (request) => `${bare}${readByQueryResult(functionControlIds(request.body)[0] ?? "")}</operation></response>`,
    ]);
    const { client } = createTestClient(transport);
    for (let round = 0; round < 2; round++) {
      const ids = [];
      for await (const page of client.readByQuery({ object: "VENDOR" })) ids.push(...page.map((r) => r.VENDORID));
      expect(ids).toEqual(["V1"]);
    }
    // One login, two reads: a reply without sessiontimeout does not end the session.
    expect(dataRequests()).toHaveLength(2);
  });

  it("reads <x></x> like <x/>: an empty string, in records, errors and the envelope", () => {
    const parsed = parseResponseXml(
      `<?xml version="1.0" encoding="UTF-8"?><response>${control()}<operation><authentication><status>success</status><userid>u</userid><companyid>c</companyid><locationid></locationid><sessiontimestamp></sessiontimestamp><sessiontimeout></sessiontimeout></authentication>` +
        successResult(
          "read",
          "f1",
          `<data listtype="VENDOR" count="1"><VENDOR><VENDORID>V1</VENDORID><TERMNAME></TERMNAME><CURRENCY/></VENDOR></data>`,
        ) +
        failureResult(
          "create",
          "f2",
          `<error><errorno>BL01001973</errorno><description></description><description2>x</description2><correction></correction></error>`,
        ) +
        `</operation></response>`,
    );
    expect(parsed.authentication?.locationId).toBe("");
    expect(parsed.results[0]?.data?.records[0]).toEqual({ VENDORID: "V1", TERMNAME: "", CURRENCY: "" });
    expect(parsed.results[1]?.errors[0]).toEqual({
      errorNo: "BL01001973",
      description: "",
      description2: "x",
      correction: "",
    });
  });
});

function readByQueryResult(controlId: string): string {
  return successResult(
    "readByQuery",
    controlId,
    `<data listtype="vendor" count="1" totalcount="1" numremaining="0" resultId="">${vendorRecord("V1")}</data>`,
  );
}

import { describe, expect, it } from "vitest";
import { NotIntacctXmlError, parseResponseXml } from "@/lib/intacct/xml-parse";
import { errorXml, failureResult, response, successResult } from "./fixtures";

describe("response parsing", () => {
  it("parses readByQuery data with lowercase wrappers and paging attributes", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "readByQuery",
          "f1",
          `<data listtype="vendor" count="2" totalcount="3" numremaining="1" resultId="7765623330WZzS9cCoJ0ABBhQwYzAAAAAo5"><vendor><VENDORID>V1</VENDORID></vendor><vendor><VENDORID>V2</VENDORID></vendor></data>`,
        ),
      ),
    );
    const data = parsed.results[0]?.data;
    expect(data).toMatchObject({
      listType: "vendor",
      count: 2,
      totalCount: 3,
      numRemaining: 1,
      resultId: "7765623330WZzS9cCoJ0ABBhQwYzAAAAAo5",
    });
    expect(data?.records).toEqual([{ VENDORID: "V1" }, { VENDORID: "V2" }]);
  });

  it("parses query data with UPPERCASE wrappers, dotted related fields and aggregates", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "query",
          "f1",
          `<data listtype="VENDOR" totalcount="1" offset="0" count="1" numremaining="0"><VENDOR><VENDORID>V1</VENDORID><VENDOR.CREDITLIMIT>100.50</VENDOR.CREDITLIMIT><COUNT.RECORDNO>4</COUNT.RECORDNO></VENDOR></data>`,
        ),
      ),
    );
    const data = parsed.results[0]?.data;
    expect(data).toMatchObject({ listType: "VENDOR", offset: 0, totalCount: 1, resultId: undefined });
    expect(data?.records[0]).toEqual({ VENDORID: "V1", "VENDOR.CREDITLIMIT": "100.50", "COUNT.RECORDNO": "4" });
  });

  it("returns a single record as a one-element list", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "readByName",
          "f1",
          `<data listtype="project" count="1"><project><PROJECTID>P-19</PROJECTID></project></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data?.records).toEqual([{ PROJECTID: "P-19" }]);
  });

  it("returns no records for an empty <data/>", () => {
    const parsed = parseResponseXml(
      response(
        successResult("readByQuery", "f1", `<data listtype="vendor" count="0" totalcount="0" numremaining="0"/>`),
      ),
    );
    expect(parsed.results[0]?.data?.records).toEqual([]);
  });

  it("keeps empty elements as empty strings", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "read",
          "f1",
          `<data><vendor><VENDORID>V1</VENDORID><TERMNAME/><CURRENCY></CURRENCY></vendor></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data?.records[0]).toEqual({ VENDORID: "V1", TERMNAME: "", CURRENCY: "" });
  });

  it("keeps numbers as strings (leading zeros, decimals, big ids)", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "read",
          "f1",
          `<data><item><ITEMID>00123</ITEMID><PRICE>2500.00</PRICE><BIG>12345678901234567890</BIG></item></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data?.records[0]).toEqual({
      ITEMID: "00123",
      PRICE: "2500.00",
      BIG: "12345678901234567890",
    });
  });

  it("decodes entities and Unicode in values", () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "read",
          "f1",
          `<data><vendor><NAME>A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos; Café 🏗️</NAME></vendor></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data?.records[0]?.NAME).toBe(`A & B <C> "D" 'E' Café 🏗️`);
  });

  it("parses the legacy <key> reply of create_potransaction", () => {
    const parsed = parseResponseXml(
      response(successResult("create_potransaction", "po-1", "<key>Purchase Order-PO0213</key>")),
    );
    expect(parsed.results[0]?.key).toBe("Purchase Order-PO0213");
  });

  it('parses generic create replies (<data listtype="objects">) with RECORDNO and the ID', () => {
    const parsed = parseResponseXml(
      response(
        successResult(
          "create",
          "e-1",
          `<data listtype="objects" count="1"><pjestimate><RECORDNO>5</RECORDNO><PJESTIMATEID>EST-P19</PJESTIMATEID></pjestimate></data>`,
        ),
      ),
    );
    expect(parsed.results[0]?.data?.records).toEqual([{ RECORDNO: "5", PJESTIMATEID: "EST-P19" }]);
  });

  it("parses several errors per result and empty error parts", () => {
    const parsed = parseResponseXml(
      response(
        failureResult(
          "create",
          "c-1",
          errorXml("BL01001973", "Could not create GL Account record.") +
            errorXml(
              "BL34000061",
              "Another GL Account with the given value(s) 1000 already exists",
              "",
              "Use a unique value",
            ),
        ),
      ),
    );
    expect(parsed.results[0]?.errors).toEqual([
      { errorNo: "BL01001973", description: "Could not create GL Account record.", description2: "", correction: "" },
      {
        errorNo: "BL34000061",
        description: "Another GL Account with the given value(s) 1000 already exists",
        description2: "",
        correction: "Use a unique value",
      },
    ]);
  });

  it("keeps results in response order with their controlids", () => {
    const parsed = parseResponseXml(
      response(
        successResult("readByQuery", "a") + successResult("readByQuery", "b") + successResult("readByQuery", "c"),
      ),
    );
    expect(parsed.results.map((result) => result.controlId)).toEqual(["a", "b", "c"]);
  });

  it("throws NotIntacctXmlError (never a parser crash) for HTML, JSON, empty and truncated bodies", () => {
    for (const body of [
      "<html><body>502</body></html>",
      '{"a":1}',
      "",
      "   ",
      "<response><control><status>success</status></control>",
      "<<<>>>&&&",
    ]) {
      expect(() => parseResponseXml(body), JSON.stringify(body)).toThrowError(NotIntacctXmlError);
    }
  });

  it("accepts a pretty-printed response (includewhitespace=true)", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <control>\n    <status>success</status>\n  </control>\n  <operation>\n    <result>\n      <status>success</status>\n      <function>readByQuery</function>\n      <controlid>f1</controlid>\n      <data listtype="vendor" count="1">\n        <vendor>\n          <VENDORID>V1</VENDORID>\n        </vendor>\n      </data>\n    </result>\n  </operation>\n</response>\n`;
    expect(parseResponseXml(xml).results[0]?.data?.records).toEqual([{ VENDORID: "V1" }]);
  });
});

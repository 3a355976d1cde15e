import { describe, expect, it } from "vitest";
import { buildRequest, readByQueryXml } from "./test-helpers";
import { parsePlainXml, parseXml, parseXmlWithValidator } from "./xml";

const invoice = (i: number) =>
  `<function controlid="vi-${i}"><create_potransaction><transactiontype>Vendor Invoice</transactiontype>` +
  `<datecreated><year>2025</year><month>03</month><day>10</day></datecreated><vendorid>V-1001</vendorid>` +
  `<returnto><contactname/></returnto><payto><contactname></contactname></payto><potransitems><potransitem>` +
  `<itemid>SUBCONTRACT</itemid><quantity>1</quantity><memo>  Tom &amp; Jerry&apos;s &lt;b&gt; &quot;x&quot; Café 東京 🏗️ </memo>` +
  `</potransitem></potransitems></create_potransaction></function>`;

describe("request parsing: plain fast path vs validator + fast-xml-parser", () => {
  it("gives the same tree for the documents clients send", () => {
    const documents = [
      buildRequest([readByQueryXml("VENDOR", "STATUS = 'T'", { fields: "VENDORID,NAME", pagesize: 10 })], {
        uniqueId: false,
      }),
      `<?xml version="1.0" encoding="UTF-8"?><request><control><senderid> s </senderid></control><operation transaction = 'true'>` +
        `<authentication><sessionid>x..</sessionid></authentication><content>${invoice(1)}${invoice(2)}</content></operation></request>\n`,
      `<request>\n  <a>1</a>\n  <b x="1" y='2'>mixed <c/> text</b>\n</request>`,
      `<request><a>O&#039;Brien &#x26; Sons &#60;C&#62; &#x1F3D7; &#233;</a></request>`,
    ];
    for (const document of documents) {
      const plain = parsePlainXml(document);
      expect(plain).toBeDefined();
      expect({ root: plain }).toEqual(parseXmlWithValidator(document));
    }
  });

  it.each([
    ["a second root element", "<request/><other/>"],
    ["a mismatched closing tag", "<request><a>1</b></request>"],
    ["an unclosed element", "<request><a>1</a>"],
    ["text outside the root", "junk<request/>"],
    ["an HTML entity", "<request><a>&nbsp;</a></request>"],
    ["a reference to a control character", "<request><a>&#1;</a></request>"],
    ["a character reference in an attribute", '<request a="&#65;"/>'],
    ["a comment", "<request><!-- c --><a/></request>"],
    ["CDATA", "<request><a><![CDATA[x]]></a></request>"],
    ["a duplicate attribute", '<request a="1" a="2"/>'],
    ["an unquoted attribute", "<request a=1/>"],
    ["a namespace prefix", "<request><x:a/></request>"],
    ["a declaration after whitespace", '  <?xml version="1.0"?><request/>'],
  ])("leaves %s to the validator path (same result, same error text)", (_, document) => {
    expect(parsePlainXml(document)).toBeUndefined();
    expect(parseXml(document)).toEqual(parseXmlWithValidator(document));
  });
});

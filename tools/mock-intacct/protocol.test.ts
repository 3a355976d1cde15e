// Envelope, check order and error levels (docs/intacct/gateway.md §2–§4, §13.1–2).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CREDENTIALS, NO_WEBSERVICES_COMPANY_ID, startMockIntacct, type MockIntacct } from "./index";
import { buildRequest, call, fn, openSession, postRaw, readByQueryXml } from "./test-helpers";
import { findChild, readChildText } from "./xml";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMockIntacct({ port: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const VENDOR_READ = readByQueryXml("VENDOR", "", { fields: "VENDORID", pagesize: 1 });

describe("check order and error levels", () => {
  it("malformed XML fails at control level with XL03000003 and no operation block", async () => {
    const res = await postRaw(mock.endpoint, "<request><control><senderid>x</senderid></request>");
    expect(res.httpStatus).toBe(200);
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors[0]?.errorno).toBe("XL03000003");
    expect(res.topErrors[0]?.description2).toMatch(/^XML Parse schema error/);
    expect(findChild(res.root, "operation")).toBeUndefined();
  });

  it("a parse failure is reported before a bad sender (parse is checked first)", async () => {
    const res = await postRaw(
      mock.endpoint,
      buildRequest([VENDOR_READ], { senderPassword: "wrong" }).replace("</content>", "</contnt>"),
    );
    expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  });

  it("control children out of XSD order are a schema error (XL03000003)", async () => {
    const body = buildRequest([VENDOR_READ]).replace(
      /<senderid>(.*?)<\/senderid><password>(.*?)<\/password>/,
      "<password>$2</password><senderid>$1</senderid>",
    );
    const res = await postRaw(mock.endpoint, body);
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  });

  it("an unknown sender fails at control level with XL03000006 and no operation block", async () => {
    const res = await call(mock, [VENDOR_READ], { senderId: "nobody" });
    expect(res.httpStatus).toBe(200);
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors).toEqual([
      {
        errorno: "XL03000006",
        description: "",
        description2: "Incorrect Intacct XML Partner ID or password.",
        correction: "",
      },
    ]);
    expect(findChild(res.root, "operation")).toBeUndefined();
  });

  it("a wrong sender password fails at control level with XL03000006, before any user check", async () => {
    const res = await call(mock, [VENDOR_READ], { senderPassword: "nope", login: { password: "also-wrong" } });
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors[0]?.errorno).toBe("XL03000006");
  });

  it("a sender not authorized for the company fails authentication with Intacct's wording", async () => {
    const res = await call(mock, [VENDOR_READ], { login: { companyId: NO_WEBSERVICES_COMPANY_ID } });
    expect(res.controlStatus).toBe("success");
    expect(res.authStatus).toBe("failure");
    expect(res.authErrors[0]).toMatchObject({
      errorno: "XL03000006",
      description: "Invalid Web Services Authorization",
      description2: `The sender ID '${DEMO_CREDENTIALS.senderId}' is not authorized to make Web Services requests to company ID '${NO_WEBSERVICES_COMPANY_ID}'.`,
    });
    expect(res.results).toHaveLength(0);
  });

  it("a wrong user password fails authentication (XL03000006 'Sign-in information is incorrect') with no results", async () => {
    const res = await call(mock, [VENDOR_READ], { login: { password: "wrong" } });
    expect(res.httpStatus).toBe(200);
    expect(res.controlStatus).toBe("success");
    expect(res.authStatus).toBe("failure");
    expect(readChildText(res.auth, "userid")).toBe(DEMO_CREDENTIALS.userId);
    expect(res.authErrors[0]).toMatchObject({
      errorno: "XL03000006",
      description2: "Sign-in information is incorrect",
    });
    expect(res.results).toHaveLength(0);
  });

  it("an unknown company or user fails authentication the same way", async () => {
    for (const login of [{ companyId: "NOPE-CO" }, { userId: "someone" }]) {
      const res = await call(mock, [VENDOR_READ], { login });
      expect(res.authStatus).toBe("failure");
      expect(res.authErrors[0]?.description2).toBe("Sign-in information is incorrect");
    }
  });

  it("with the 401 switch, a bad login answers HTTP 401 with control-level XMLGW_JPP0002", async () => {
    mock.setFaults({ http401OnBadLogin: true });
    const res = await call(mock, [VENDOR_READ], { login: { password: "wrong" } });
    expect(res.httpStatus).toBe(401);
    expect(res.contentType).toMatch(/text\/xml/);
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors[0]).toMatchObject({
      errorno: "XMLGW_JPP0002",
      description: "Sign-in information is incorrect. Please check your request.",
    });
  });

  it("an expired demo company fails at control level with PL04000055", async () => {
    mock.setFaults({ expiredCompanies: [DEMO_CREDENTIALS.companyId] });
    const res = await call(mock, [VENDOR_READ]);
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors[0]).toMatchObject({
      errorno: "PL04000055",
      description2: "This company is a demo company and has expired.",
    });
  });

  it("a login locationid that is not an entity fails authentication", async () => {
    const res = await call(mock, [VENDOR_READ], { login: { locationId: "E999" } });
    expect(res.authStatus).toBe("failure");
    expect(res.authErrors[0]?.errorno).toBe("XL03000006");
  });
});

describe("envelope", () => {
  it("echoes the control values and returns one result per function in order with function and controlid", async () => {
    const res = await call(
      mock,
      [fn(VENDOR_READ, "first"), fn(readByQueryXml("PROJECT", "", { fields: "PROJECTID" }), "second")],
      {
        controlId: "my-request-42",
        uniqueId: false,
      },
    );
    expect(readChildText(res.control, "status")).toBe("success");
    expect(readChildText(res.control, "senderid")).toBe(DEMO_CREDENTIALS.senderId);
    expect(readChildText(res.control, "controlid")).toBe("my-request-42");
    expect(readChildText(res.control, "uniqueid")).toBe("false");
    expect(readChildText(res.control, "dtdversion")).toBe("3.0");
    expect(res.results.map((r) => [r.function, r.controlid, r.status])).toEqual([
      ["readByQuery", "first", "success"],
      ["readByQuery", "second", "success"],
    ]);
  });

  it("uniqueid defaults to true when the element is omitted", async () => {
    const res = await call(mock, [VENDOR_READ]);
    expect(readChildText(res.control, "uniqueid")).toBe("true");
  });

  it("authentication carries userid and companyid, and leaves out a top-level locationid and, on a login, sessiontimeout (§3)", async () => {
    const res = await call(mock, [VENDOR_READ]);
    expect(res.authStatus).toBe("success");
    expect(readChildText(res.auth, "companyid")).toBe(DEMO_CREDENTIALS.companyId);
    expect(res.auth?.children.map((c) => c.name)).toEqual(["status", "userid", "companyid", "sessiontimestamp"]);
  });

  it("on a session request, authentication carries the sessiontimeout one idle period ahead", async () => {
    const { sessionId } = await openSession(mock);
    const res = await call(mock, [VENDOR_READ], { sessionId });
    const stamp = Date.parse(readChildText(res.auth, "sessiontimestamp") ?? "");
    const timeout = Date.parse(readChildText(res.auth, "sessiontimeout") ?? "");
    expect(timeout - stamp).toBe(mock.sessions.idleMs);
  });

  it("includewhitespace=false answers without indentation; the default (true) is pretty-printed", async () => {
    const compact = await call(mock, [VENDOR_READ], { includeWhitespace: false });
    const pretty = await call(mock, [VENDOR_READ]);
    expect(compact.text).not.toMatch(/>\s+</);
    expect(pretty.text).toMatch(/>\n\s+</);
  });

  it("answers with Content-Type text/xml", async () => {
    const res = await call(mock, [VENDOR_READ]);
    expect(res.contentType).toMatch(/^text\/xml/);
  });

  it("an unknown function element is a schema error at control level", async () => {
    const res = await call(mock, ["<readEverything/>"]);
    expect(res.controlStatus).toBe("failure");
    expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  });

  it("a real Intacct function the mock does not implement fails only its own result", async () => {
    const res = await call(mock, [fn("<lookup><object>VENDOR</object></lookup>", "a"), fn(VENDOR_READ, "b")]);
    expect(res.results.map((r) => r.status)).toEqual(["failure", "success"]);
    expect(res.results[0]?.errors[0]?.errorno).toBe("BL01001973");
  });

  it("a function without a controlid attribute is a schema error", async () => {
    const body = buildRequest([{ xml: `<function>${VENDOR_READ}</function>` }]);
    const res = await postRaw(mock.endpoint, body);
    expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  });

  it("a request whose root is not <request> is a schema error", async () => {
    const res = await postRaw(mock.endpoint, '<?xml version="1.0"?><query/>');
    expect(res.topErrors[0]?.errorno).toBe("XL03000003");
  });

  it("asynchronous requests (policyid) are refused at control level rather than silently dropped", async () => {
    const body = buildRequest([VENDOR_READ]).replace(
      "<dtdversion>3.0</dtdversion>",
      "<dtdversion>3.0</dtdversion><policyid>P1</policyid>",
    );
    const res = await postRaw(mock.endpoint, body);
    expect(res.controlStatus).toBe("failure");
  });
});

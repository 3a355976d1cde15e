import { describe, expect, it } from "vitest";
import {
  INTACCT_GUIDANCE,
  IntacctAuthenticationError,
  IntacctControlError,
  IntacctFunctionError,
  IntacctRateLimitError,
  IntacctTransportError,
  buildReadByQuery,
  toIntacctError,
  type IntacctError,
} from "@/lib/intacct";
import {
  BAD_SENDER,
  COMPANY_EXPIRED,
  HTML_502,
  MALFORMED,
  RATE_LIMITED_429,
  SENDER_NOT_AUTHORIZED,
  SIGN_IN_INCORRECT,
  UNAUTHORIZED_401,
  errorXml,
  failureResult,
  response,
  successResult,
} from "./fixtures";
import { createScriptedTransport, createTestClient, http } from "./helpers";

async function captureReadError(
  replies: Parameters<typeof createScriptedTransport>[0],
  overrides = {},
): Promise<IntacctError> {
  const { transport } = createScriptedTransport(replies, { autoSession: false });
  const { client } = createTestClient(transport, { maxRetries: 0, ...overrides });
  try {
    await client.openSession();
  } catch (error) {
    return error as IntacctError;
  }
  throw new Error("expected a failure");
}

describe("error classification (one factory, typed classes)", () => {
  it("maps a control-level XL03000006 bad sender id/password to IntacctControlError with the Web Services guidance", async () => {
    const error = await captureReadError([BAD_SENDER]);
    expect(error).toBeInstanceOf(IntacctControlError);
    expect(error.kind).toBe("control");
    expect(error.code).toBe("sender-credentials");
    expect(error.userMessage).toBe(
      "Web Services not activated or Sender ID/Sender Password wrong — contact your Sage Intacct account manager.",
    );
    expect(error.retryable).toBe(false);
    expect(error.errorNo).toBe("XL03000006");
  });

  it("maps an auth-level 'sender not authorized for company' to IntacctAuthenticationError naming the company and the setting", async () => {
    const error = await captureReadError([SENDER_NOT_AUTHORIZED], { companyId: "DEMO" });
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
    expect(error.code).toBe("sender-not-authorized");
    expect(error.userMessage).toContain("not authorized for company DEMO");
    expect(error.userMessage).toContain("Company → Setup → Company → Security → Web Services authorizations");
  });

  it("maps an auth-level 'Sign-in information is incorrect' to IntacctAuthenticationError sign-in-failed", async () => {
    const error = await captureReadError([SIGN_IN_INCORRECT]);
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
    expect(error.code).toBe("sign-in-failed");
    expect(error.userMessage).toMatch(/check the Company ID .* User ID \(xml_gateway\)/);
  });

  it("maps HTTP 401 with XMLGW_JPP0002 (control level) to IntacctAuthenticationError", async () => {
    const error = await captureReadError([http(401, UNAUTHORIZED_401, { "content-type": "text/xml" })]);
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
    expect(error.httpStatus).toBe(401);
    expect(error.code).toBe("sign-in-failed");
  });

  it("maps HTTP 429 / GW-0010 to a retryable IntacctRateLimitError", async () => {
    const error = await captureReadError([
      http(429, RATE_LIMITED_429, { "content-type": "text/xml", "retry-after": "2" }),
    ]);
    expect(error).toBeInstanceOf(IntacctRateLimitError);
    expect(error.kind).toBe("rate-limit");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.maybeCommitted).toBe(false);
  });

  it("maps PL04000055 (company expired) to IntacctControlError company-expired", async () => {
    const error = await captureReadError([COMPANY_EXPIRED]);
    expect(error).toBeInstanceOf(IntacctControlError);
    expect(error.code).toBe("company-expired");
  });

  it("maps XL03000003 (malformed request) to a control error that blames us, not the admin", async () => {
    const error = await captureReadError([MALFORMED]);
    expect(error).toBeInstanceOf(IntacctControlError);
    expect(error.userMessage).toMatch(/bug on our side/);
  });

  it("maps a failed function to IntacctFunctionError with errorno, description, description2, correction and its controlid", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        response(
          failureResult(
            "readByQuery",
            /<function controlid="([^"]+)"/.exec(request.body)?.[1] ?? "",
            errorXml(
              "DL02000001",
              "There was an error processing the request.",
              "Unknown field BOGUS [Support ID: abc]",
              "Check the field names.",
            ),
          ),
        ),
    ]);
    const { client } = createTestClient(transport);
    const fn = buildReadByQuery({ object: "VENDOR", fields: ["BOGUS"] });
    const { results } = await client.execute([fn]);
    const error = results[0]?.error;
    expect(error).toBeInstanceOf(IntacctFunctionError);
    expect(error?.errorNo).toBe("DL02000001");
    expect(error?.description).toBe("There was an error processing the request.");
    expect(error?.description2).toBe("Unknown field BOGUS [Support ID: abc]");
    expect(error?.correction).toBe("Check the field names.");
    expect(error?.functionControlId).toBe(fn.controlId);
    expect(error?.code).toBe("query-failed");
  });

  it("guides \"Invalid Vendor 'X' specified\" to reactivating or relinking that vendor", () => {
    const error = toIntacctError(
      {
        type: "function",
        status: 200,
        body: "",
        details: [
          { errorNo: "BL01001973", description: "Invalid Vendor 'V-404' specified.", description2: "", correction: "" },
        ],
        functionControlId: "vi-1",
        functionName: "create_potransaction",
        resultStatus: "failure",
      },
      { companyId: "DEMO", senderId: "s", userId: "u", redact: (text) => text },
    );
    expect(error.code).toBe("invalid-vendor");
    expect(error.userMessage).toBe(
      "Vendor 'V-404' is missing or inactive in Sage Intacct — reactivate it there or relink the vendor in the app.",
    );
  });

  it("guides other 'Invalid <Object> 'X' specified' references generically", () => {
    const error = toIntacctError(
      {
        type: "function",
        status: 200,
        body: "",
        details: [
          { errorNo: "BL01001973", description: "Invalid Project 'P-19' specified.", description2: "", correction: "" },
        ],
        functionControlId: "po-1",
        functionName: "create_potransaction",
        resultStatus: "failure",
      },
      { companyId: "DEMO", senderId: "s", userId: "u", redact: (text) => text },
    );
    expect(error.code).toBe("invalid-reference");
    expect(error.userMessage).toContain("project 'P-19' is missing or inactive");
  });

  it("reports transaction=true rollbacks: the failing function by its own error, the others as aborted and retryable", async () => {
    const { transport } = createScriptedTransport([
      (request) => {
        const [first = "", second = ""] = [...request.body.matchAll(/<function controlid="([^"]+)"/g)].map(
          (match) => match[1] ?? "",
        );
        return response(
          failureResult(
            "create_potransaction",
            first,
            errorXml("BL01001973", "Invalid Vendor 'NOPE' specified.") +
              errorXml("XL03000009", "The entire transaction in this operation has been rolled back due to an error."),
          ) +
            failureResult(
              "create_potransaction",
              second,
              errorXml("XL03000009", "The entire transaction in this operation has been rolled back due to an error."),
              "aborted",
            ),
        );
      },
    ]);
    const { client } = createTestClient(transport);
    const line = [{ itemId: "SUBCON", quantity: 1, price: 10 }];
    const { buildCreatePurchaseOrder } = await import("@/lib/intacct");
    const outcomes = await client.executeWrites(
      [
        buildCreatePurchaseOrder({
          controlId: "po-a",
          dateCreated: "2025-03-01",
          dateDue: "2025-04-30",
          vendorId: "NOPE",
          lines: line,
        }),
        buildCreatePurchaseOrder({
          controlId: "po-b",
          dateCreated: "2025-03-01",
          dateDue: "2025-04-30",
          vendorId: "V100",
          lines: line,
        }),
      ],
      { transaction: true },
    );
    expect(transport.mock.calls.at(-1)?.[0].body).toContain('<operation transaction="true">');
    const [failed, aborted] = outcomes;
    expect(failed?.status).toBe("failed");
    expect(aborted?.status).toBe("failed");
    if (failed?.status !== "failed" || aborted?.status !== "failed") return;
    expect(failed.error.code).toBe("invalid-vendor");
    expect(failed.error.retryable).toBe(false);
    expect(aborted.error.code).toBe("rolled-back");
    expect((aborted.error as IntacctFunctionError).resultStatus).toBe("aborted");
    expect(aborted.error.retryable).toBe(true);
  });

  it("turns an HTML 502 page into a retryable IntacctTransportError, never a parser crash", async () => {
    const error = await captureReadError([http(502, HTML_502)]);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(error.code).toBe("server-error");
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBe(502);
    expect(error.rawResponse).toContain("Bad Gateway");
  });

  it("turns a 500 with an empty body into a non-retryable IntacctTransportError", async () => {
    const error = await captureReadError([http(500, "")]);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(error.retryable).toBe(false);
    expect(error.maybeCommitted).toBe(true);
  });

  it("turns a 524 origin timeout into a retryable transport error that may have committed", async () => {
    const error = await captureReadError([http(524, "<html>A timeout occurred</html>")]);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(error.retryable).toBe(true);
    expect(error.maybeCommitted).toBe(true);
  });

  it("turns an HTML page served with HTTP 200 into a non-xml transport error", async () => {
    const error = await captureReadError([http(200, "<html><body>Maintenance</body></html>")]);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect(error.code).toBe("non-xml");
  });

  it("turns JSON, plain text and a truncated XML body into transport errors", async () => {
    for (const body of [
      '{"error":"nope"}',
      "Service Unavailable",
      `<?xml version="1.0"?><response><control><status>succ`,
    ]) {
      const error = await captureReadError([http(200, body)]);
      expect(error).toBeInstanceOf(IntacctTransportError);
    }
  });

  it("reports a response with fewer results than functions as an incomplete transport error", async () => {
    const { transport } = createScriptedTransport([response(successResult("readByQuery", "x"))]);
    const { client } = createTestClient(transport);
    const error = await client
      .execute([buildReadByQuery({ object: "VENDOR" }), buildReadByQuery({ object: "PROJECT" })])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntacctTransportError);
    expect((error as IntacctError).code).toBe("incomplete-response");
  });

  it("keeps the internal message (for logs) separate from the user message (for admins)", async () => {
    const error = await captureReadError([BAD_SENDER]);
    expect(error.internalMessage).toBe(error.message);
    expect(error.internalMessage).toContain("XL03000006 Incorrect Intacct XML Partner ID or password.");
    expect(error.userMessage).not.toContain("XL03000006");
  });

  it("gives every guidance rule a non-empty user message", () => {
    for (const rule of INTACCT_GUIDANCE) {
      const message = rule.userMessage({
        companyId: "DEMO",
        senderId: "s",
        userId: "u",
        httpStatus: 503,
        text: "Invalid Vendor 'X' specified.",
        correction: "",
      });
      expect(message.length, rule.code).toBeGreaterThan(10);
    }
  });

  it("never promises a retry: a user reads the message after the client has stopped retrying", () => {
    for (const rule of INTACCT_GUIDANCE) {
      const message = rule.userMessage({
        companyId: "DEMO",
        senderId: "s",
        userId: "u",
        httpStatus: 503,
        text: "Invalid Vendor 'X' specified.",
        correction: "",
      });
      expect(message, rule.code).not.toMatch(/will (be )?retr|retries automatically|retry shortly/i);
    }
  });
});

describe("transientForLater: the one answer to 'worth another attempt later?'", () => {
  const init = { internalMessage: "x", userMessage: "x" };
  it("is true for what the client retries, for every 5xx, and for rate limits, ended sessions and network trouble", () => {
    expect(new IntacctTransportError({ ...init, code: "server-error", httpStatus: 500 }).transientForLater).toBe(true);
    expect(new IntacctTransportError({ ...init, code: "server-error", retryable: true }).transientForLater).toBe(true);
    expect(new IntacctRateLimitError({ ...init, code: "rate-limited", httpStatus: 429 }).transientForLater).toBe(true);
    expect(new IntacctTransportError({ ...init, code: "timeout" }).transientForLater).toBe(true);
    expect(new IntacctTransportError({ ...init, code: "connection-refused" }).transientForLater).toBe(true);
  });
  it("is false for a refusal that waits for a fix", () => {
    expect(
      new IntacctFunctionError({
        ...init,
        code: "invalid-vendor",
        httpStatus: 200,
        functionControlId: "vi-1",
        functionName: "create_potransaction",
        resultStatus: "failure",
      }).transientForLater,
    ).toBe(false);
    expect(new IntacctAuthenticationError({ ...init, code: "sign-in-failed" }).transientForLater).toBe(false);
  });
});

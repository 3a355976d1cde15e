import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { IntacctControlError, type IntacctError } from "@/lib/intacct";
import { createRedactor } from "@/lib/intacct/redact";
import { SESSION_ID, controlFailure, errorXml, readByQueryPage } from "./fixtures";
import { createScriptedTransport, createTestClient, functionControlIds, http } from "./helpers";

const SECRETS = ["demo-sender-pass", "demo-user-pass", SESSION_ID];

describe("redaction", () => {
  it("never lets the logger see the sender password, user password or session id, even with XML logging on", async () => {
    const { transport } = createScriptedTransport([
      (request) =>
        readByQueryPage({
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [`<vendor><VENDORID>V1</VENDORID><TAXID>12-3456789</TAXID></vendor>`],
          totalCount: 1,
          numRemaining: 0,
        }),
    ]);
    const { client, logs } = createTestClient(transport, { logXml: true });
    for await (const _page of client.readByQuery({ object: "VENDOR" })) void _page;
    const logged = JSON.stringify(logs);
    expect(logs.some((entry) => entry.message === "intacct request xml")).toBe(true);
    for (const secret of SECRETS) expect(logged).not.toContain(secret);
    expect(logged).not.toContain("12-3456789");
    expect(logged).toContain("[REDACTED]");
  });

  it("accepts a real pino logger, which receives structured, redacted entries", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()),
    });
    const { transport } = createScriptedTransport([
      (request) =>
        readByQueryPage({
          controlId: functionControlIds(request.body)[0] ?? "",
          records: [],
          totalCount: 0,
          numRemaining: 0,
        }),
    ]);
    const { client } = createTestClient(transport, { logger: pino({ level: "debug" }, destination), logXml: true });
    for await (const _page of client.readByQuery({ object: "VENDOR" })) void _page;
    expect(lines.length).toBeGreaterThan(2);
    expect(JSON.parse(lines[0] ?? "{}")).toHaveProperty("msg");
    for (const secret of SECRETS) expect(lines.join("")).not.toContain(secret);
  });

  it("redacts the raw response stored on errors, including secrets echoed outside their tags", async () => {
    const echo = controlFailure(
      errorXml(
        "XL03000006",
        "Incorrect Intacct XML Partner ID or password.",
        "got password demo-sender-pass and session " + SESSION_ID,
        "",
      ),
    );
    const { transport } = createScriptedTransport([echo], { autoSession: false });
    const { client } = createTestClient(transport, { maxRetries: 0 });
    const error = (await client.openSession().catch((caught: unknown) => caught)) as IntacctError;
    expect(error).toBeInstanceOf(IntacctControlError);
    expect(error.rawResponse).toBeDefined();
    expect(error.rawResponse).not.toContain("demo-sender-pass");
    expect(error.message).not.toContain("demo-sender-pass");
  });

  it("redacts secrets inside an HTML error page", async () => {
    const { transport } = createScriptedTransport([
      http(502, `<html><pre>request: <password>demo-user-pass</password> sessionid=${SESSION_ID}</pre></html>`),
    ]);
    const { client } = createTestClient(transport, { maxRetries: 0 });
    const error = (await client
      .readByQuery({ object: "VENDOR" })
      .next()
      .catch((caught: unknown) => caught)) as IntacctError;
    for (const secret of SECRETS) expect(error.rawResponse).not.toContain(secret);
  });

  it("redacts password, sessionid and taxid tags in any case and the XML-escaped form of a secret", () => {
    const redactor = createRedactor(["p&ss<word"]);
    const text = redactor.redactText(
      "<Password>x</Password><SESSIONID attr='1'>abc</SESSIONID><taxid>9</taxid><memo>p&amp;ss&lt;word</memo><memo>p&ss<word</memo>",
    );
    expect(text).toBe(
      "<Password>[REDACTED]</Password><SESSIONID attr='1'>[REDACTED]</SESSIONID><taxid>[REDACTED]</taxid><memo>[REDACTED]</memo><memo>[REDACTED]</memo>",
    );
  });

  it("redacts secret-named keys of logged objects", () => {
    const redactor = createRedactor([]);
    expect(redactor.redactValue({ senderPassword: "x", nested: { sessionId: "y", ok: "z" } })).toEqual({
      senderPassword: "[REDACTED]",
      nested: { sessionId: "[REDACTED]", ok: "z" },
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MockIntacct } from "@/tools/mock-intacct";
import {
  IntacctAuthenticationError,
  IntacctControlError,
  closeIntacctConnections,
  type IntacctError,
} from "@/lib/intacct";
import { createMockClient, nextControlId, startMock } from "./intacct-helpers";

let mock: MockIntacct;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(async () => {
  await mock.close();
  await closeIntacctConnections();
});

const capture = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as IntacctError,
  );
const SECRETS = ["demo-sender-pass", "demo-user-pass", "wrong-sender-pass", "wrong-user-pass"];

describe("lib/intacct against the mock over HTTP — control and authentication failures", () => {
  it("a wrong sender password is a control error with the Web Services guidance", async () => {
    const error = await capture(createMockClient(mock, { senderPassword: "wrong-sender-pass" }).openSession());
    expect(error).toBeInstanceOf(IntacctControlError);
    expect(error?.code).toBe("sender-credentials");
    expect(error?.userMessage).toBe(
      "Web Services not activated or Sender ID/Sender Password wrong — contact your Sage Intacct account manager.",
    );
  });

  it("a company that has not authorized the sender is an authentication error naming the company and the fix", async () => {
    const error = await capture(createMockClient(mock, { companyId: "NO-WEBSERVICES" }).openSession());
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
    expect(error?.code).toBe("sender-not-authorized");
    expect(error?.userMessage).toBe(
      "Sender ID 'ingenious_build' is not authorized for company NO-WEBSERVICES — authorize it in Intacct under Company → Setup → Company → Security → Web Services authorizations.",
    );
  });

  it("a wrong user password and an unknown company are sign-in failures", async () => {
    for (const overrides of [{ userPassword: "wrong-user-pass" }, { companyId: "NO-SUCH-COMPANY" }]) {
      const error = await capture(createMockClient(mock, overrides).openSession());
      expect(error).toBeInstanceOf(IntacctAuthenticationError);
      expect(error?.code).toBe("sign-in-failed");
    }
  });

  it("a typed write with bad credentials is 'failed' (nothing ran), never 'unknown'", async () => {
    const outcome = await createMockClient(mock, { userPassword: "wrong-user-pass" }).createPurchaseOrder({
      controlId: nextControlId("po"),
      dateCreated: "2025-03-01",
      dateDue: "2025-04-30",
      vendorId: "V-1001",
      lines: [{ itemId: "SUBCONTRACT", quantity: 1, locationId: "E100" }],
    });
    expect(outcome.status).toBe("failed");
  });

  it("an unknown entity is rejected at login", async () => {
    const error = await capture(createMockClient(mock, { entityId: "E999" }).openSession());
    expect(error).toBeInstanceOf(IntacctAuthenticationError);
  });

  it("no error's raw response, message or logs carry a password or session id", async () => {
    const logs: unknown[] = [];
    const logger = {
      debug: (o: unknown) => void logs.push(o),
      info: (o: unknown) => void logs.push(o),
      warn: (o: unknown) => void logs.push(o),
      error: (o: unknown) => void logs.push(o),
    };
    const client = createMockClient(mock, { logger, logXml: true });
    await client.openSession();
    const sessionIds = mock.sessions.list().map((session) => session.id);
    expect(sessionIds.length).toBeGreaterThan(0);
    const errors = await Promise.all([
      capture(createMockClient(mock, { senderPassword: "wrong-sender-pass", logger, logXml: true }).openSession()),
      capture(createMockClient(mock, { userPassword: "wrong-user-pass", logger, logXml: true }).openSession()),
    ]);
    const text = JSON.stringify({
      logs,
      errors: errors.map((error) => ({ raw: error?.rawResponse, message: error?.message, user: error?.userMessage })),
    });
    for (const secret of [...SECRETS, ...sessionIds]) expect(text).not.toContain(secret);
  });
});

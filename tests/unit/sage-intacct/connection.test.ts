import { describe, expect, it } from "vitest";
import {
  IntacctAuthenticationError,
  IntacctControlError,
  IntacctRateLimitError,
  IntacctTransportError,
} from "@/lib/intacct";
import { describeConnectionFailure } from "@/lib/integrations/sage-intacct/check-connection";
import { ZIntacctCredentialsInput, mergeSecrets, splitSecrets } from "@/lib/integrations/sage-intacct/credentials";

const base = { userMessage: "guidance from the client's table", internalMessage: "internal" };

describe("connection failures in an admin's words", () => {
  it("sender credentials or Web Services → ask the account manager", () => {
    const failure = describeConnectionFailure(new IntacctControlError({ ...base, code: "sender-credentials" }));
    expect(failure).toMatchObject({
      title: expect.stringMatching(/Web Services not activated, or Sender ID \/ Sender Password wrong/),
      field: "senderPassword",
      transient: false,
    });
    expect(failure.message).toContain("Nothing was saved");
  });

  it("sender not authorized for the company → points at the Sender ID", () => {
    expect(
      describeConnectionFailure(new IntacctAuthenticationError({ ...base, code: "sender-not-authorized" })),
    ).toMatchObject({ title: "Sender ID not authorized for this company", field: "senderId" });
  });

  it("user, password or company wrong → points at the user password", () => {
    expect(
      describeConnectionFailure(new IntacctAuthenticationError({ ...base, code: "sign-in-failed" })),
    ).toMatchObject({ title: expect.stringMatching(/User ID, User Password or Company ID/), field: "userPassword" });
  });

  it("rate limits and outages are transient: try again, nothing changed", () => {
    const limited = describeConnectionFailure(new IntacctRateLimitError({ ...base, code: "rate-limited" }));
    expect(limited).toMatchObject({ transient: true, message: expect.stringContaining("Nothing was changed") });
    for (const code of ["network", "timeout", "server-error", "non-xml"] as const) {
      expect(describeConnectionFailure(new IntacctTransportError({ ...base, code })), code).toMatchObject({
        title: "Sage Intacct could not be reached",
        transient: true,
      });
    }
  });

  it("anything else is explained without internals", () => {
    expect(describeConnectionFailure(new Error("ECONNRESET at socket 0x1234")).message).not.toContain("0x1234");
  });
});

describe("credentials", () => {
  const typed = { companyId: " DEMO ", senderId: "sender", senderPassword: "", userId: "user", userPassword: "" };

  it("trims ids, keeps passwords as typed, and refuses control characters", () => {
    expect(ZIntacctCredentialsInput.parse({ ...typed, senderPassword: " p " }).companyId).toBe("DEMO");
    expect(ZIntacctCredentialsInput.parse({ ...typed, senderPassword: " p " }).senderPassword).toBe(" p ");
    expect(ZIntacctCredentialsInput.safeParse({ ...typed, userPassword: "a\u0000" }).success).toBe(false);
    expect(ZIntacctCredentialsInput.safeParse({ ...typed, companyId: "" }).success).toBe(false);
    expect(ZIntacctCredentialsInput.safeParse({ ...typed, senderId: "has space" }).success).toBe(false);
  });

  it("blank on edit keeps the stored secret; blank on first connect is missing", () => {
    const input = ZIntacctCredentialsInput.parse({ ...typed, userPassword: "new" });
    expect(mergeSecrets(input, { senderPassword: "kept", userPassword: "old" })).toEqual({
      credentials: { ...input, senderPassword: "kept", userPassword: "new" },
    });
    expect(mergeSecrets(input, null)).toEqual({ missing: ["senderPassword"] });
  });

  it("splits secrets from what may be shown", () => {
    const { secrets, visible } = splitSecrets({
      companyId: "C",
      senderId: "S",
      senderPassword: "sp",
      userId: "U",
      userPassword: "up",
    });
    expect(secrets).toEqual({ senderPassword: "sp", userPassword: "up" });
    expect(JSON.stringify(visible)).not.toMatch(/sp|up"/);
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { hasUserMessage, toUserMessage } from "@/lib/errors/user-message";
import { IntacctTransportError, IntacctValidationError } from "@/lib/intacct";
import { toIntacctUserMessage } from "@/lib/integrations/sage-intacct/user-message";

const FALLBACK = "The job failed unexpectedly.";
const appError = new AppError("INVALID_STATE", "Sage Intacct is not connected.", { internalMessage: "no row" });
const intacctError = new IntacctTransportError({
  code: "timeout",
  internalMessage: "undici: headers timeout after 30000 ms",
  userMessage: "Sage Intacct did not answer in time — try again in a few minutes.",
});
// A provider's typed error that provider-neutral code cannot name: only its shape says it speaks to people.
const providerError = Object.assign(new Error("ledger down (internal)"), { userMessage: "The ledger is down." });

describe("toUserMessage: a failure's message for people, else the caller's fallback", () => {
  it("AppError → its userMessage, never its internal message (the default carrier)", () => {
    expect(toUserMessage(appError, FALLBACK)).toBe("Sage Intacct is not connected.");
  });

  it("anything the carriers do not recognise → the fallback, so internals never reach a person", () => {
    expect(toUserMessage(new Error("relation does not exist"), FALLBACK)).toBe(FALLBACK);
    expect(toUserMessage(intacctError, FALLBACK)).toBe(FALLBACK);
    expect(toUserMessage(providerError, FALLBACK)).toBe(FALLBACK);
    expect(toUserMessage(undefined, FALLBACK)).toBe(FALLBACK);
    expect(toUserMessage(null, FALLBACK)).toBe(FALLBACK);
    expect(toUserMessage("thrown text", FALLBACK)).toBe(FALLBACK);
  });

  it("only the given carriers count: none given → even an AppError gets the fallback", () => {
    expect(toUserMessage(appError, FALLBACK, [])).toBe(FALLBACK);
  });

  it("the first carrier that recognises the error gives its message", () => {
    const never = (_error: unknown): _error is AppError => false;
    const isTransport = (error: unknown): error is IntacctTransportError => error instanceof IntacctTransportError;
    expect(toUserMessage(intacctError, FALLBACK, [never, isTransport])).toBe(intacctError.userMessage);
    expect(toUserMessage(appError, FALLBACK, [never, isTransport])).toBe(FALLBACK);
  });

  it("duck-typed (hasUserMessage): any error with a string userMessage, nothing else", () => {
    expect(toUserMessage(providerError, FALLBACK, [hasUserMessage])).toBe("The ledger is down.");
    expect(toUserMessage(appError, FALLBACK, [hasUserMessage])).toBe("Sage Intacct is not connected.");
    expect(toUserMessage({ userMessage: 42 }, FALLBACK, [hasUserMessage])).toBe(FALLBACK);
    expect(toUserMessage(new Error("plain"), FALLBACK, [hasUserMessage])).toBe(FALLBACK);
    expect(toUserMessage(null, FALLBACK, [hasUserMessage])).toBe(FALLBACK);
    expect(toUserMessage(undefined, FALLBACK, [hasUserMessage])).toBe(FALLBACK);
  });
});

describe("toIntacctUserMessage: ours or the Intacct client's message, else the fallback", () => {
  it("AppError → its userMessage", () => {
    expect(toIntacctUserMessage(appError, FALLBACK)).toBe("Sage Intacct is not connected.");
  });

  it("IntacctError (any kind) → its message for admins, not its internal one", () => {
    expect(toIntacctUserMessage(intacctError, FALLBACK)).toBe(
      "Sage Intacct did not answer in time — try again in a few minutes.",
    );
    const invalid = new IntacctValidationError({ internalMessage: "zod: bad", userMessage: "A date is not valid." });
    expect(toIntacctUserMessage(invalid, FALLBACK)).toBe("A date is not valid.");
  });

  it("anything else, even with a userMessage of its own → the fallback", () => {
    expect(toIntacctUserMessage(new Error("connection terminated"), FALLBACK)).toBe(FALLBACK);
    expect(toIntacctUserMessage(providerError, FALLBACK)).toBe(FALLBACK);
    expect(toIntacctUserMessage(undefined, FALLBACK)).toBe(FALLBACK);
  });
});

import { describe, expect, it } from "vitest";
import {
  decryptJson,
  encryptJson,
  generateEncryptionKey,
  parseEncryptionKey,
  SecretsError,
} from "@/lib/crypto/secrets";

const key = parseEncryptionKey(generateEncryptionKey());
const secrets = { senderPassword: "s3nder&<pass>", userPassword: "ünïcødé pass 🔑" };

describe("secrets at rest", () => {
  it("round-trips JSON through AES-256-GCM", () => {
    const payload = encryptJson(secrets, key, "company-1");
    expect(decryptJson(payload, key, "company-1")).toEqual(secrets);
  });

  it("never contains the plaintext and never repeats a ciphertext", () => {
    const a = encryptJson(secrets, key, "company-1");
    const b = encryptJson(secrets, key, "company-1");
    expect(a).not.toEqual(b);
    expect(a).not.toContain("s3nder");
    expect(Buffer.from(a.split(":")[3] ?? "", "base64").toString("latin1")).not.toContain("s3nder");
  });

  it("detects tampering", () => {
    const [v, iv, tag, data] = encryptJson(secrets, key, "company-1").split(":");
    const bytes = Buffer.from(data ?? "", "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() => decryptJson([v, iv, tag, bytes.toString("base64")].join(":"), key, "company-1")).toThrow(SecretsError);
  });

  it("refuses the wrong key", () => {
    const payload = encryptJson(secrets, key, "company-1");
    expect(() => decryptJson(payload, parseEncryptionKey(generateEncryptionKey()), "company-1")).toThrow(
      /could not be decrypted/,
    );
  });

  it("refuses a ciphertext moved to another company's row", () => {
    const payload = encryptJson(secrets, key, "company-1");
    expect(() => decryptJson(payload, key, "company-2")).toThrow(SecretsError);
  });

  it("explains a missing or malformed key", () => {
    expect(() => parseEncryptionKey(undefined)).toThrow(/APP_ENCRYPTION_KEY is not set/);
    expect(() => parseEncryptionKey("c2hvcnQ=")).toThrow(/must be 32 bytes/);
    expect(parseEncryptionKey("ab".repeat(32))).toHaveLength(32);
  });
});

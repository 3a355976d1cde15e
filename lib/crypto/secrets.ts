// Secrets at rest: AES-256-GCM under APP_ENCRYPTION_KEY (32 bytes, base64 or hex). Each payload carries its own
// random 96-bit IV and the GCM tag, and is bound to an "associated data" string (the company id), so a
// ciphertext copied onto another company's row fails to decrypt instead of leaking credentials across tenants.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const ENCRYPTION_KEY_ENV = "APP_ENCRYPTION_KEY";
const VERSION = "v1";

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsError";
  }
}

export function parseEncryptionKey(value: string | undefined): Buffer {
  if (!value) throw new SecretsError(`${ENCRYPTION_KEY_ENV} is not set. Generate one with: openssl rand -base64 32`);
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32)
    throw new SecretsError(`${ENCRYPTION_KEY_ENV} must be 32 bytes, base64 or hex encoded (openssl rand -base64 32)`);
  return key;
}

export function getEncryptionKey(): Buffer {
  return parseEncryptionKey(process.env[ENCRYPTION_KEY_ENV]);
}

export function generateEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}

export function encryptJson(value: unknown, key: Buffer, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(
    ":",
  );
}

export function decryptJson(payload: string, key: Buffer, associatedData: string): unknown {
  const [version, iv, tag, ciphertext] = payload.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new SecretsError("Stored secrets are not in a format this version can read");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]);
    return JSON.parse(plain.toString("utf8"));
  } catch {
    // Wrong key, another company's row, or tampering: GCM cannot tell which, and neither should we.
    throw new SecretsError("Stored secrets could not be decrypted: the encryption key changed or the data was altered");
  }
}

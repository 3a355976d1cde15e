// Argon2id through @node-rs/argon2 (prebuilt native binaries shipped in npm packages, no node-gyp) with the
// library's OWASP-aligned defaults.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { IntacctValidationError } from "./errors";
import type { XmlNode } from "./xml-build";

/**
 * One Intacct function ready to go into a request's <content>. Builders (functions/*.ts) create these; the client
 * executes them singly, in batches (`execute`, `runBatched`) or page by page (readers).
 */
export type IntacctFunction = {
  /** The element name, e.g. "readByQuery" or "create_potransaction" (for logs and result checks). */
  readonly name: string;
  /** §2: required, ≤256 characters; for writes the caller's stable id — it is the idempotency key under uniqueid=true (§6). */
  readonly controlId: string;
  /** Reads are retried freely; writes only under uniqueid=true with unchanged controlids. */
  readonly kind: "read" | "write";
  readonly body: XmlNode;
  /**
   * False when running it twice is not the same as once, although it is a read: readMore moves a server-side
   * cursor, so a lost reply must not be resent (the retry would return the page after the lost one).
   */
  readonly repeatable?: boolean;
  /** Generic create/update: the ID field to report as the outcome's key (e.g. PJESTIMATEID). */
  readonly idField?: string;
};

export const ZControlId = z
  .string()
  .min(1, "controlId is required")
  .max(256, "controlId must be at most 256 characters (Intacct limit)");

export function createReadControlId(): string {
  return randomUUID();
}

/** Runs a zod schema and turns its issues into an IntacctValidationError (nothing is sent). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new IntacctValidationError({
    internalMessage: `Invalid ${what}: ${issues.map((issue) => `${issue.path || "(root)"}: ${issue.message}`).join("; ")}`,
    userMessage: `Some data is not valid for Sage Intacct (${what}): ${issues.map((issue) => `${issue.path || "value"} — ${issue.message}`).join("; ")}.`,
    issues,
  });
}

/** Drops undefined values so optional elements are omitted rather than sent empty. */
export function compactNode(node: Record<string, XmlNode[string]>): XmlNode {
  const output: XmlNode = {};
  for (const key in node) {
    const value = node[key];
    if (value !== undefined) output[key] = value;
  }
  return output;
}

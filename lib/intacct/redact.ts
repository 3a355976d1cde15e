/**
 * Redaction happens before anything leaves the client (logger, error.rawResponse). Two layers:
 * 1. tag-based, like SDK-JS's log templates (§12): the content of these elements, any case, any attributes;
 * 2. value-based: the configured secrets and known session ids, raw or XML-escaped, wherever they appear
 *    (an HTML error page or an error description could echo them outside a tag).
 */
const SECRET_TAGS = [
  "password",
  "sessionid",
  "taxid",
  "accountnumber",
  "cardnum",
  "ssn",
  "achaccountnumber",
  "wireaccountnumber",
];
const SECRET_TAG_PATTERN = new RegExp(`<(${SECRET_TAGS.join("|")})(\\s[^>]*)?>[\\s\\S]*?</\\1\\s*>`, "gi");
const SECRET_KEYS = new Set(SECRET_TAGS.concat(["senderpassword", "userpassword", "authorization", "cookie"]));

export const REDACTED = "[REDACTED]";

export function escapeForMatch(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export type Redactor = {
  redactText: (text: string) => string;
  redactValue: <T>(value: T) => T;
  /** Registers a secret learned at run time (a session id). */
  addSecret: (secret: string) => void;
};

export function createRedactor(initialSecrets: readonly string[]): Redactor {
  const secrets = new Set<string>();
  let secretPattern: RegExp | undefined;

  const rebuild = () => {
    const variants = new Set<string>();
    for (const secret of secrets) {
      variants.add(secret);
      variants.add(escapeForMatch(secret));
    }
    // Longest first so a secret containing another is replaced whole.
    const sorted = [...variants]
      .sort((a, b) => b.length - a.length)
      .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    secretPattern = sorted.length > 0 ? new RegExp(sorted.join("|"), "g") : undefined;
  };

  const addSecret = (secret: string) => {
    // Very short values would redact ordinary text ("a", "1"); they are still covered by the tag rule.
    if (secret.length < 4 || secrets.has(secret)) return;
    secrets.add(secret);
    rebuild();
  };
  for (const secret of initialSecrets) addSecret(secret);

  const redactText = (text: string): string => {
    let result = text.replace(
      SECRET_TAG_PATTERN,
      (_match, tag: string, attributes: string | undefined) => `<${tag}${attributes ?? ""}>${REDACTED}</${tag}>`,
    );
    if (secretPattern) result = result.replace(secretPattern, REDACTED);
    return result;
  };

  const redactValue = <T>(value: T): T => redactDeep(value, redactText, 0) as T;

  return { redactText, redactValue, addSecret };
}

function redactDeep(value: unknown, redactText: (text: string) => string, depth: number): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof (value as { code?: unknown }).code === "string" ? { code: (value as { code?: string }).code } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactText, depth + 1));
  const output: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    output[key] = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redactDeep(item, redactText, depth + 1);
  }
  return output;
}

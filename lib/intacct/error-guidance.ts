/**
 * THE table that turns Intacct error numbers / texts (and our own transport failures) into guidance an admin can
 * act on. Every user-facing message the client produces comes from here, so product and support review one file.
 *
 * Rules are tried in order; the first whose `errorNo` or `text` matches any error detail wins. Rules with neither
 * are looked up by `code` only (transport failures have no Intacct error number).
 */
export type GuidanceContext = {
  companyId: string;
  senderId: string;
  userId: string;
  httpStatus?: number;
  /** The errors' texts joined, for rules that quote a value out of the description (e.g. the vendor id). */
  text: string;
  /** Intacct's own correction text, when it sent one. */
  correction: string;
};

export type GuidanceCode =
  | "sender-not-authorized"
  | "sender-credentials"
  | "sign-in-failed"
  | "session-expired"
  | "permission-denied"
  | "company-expired"
  | "rate-limited"
  | "malformed-request"
  | "gateway-rejected"
  | "invalid-vendor"
  | "invalid-reference"
  | "duplicate"
  | "result-set-expired"
  | "rolled-back"
  | "not-editable"
  | "query-failed"
  | "network"
  | "connection-refused"
  | "timeout"
  | "server-error"
  | "non-xml"
  | "incomplete-response"
  | "cancelled"
  | "invalid-input"
  | "invalid-character"
  | "invalid-date"
  | "invalid-number"
  | "unknown";

export type GuidanceRule = {
  code: GuidanceCode;
  errorNo?: readonly string[];
  text?: RegExp;
  retryable?: boolean;
  userMessage: (context: GuidanceContext) => string;
};

const quoted = (text: string, pattern: RegExp): string => pattern.exec(text)?.[1] ?? "";

// A user reads these after the client has stopped retrying, so none promises a retry; the caller adds what its
// context knows (the sync: whether anything was posted, and that Retry checks Intacct first).
export const INTACCT_GUIDANCE: readonly GuidanceRule[] = [
  {
    // §4: auth level, XL03000006 "Invalid Web Services Authorization" / "…is not authorized to make Web Services requests…"
    code: "sender-not-authorized",
    text: /not authorized to make web services requests|invalid web services authorization/i,
    userMessage: (c) =>
      `Sender ID '${c.senderId}' is not authorized for company ${c.companyId} — authorize it in Intacct under Company → Setup → Company → Security → Web Services authorizations.`,
  },
  {
    // §4: control level XL03000006 "Incorrect Intacct XML Partner ID or password." (3P); also Web Services not subscribed.
    code: "sender-credentials",
    text: /partner id or password|sender id or password|web services (is |are )?not (enabled|activated|subscribed)|not subscribed to web services/i,
    userMessage: () =>
      "Web Services not activated or Sender ID/Sender Password wrong — contact your Sage Intacct account manager.",
  },
  {
    // §4: 401 XMLGW_JPP0002 or auth-level XL03000006 "Sign-in information is incorrect"
    code: "sign-in-failed",
    errorNo: ["XMLGW_JPP0002"],
    text: /sign-in information is incorrect|invalid (user|company|login)|user .* (is )?(locked|inactive)/i,
    userMessage: (c) =>
      `Sign-in to Sage Intacct failed — check the Company ID (${c.companyId}), Web Services User ID (${c.userId}) and password in the connection settings, and that the user is active.`,
  },
  {
    // §4/§14: the expired-session reply is undocumented; this matches the texts seen in the wild. The client also
    // treats any auth failure on a session request as "expired" and logs in again once (see client.ts).
    code: "session-expired",
    text: /session (has )?(expired|timed out|is (invalid|not valid))|invalid session/i,
    retryable: true,
    userMessage: () => "The Sage Intacct session ended — try again in a minute.",
  },
  {
    code: "permission-denied",
    text: /do not have permission|not have permission for api|permission denied|insufficient permission/i,
    userMessage: (c) =>
      `The Web Services user '${c.userId}' lacks a permission for this action — grant it in Intacct (Company → Admin → Users/Roles) and try again.`,
  },
  {
    code: "company-expired",
    errorNo: ["PL04000055"],
    userMessage: (c) =>
      `The Sage Intacct company ${c.companyId} has expired or is disabled — contact your Sage Intacct account manager.`,
  },
  {
    code: "rate-limited",
    errorNo: ["GW-0010"],
    retryable: true,
    userMessage: () =>
      "Sage Intacct is limiting the request rate for this company — wait a minute and try again; if this happens often, ask Sage about a higher performance tier.",
  },
  {
    code: "malformed-request",
    errorNo: ["XL03000003"],
    userMessage: () =>
      "Sage Intacct could not read a request from this app — this is a bug on our side; please contact support.",
  },
  {
    code: "gateway-rejected",
    errorNo: ["GW-0011"],
    userMessage: () =>
      "The Sage Intacct gateway rejected the request — check the endpoint URL and Company ID in the connection settings.",
  },
  {
    code: "invalid-vendor",
    text: /invalid vendor\s+'([^']*)'/i,
    userMessage: (c) =>
      `Vendor '${quoted(c.text, /invalid vendor\s+'([^']*)'/i)}' is missing or inactive in Sage Intacct — reactivate it there or relink the vendor in the app.`,
  },
  {
    // §4 BL01001973 catch-all: "Invalid Project 'P-19' specified." etc.
    code: "invalid-reference",
    text: /invalid ([a-z][a-z ]*?)\s+'([^']*)'\s+specified/i,
    userMessage: (c) => {
      const match = /invalid ([a-z][a-z ]*?)\s+'([^']*)'\s+specified/i.exec(c.text);
      const object = match?.[1]?.toLowerCase() ?? "record";
      return `The ${object} '${match?.[2] ?? ""}' is missing or inactive in Sage Intacct — reactivate it there or relink it in the app.`;
    },
  },
  {
    code: "duplicate",
    errorNo: ["BL34000061"],
    text: /already exists/i,
    userMessage: () =>
      "A record with the same ID already exists in Sage Intacct — link to the existing record instead of creating a new one.",
  },
  {
    code: "rolled-back",
    errorNo: ["XL03000009"],
    retryable: true,
    userMessage: () =>
      "Not saved: another change in the same batch failed, so Sage Intacct rolled back the whole batch.",
  },
  {
    code: "not-editable",
    text: /cannot (be )?(edit|update|modif)|is (submitted|converted|in progress)/i,
    userMessage: () => "Sage Intacct no longer allows editing this document (it is submitted, converted or finalized).",
  },
  {
    // §7: readMore with an invalid or expired resultId (SDK-PHP's fixture: errorno "readMore failed").
    code: "result-set-expired",
    errorNo: ["readMore failed"],
    text: /readmore with an invalid or expired resultid/i,
    userMessage: () =>
      "Sage Intacct dropped a list while it was being read page by page (it keeps a list only for a while) — start the refresh again.",
  },
  {
    code: "query-failed",
    errorNo: ["DL02000001", "Query Failed"],
    userMessage: () =>
      "Sage Intacct could not run a lookup for this company — this is usually a setup difference; please contact support.",
  },
  {
    code: "connection-refused",
    retryable: true,
    userMessage: () => "Could not reach Sage Intacct — check the endpoint URL and the network, then try again.",
  },
  {
    code: "network",
    retryable: true,
    userMessage: () => "The connection to Sage Intacct dropped before it answered — try again in a minute.",
  },
  {
    code: "timeout",
    retryable: true,
    userMessage: () => "Sage Intacct did not answer in time — try again in a few minutes.",
  },
  {
    code: "server-error",
    retryable: true,
    userMessage: (c) =>
      `Sage Intacct is temporarily unavailable (HTTP ${c.httpStatus ?? "error"}) — try again in a few minutes.`,
  },
  {
    code: "non-xml",
    userMessage: (c) =>
      `Sage Intacct answered with an unexpected page (HTTP ${c.httpStatus ?? "?"}) instead of data — try again later.`,
  },
  {
    code: "incomplete-response",
    userMessage: () => "Sage Intacct sent an incomplete answer — try again in a minute.",
  },
  {
    // Our own cancellation (an AbortSignal), never Intacct's: whatever was already sent may still have been saved.
    code: "cancelled",
    userMessage: () =>
      "The sync was cancelled — anything already sent will be checked against Sage Intacct on the next sync.",
  },
  { code: "invalid-input", userMessage: () => "Some data is not valid for Sage Intacct — correct it and try again." },
  {
    code: "invalid-character",
    userMessage: () => "A value contains an invisible control character that Sage Intacct cannot accept.",
  },
  { code: "invalid-date", userMessage: () => "A date is not valid." },
  { code: "invalid-number", userMessage: () => "An amount is not valid." },
  {
    code: "unknown",
    userMessage: (c) =>
      c.correction
        ? `Sage Intacct rejected the request: ${c.correction}`
        : `Sage Intacct rejected the request${c.text ? `: ${c.text}` : "."}`,
  },
];

export type ErrorDetailLike = { errorNo: string; description: string; description2: string; correction: string };

export function findGuidanceByCode(code: GuidanceCode): GuidanceRule {
  const rule = INTACCT_GUIDANCE.find((candidate) => candidate.code === code);
  if (rule) return rule;
  return INTACCT_GUIDANCE[INTACCT_GUIDANCE.length - 1] as GuidanceRule;
}

/** Matches Intacct error details against the table; falls back to the "unknown" rule, which quotes Intacct's correction. */
export function findGuidance(details: readonly ErrorDetailLike[]): GuidanceRule {
  for (const rule of INTACCT_GUIDANCE) {
    if (!rule.errorNo && !rule.text) continue;
    for (const detail of details) {
      if (rule.text && rule.text.test(`${detail.description} ${detail.description2}`)) return rule;
    }
  }
  // Error numbers are checked after texts: XL03000006 and BL01001973 are catch-alls whose text tells the cases apart (§4).
  for (const rule of INTACCT_GUIDANCE) {
    if (!rule.errorNo) continue;
    if (details.some((detail) => rule.errorNo?.includes(detail.errorNo))) return rule;
  }
  return findGuidanceByCode("unknown");
}

import { IntacctValidationError } from "./errors";

// XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF. Intacct answers a
// request carrying them with XL03000003 (§4, control level) for the whole batch, so we reject the one bad value
// up front with a message that names the field instead.
const FORBIDDEN_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function assertXmlSafe(field: string, value: string): void {
  const match = FORBIDDEN_XML_CHARS.exec(value);
  if (!match) return;
  const codePoint = match[0].codePointAt(0) ?? 0;
  throw new IntacctValidationError({
    code: "invalid-character",
    internalMessage: `Field "${field}" contains the character U+${codePoint.toString(16).toUpperCase().padStart(4, "0")} at position ${match.index}, which XML cannot carry`,
    userMessage: `The value of "${field}" contains an invisible control character that Sage Intacct cannot accept — remove it and try again.`,
  });
}

// Every character either check above could care about: XML specials, C0 controls other than tab/LF/CR, any
// surrogate (lone ones are rejected, pairs pass), U+FFFE/U+FFFF. Ids, dates and amounts contain none of them, so
// the common case is this one test instead of the lookbehind scan plus a second test.
const MAY_NEED_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F&<>"'\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes all five XML specials. Escaping `>` as well as `<` neutralises text that looks like markup or CDATA
 * (`<![CDATA[ … ]]>`), so hostile text always arrives as the literal characters the user typed.
 */
export function escapeXmlText(field: string, value: string): string {
  if (!MAY_NEED_WORK.test(value)) return value;
  assertXmlSafe(field, value);
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPE_ALL, (char) => ESCAPES[char] ?? char);
}

export type CalendarDate = Date | string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Calendar dates are accepted as "YYYY-MM-DD" (preferred: no time zone ambiguity) or as a Date, whose UTC
 * calendar day is used.
 */
export function toDateParts(value: CalendarDate): { year: string; month: string; day: string } {
  if (typeof value === "string") {
    const match = ISO_DATE.exec(value);
    if (!match) {
      throw new IntacctValidationError({
        code: "invalid-date",
        internalMessage: `Expected a YYYY-MM-DD date, got "${value}"`,
        userMessage: `"${value}" is not a valid date.`,
      });
    }
    const [, year = "", month = "", day = ""] = match;
    return { year, month, day };
  }
  if (Number.isNaN(value.getTime())) {
    throw new IntacctValidationError({ code: "invalid-date", internalMessage: "Invalid Date", userMessage: "A date is invalid." });
  }
  return {
    year: String(value.getUTCFullYear()).padStart(4, "0"),
    month: String(value.getUTCMonth() + 1).padStart(2, "0"),
    day: String(value.getUTCDate()).padStart(2, "0"),
  };
}

/** §2: generic functions (create/update/query filters) take mm/dd/yyyy. */
export function formatGenericDate(value: CalendarDate): string {
  const { year, month, day } = toDateParts(value);
  return `${month}/${day}/${year}`;
}

/** §2: legacy functions (create_potransaction) take <year><month><day>. */
export function formatLegacyDate(value: CalendarDate): { year: string; month: string; day: string } {
  return toDateParts(value);
}

/** §7: query/readByQuery timestamps are 'mm/dd/yyyy HH:MM:SS'; we send UTC ([I] Intacct reads them in the user's zone). */
export function formatGenericTimestamp(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(value.getUTCMonth() + 1)}/${pad(value.getUTCDate())}/${value.getUTCFullYear()} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Amounts go over the wire as plain decimals; exponents ("1e21") are refused rather than silently mangled. */
export function formatDecimal(field: string, value: number | string): string {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!DECIMAL.test(text)) {
    throw new IntacctValidationError({
      code: "invalid-number",
      internalMessage: `Field "${field}" must be a plain decimal, got "${text}"`,
      userMessage: `"${text}" is not a valid amount for ${field}.`,
    });
  }
  return text;
}

/** §7: readByQuery string literals escape a single quote with a backslash (and a backslash itself). */
export function quoteQueryLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

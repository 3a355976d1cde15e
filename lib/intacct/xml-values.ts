import { IntacctValidationError } from "./errors";

// XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF. Intacct answers a
// request carrying them with XL03000003 (§4, control level) for the whole batch, so we reject the one bad value
// up front with a message that names the field instead.
const FORBIDDEN_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

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

const ENTITY: Record<number, string> = { 34: "&quot;", 38: "&amp;", 39: "&apos;", 60: "&lt;", 62: "&gt;" };

/**
 * Escapes all five XML specials. Escaping `>` as well as `<` neutralises text that looks like markup or CDATA
 * (`<![CDATA[ … ]]>`), so hostile text always arrives as the literal characters the user typed. A character XML
 * cannot carry throws assertXmlSafe's error, naming the field.
 *
 * One scan of char codes, because this runs for every value of every function: ids, dates and amounts pass
 * untouched without allocating, and "Smith & Sons" costs one pass instead of two regex scans and a replace.
 */
export function escapeXmlText(field: string, value: string): string {
  let escaped = "";
  let copiedUpTo = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    // Printable text other than the five specials: nothing to do. The specials are " & ' (0x22, 0x26, 0x27) and
    // < > (0x3C, 0x3E); everything from 0x40 up to the surrogates is plain.
    if (
      code >= 0x40
        ? code < 0xd800
        : code >= 0x28
          ? code !== 0x3c && code !== 0x3e
          : code >= 0x20 && code !== 0x22 && code !== 0x26 && code !== 0x27
    )
      continue;
    const entity = ENTITY[code];
    if (entity !== undefined) {
      escaped += value.slice(copiedUpTo, index) + entity;
      copiedUpTo = index + 1;
      continue;
    }
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code >= 0xe000 && code < 0xfffe) continue;
    // A high surrogate followed by a low one is a valid pair (an emoji); anything else here is forbidden.
    if (code <= 0xdbff && code >= 0xd800) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    assertXmlSafe(field, value);
  }
  return copiedUpTo === 0 ? value : escaped + value.slice(copiedUpTo);
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
    throw new IntacctValidationError({
      code: "invalid-date",
      internalMessage: "Invalid Date",
      userMessage: "A date is invalid.",
    });
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

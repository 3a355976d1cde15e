// Date formats Intacct uses: generic functions and query literals take mm/dd/yyyy[ HH:MM:SS] (docs/intacct/gateway.md §2, §7);
// legacy functions take <year><month><day>; the authentication block uses ISO 8601 with an offset (§3).
// The mock keeps every clock in UTC so filters and timestamps compare consistently.

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

export function formatDate(d: Date): string {
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`;
}

// Every function of a request stamps the request's own time (and its audit rows a fresh Date): remember the last
// second formatted instead of formatting it 100 times per batch. The text has whole seconds, so one per second.
let lastStamped: { second: number; text: string } | undefined;

export function formatTimestamp(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (lastStamped?.second === second) return lastStamped.text;
  const text = `${formatDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  lastStamped = { second, text };
  return text;
}

export function formatIsoWithOffset(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}+00:00`;
}

const DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

// Query filters parse the same stored timestamps over and over (WHENMODIFIED on every row); memoise them.
const parsedDates = new Map<string, number | undefined>();
const PARSED_DATES_CAP = 200_000;

/** Parses 'mm/dd/yyyy[ HH:MM[:SS]]' to epoch ms (UTC), or undefined when it is not a real date. */
export function parseIntacctDate(value: string): number | undefined {
  if (parsedDates.has(value)) return parsedDates.get(value);
  const ms = parseDateUncached(value);
  if (parsedDates.size >= PARSED_DATES_CAP) parsedDates.clear();
  parsedDates.set(value, ms);
  return ms;
}

function parseDateUncached(value: string): number | undefined {
  const m = DATE_PATTERN.exec(value.trim());
  if (!m) return undefined;
  const [month, day, year, hh, mm, ss] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) =>
    p === undefined ? 0 : Number(p),
  );
  return buildUtc(year ?? 0, month ?? 0, day ?? 0, hh ?? 0, mm ?? 0, ss ?? 0);
}

export function buildUtc(year: number, month: number, day: number, hh = 0, mm = 0, ss = 0): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hh, mm, ss);
  const d = new Date(ms);
  // Reject rollovers such as 02/30/2025.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return ms;
}

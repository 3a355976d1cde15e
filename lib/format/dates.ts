// Every date and time the app shows goes through this module. Two kinds:
// - moments (when something happened: submitted, synced, refreshed) are shown in the company's time zone
//   (Company.timeZone, an IANA zone), with the zone's abbreviation so nobody mistakes it for their own clock;
// - calendar dates (contract start, invoice and due dates) are DATE columns stored as UTC midnights: they are
//   shown in UTC so they never shift a day, whatever the company's zone.

/** Shown until an admin sets the company's zone. */
export const DEFAULT_TIME_ZONE = "UTC";

const dateFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

// Intl formatters are costly to build and a page formats hundreds of moments: one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      "en-US",
      withTime
        ? { dateStyle: "medium", timeStyle: "short", timeZone }
        : { year: "numeric", month: "short", day: "numeric", timeZone },
    );
    formatters.set(key, formatter);
  }
  return formatter;
}

/** True for a zone this runtime knows ("America/Chicago", "UTC"); false for anything else. */
export function isValidTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function zoneOrDefault(timeZone: string | null | undefined): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

// The zone's short name at that moment ("CST", "CDT", "UTC"); where Intl only knows an offset ("GMT+5:30") that
// is what people read anyway.
function zoneAbbreviation(value: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(value)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** A calendar date (DATE column): "Mar 1, 2026", never shifted by a zone. */
export function formatDate(value: Date | null | undefined): string {
  return value ? dateFormat.format(value) : "—";
}

/** A moment in the company's zone: "Dec 2, 2026, 5:24 PM CST". */
export function formatDateTime(value: Date | string | null | undefined, timeZone: string | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  const zone = zoneOrDefault(timeZone);
  return `${formatterFor(zone, true).format(date)} ${zoneAbbreviation(date, zone)}`;
}

/** The company's calendar day of a moment (an approval): "Dec 2, 2026" where the company was on Dec 2. */
export function formatDayOf(value: Date | string | null | undefined, timeZone: string | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "—";
  return formatterFor(zoneOrDefault(timeZone), false).format(date);
}

export function toDateInput(value: Date | null | undefined): string {
  return value ? value.toISOString().slice(0, 10) : "";
}

/** "YYYY-MM-DD" plus `days` calendar days, as "YYYY-MM-DD"; "" for anything that is not such a date. */
export function addDaysToDateInput(value: string, days: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "";
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return "";
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today's date where the company is, as "YYYY-MM-DD" (a new contract's start, a new invoice's date). */
export function todayInZone(timeZone: string | null | undefined, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: zoneOrDefault(timeZone),
  }).format(now);
}

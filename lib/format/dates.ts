const dateFormat = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

// Calendar dates (contract start, invoice date) are stored as DATE columns and shown in UTC so they never shift a day.
export function formatDate(value: Date | null | undefined): string {
  return value ? dateFormat.format(value) : "—";
}

export function formatDateTime(value: Date | null | undefined): string {
  return value ? `${dateTimeFormat.format(value)} UTC` : "—";
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

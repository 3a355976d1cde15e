import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDayOf, isValidTimeZone, todayInZone } from "@/lib/format/dates";

// 23:30 UTC on Dec 2 is 5:30 PM in Chicago (CST, UTC−6) and already Dec 3 in Tokyo.
const MOMENT = new Date("2026-12-02T23:30:00.000Z");

describe("times in the company's time zone", () => {
  it("shows a moment in the company's zone, with the zone's name", () => {
    expect(formatDateTime(MOMENT, "America/Chicago")).toBe("Dec 2, 2026, 5:30 PM CST");
    expect(formatDateTime(MOMENT, "Asia/Tokyo")).toBe("Dec 3, 2026, 8:30 AM GMT+9");
    expect(formatDateTime(MOMENT, "UTC")).toBe("Dec 2, 2026, 11:30 PM UTC");
  });

  it("follows daylight saving time: a summer moment in Chicago is CDT", () => {
    expect(formatDateTime(new Date("2026-07-01T17:00:00.000Z"), "America/Chicago")).toBe("Jul 1, 2026, 12:00 PM CDT");
  });

  it("shows UTC when the company has no zone or an unknown one, and a dash for no moment", () => {
    expect(formatDateTime(MOMENT, undefined)).toBe("Dec 2, 2026, 11:30 PM UTC");
    expect(formatDateTime(MOMENT, "Mars/Olympus_Mons")).toBe("Dec 2, 2026, 11:30 PM UTC");
    expect(formatDateTime(null, "America/Chicago")).toBe("—");
    expect(formatDateTime("not a date", "America/Chicago")).toBe("—");
  });

  it("reads a moment sent as ISO text (a client component's props) the same as a Date", () => {
    expect(formatDateTime(MOMENT.toISOString(), "America/Chicago")).toBe(formatDateTime(MOMENT, "America/Chicago"));
  });

  it("gives an approval the company's calendar day, not UTC's", () => {
    expect(formatDayOf(MOMENT, "America/Chicago")).toBe("Dec 2, 2026");
    expect(formatDayOf(MOMENT, "Asia/Tokyo")).toBe("Dec 3, 2026");
  });

  it("never shifts a calendar date (a DATE column at UTC midnight), whatever the zone", () => {
    const due = new Date("2026-03-01T00:00:00.000Z");
    expect(formatDate(due)).toBe("Mar 1, 2026");
  });

  it("knows today's date where the company is", () => {
    expect(todayInZone("America/Chicago", MOMENT)).toBe("2026-12-02");
    expect(todayInZone("Asia/Tokyo", MOMENT)).toBe("2026-12-03");
  });

  it("accepts IANA zones and refuses anything else", () => {
    expect(isValidTimeZone("America/Chicago")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    for (const bad of ["", "Chicago", "America/Nowhere", "x".repeat(80)]) expect(isValidTimeZone(bad)).toBe(false);
  });
});

// One formatter: no page or component builds its own date format (it would show UTC, or the server's zone).
describe("every time shown goes through lib/format/dates", () => {
  const root = path.resolve(import.meta.dirname, "../../..");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : /\.tsx?$/.test(name) ? [full] : [];
    });
  const files = ["app", "components", "lib"]
    .flatMap((dir) => walk(path.join(root, dir)))
    .filter(
      (file) => !file.includes(`${path.sep}generated${path.sep}`) && !file.includes(`${path.sep}intacct${path.sep}`),
    );

  it("has no Intl.DateTimeFormat, toLocaleDateString, toLocaleTimeString or toUTCString outside lib/format", () => {
    // Reading the browser's zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`) is not formatting.
    const formatsDates = /Intl\.DateTimeFormat\((?!\)\.resolvedOptions)|\.toLocale(Date|Time)String\(|\.toUTCString\(/;
    const offenders = files
      .filter((file) => !file.includes(`lib${path.sep}format${path.sep}`))
      .filter((file) => formatsDates.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});

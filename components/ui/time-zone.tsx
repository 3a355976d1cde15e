"use client";

import { createContext, type ReactNode, useContext } from "react";
import { DEFAULT_TIME_ZONE, formatDateTime, formatDayOf } from "@/lib/format/dates";

// The company's time zone for client components: the app layout (a server component, which knows the company)
// provides it once, so no component fetches it and server and client render the same text.
const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

/** A moment in the company's zone, as a <time> element with the exact instant for tools and screen readers. */
export function DateTime({ value, dayOnly = false }: { value: Date | string | null | undefined; dayOnly?: boolean }) {
  const timeZone = useTimeZone();
  if (!value) return <>—</>;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return <>—</>;
  return (
    <time dateTime={date.toISOString()}>{dayOnly ? formatDayOf(date, timeZone) : formatDateTime(date, timeZone)}</time>
  );
}

// The log of gateway requests behind GET /__mock/requests and the per-request console line: bounded, with counts
// per function that survive the cap.
import type { RequestLogEntry } from "./server";

const REQUEST_LOG_CAP = 2_000;

export function createRequestLog(logLine: ((line: string) => void) | undefined) {
  const entries: RequestLogEntry[] = [];
  let counter = 0;
  let functionCounts: Record<string, number> = {};
  return {
    record(entry: Omit<RequestLogEntry, "id" | "at">, started: number): void {
      const full: RequestLogEntry = { id: ++counter, at: new Date(started).toISOString(), ...entry };
      entries.push(full);
      if (entries.length > REQUEST_LOG_CAP) entries.shift();
      for (const f of entry.functions) functionCounts[f.function] = (functionCounts[f.function] ?? 0) + 1;
      if (!logLine) return;
      const fns = entry.functions.map((f) => `${f.function}${f.object ? `(${f.object})` : ""}:${f.status}`).join(" ");
      const detail = entry.functions.length === 0 && entry.errors[0] ? ` ${entry.errors[0]}` : "";
      logLine(
        `${full.at} ${entry.method} ${entry.path} ${entry.status} ${entry.durationMs}ms ${entry.companyId || "-"}` +
          `${fns ? ` ${fns}` : ""}${detail}${entry.fault ? ` fault=${entry.fault}` : ""}`,
      );
    },
    list: () => ({ total: counter, counts: { ...functionCounts }, requests: [...entries] }),
    clear(): void {
      entries.length = 0;
      counter = 0;
      functionCounts = {};
    },
  };
}

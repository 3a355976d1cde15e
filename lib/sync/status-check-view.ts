// The company's status check as pages follow it ("Check Intacct now", the last check time): the state
// readStatusCheckState gives, with ISO times so it crosses a server action as is.
import "server-only";
import type { Db } from "@/lib/db/client";
import { readStatusCheckState } from "./status-check";

/** The company's status check as a page follows it: ISO times, so it crosses a server action as is. */
export type StatusCheckView = {
  running: boolean;
  queued: boolean;
  lastCheckedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string;
  nextDueAt: string | null;
};

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

export function toStatusCheckView(state: Awaited<ReturnType<typeof readStatusCheckState>>): StatusCheckView {
  return {
    running: state.running,
    // A check waiting for a worker is not recorded until it starts; the page follows it by the finish time instead.
    queued: false,
    lastCheckedAt: iso(state.lastSuccessAt),
    lastFinishedAt: iso(state.lastCheckedAt),
    lastError: state.lastError,
    nextDueAt: iso(state.nextDueAt),
  };
}

export async function loadStatusCheckView(db: Db, companyId: string): Promise<StatusCheckView> {
  return toStatusCheckView(await readStatusCheckState(db, companyId));
}
